"""Intent patterns: the meaning-bearing parts of a standard move, with their alternatives.

A catalog group may list `patterns` beside its phrases. A pattern is written in a small
language a trainer can read:

- plain characters must appear in order, next to each other: 「还有」;
- `(其他|其它|别的)` one of several alternatives, nested freely: 「(帮|帮助|帮忙|帮到)您」;
- `?` after a character or a group makes it optional: 「请问?」「(的)?」;
- `…` anything in between, up to `GAP` characters: 「感谢…来电…再见」;
- `~` the same, but within one clause: 「^您好，~热线$」 is a greeting and a clause that ends
  in 热线, where 「^您好，…热线$」 would also take 「您好，请问有人在吗？这里是12345热线」;
- `{n}` any number, in Arabic or Chinese numerals: 「{n}(个)?(小时|工作日)内」;
- `{feeling}` any word of a word class (`simulator.standards.words`): 「(我|我们)(能)?(理解|
  明白)…{feeling}」 reads every word for how a caller feels;
- `^` at the start, `$` at the end: the match must start (end) a clause, where the
  utterance has punctuation or begins (ends): 「^喂$」 is a lone 喂, 「我没办法$」 ends there;
- `，` a pause between clauses, or none: 「(哈哈|呵呵)，(这个)?不能说」 is a laugh and the
  refusal right after it, in one clause or two (any other punctuation is only for legibility);
- `(!我们|咱们)` not right after any of these words: 「(!我们|咱们)(中心|公司)会…联系您」 is
  another office's promise, while 「我们中心会联系您」 is the agent's own (plain words only).

Patterns are matched on normalized text (Simplified, no punctuation or spaces) and again on
its pinyin (one symbol per syllable), so 「邦您」 for 「帮您」 still matches. Compilation turns
a pattern into two regular expressions, one per form; nothing else of regex syntax is
accepted, so a stray `*` or `[` is reported instead of silently meaning something.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from simulator import cache as disk_cache
from simulator.standards.normalize import normalize
from simulator.standards.words import WORD_CLASSES

GAP = 12
"""How many characters `…` may skip: far enough for a name or a clause, not a whole call."""
NUMERALS = "0123456789零〇一二两三四五六七八九十百千万幺"
_META = set("()|?")
_NUMBER = "{n}"


class PatternError(ValueError):
    """A pattern that does not follow the pattern language; the message says what to fix."""


@dataclass(frozen=True)
class _Lit:
    char: str


@dataclass(frozen=True)
class _Gap:
    within_clause: bool = False
    """`~`: the skipped text holds no clause break."""


@dataclass(frozen=True)
class _Num:
    pass


@dataclass(frozen=True)
class _Break:
    """`，`: an optional clause break."""


@dataclass(frozen=True)
class _NotAfter:
    """`(!甲|乙)`: the text right before this point is none of these words."""

    words: tuple[str, ...]


@dataclass(frozen=True)
class _Alt:
    options: tuple[tuple[_Node, ...], ...]


@dataclass(frozen=True)
class _Opt:
    node: _Node


_Node = _Lit | _Gap | _Num | _Break | _NotAfter | _Alt | _Opt


_TOKEN = re.compile(r"\{[a-z_]+\}|…|\.\.\.|.", re.DOTALL)
_CLASS = re.compile(r"\{[a-z_]+\}")
_NOT_AFTER = re.compile(r"\(![^()]*\)")


def _tokens(pattern: str) -> list[str]:
    """Split into single characters, keeping `{n}`, word classes and `…` / `...` whole."""
    spelled = {"...": "…", "～": "~"}
    return [spelled.get(token, token) for token in _TOKEN.findall(pattern)]


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self.tokens = _tokens(pattern)
        self.i = 0

    def parse(self) -> tuple[_Node, ...]:
        nodes = self._sequence(top=True)
        if self.i != len(self.tokens):
            raise PatternError(f"多余的「{self.tokens[self.i]}」：括号不配对")
        if not any(_has_text(node) for node in nodes):
            raise PatternError("模式里没有文字")
        return nodes

    def _sequence(self, top: bool) -> tuple[_Node, ...]:
        nodes: list[_Node] = []
        while self.i < len(self.tokens):
            token = self.tokens[self.i]
            if token in ("|", ")"):
                if top:
                    raise PatternError(f"「{token}」只能用在括号里，如 (其他|其它)")
                break
            self.i += 1
            node: _Node
            if token == "(" and self.tokens[self.i : self.i + 1] == ["!"]:
                node = self._not_after()
            elif token == "(":
                node = self._group()
            elif token == "?":
                if not nodes or isinstance(nodes[-1], _Opt | _Gap | _NotAfter):
                    raise PatternError("「?」要跟在一个字或一组括号后面，如 请问? 或 (的)?")
                nodes[-1] = _Opt(nodes[-1])
                continue
            elif token in ("…", "~"):
                node = _Gap(within_clause=token == "~")
            elif token == _NUMBER:
                node = _Num()
            elif token == "，":
                node = _Break()
            elif _CLASS.fullmatch(token):
                node = _word_class(token)
            else:
                literal = self._literal(token)
                if literal is None:
                    continue
                node = literal
            nodes.append(node)
        return tuple(nodes)

    def _not_after(self) -> _NotAfter:
        """`(!甲|乙)`, after its `(`: plain words only, so the check reads a fixed stretch."""
        self.i += 1
        words: list[str] = []
        word = ""
        while self.i < len(self.tokens) and self.tokens[self.i] != ")":
            token = self.tokens[self.i]
            self.i += 1
            if token == "|":
                words.append(word)
                word = ""
            elif token in "()?…~!" or token in "[]{}*+\\^$." or len(token) > 1:
                raise PatternError(f"「(!…)」里只能写词语，用 | 分开，不能有「{token}」")
            else:
                word += normalize(token)
        if self.i >= len(self.tokens):
            raise PatternError("缺少右括号「)」")
        self.i += 1
        words.append(word)
        if not all(words):
            raise PatternError("「(!…)」里有空的选项：写出前面不能是的词，如 (!我们|咱们)")
        return _NotAfter(tuple(words))

    def _group(self) -> _Alt:
        options: list[tuple[_Node, ...]] = []
        while True:
            options.append(self._sequence(top=False))
            if self.i >= len(self.tokens):
                raise PatternError("缺少右括号「)」")
            token = self.tokens[self.i]
            self.i += 1
            if token == ")":
                break
        if all(not option for option in options):
            raise PatternError("空括号「()」")
        if any(not option for option in options):
            # An empty alternative (often punctuation, which normalizing removes) would make
            # the whole group optional without saying so.
            raise PatternError("括号里有空的选项：要让一组可省略，请在括号后加 ?")
        return _Alt(tuple(options))

    @staticmethod
    def _literal(token: str) -> _Lit | None:
        if token in "[]{}*+\\^$.":
            raise PatternError(
                f"模式里不能用「{token}」：可选用 (甲|乙)，可省略用 ?，中间任意内容用 …"
            )
        text = normalize(token)
        # Punctuation and spaces vanish in normalized text; they may be written for legibility.
        return _Lit(text) if text else None


def _word_class(token: str) -> _Alt:
    """`{feeling}`: one of the class's words."""
    words = WORD_CLASSES.get(token[1:-1])
    if words is None:
        known = "、".join(f"{{{name}}}" for name in ("n", *WORD_CLASSES))
        raise PatternError(f"没有「{token}」这个词类：可用的有 {known}")
    return _Alt(tuple((_Lit(normalize(word)),) for word in words))


def _has_text(node: _Node) -> bool:
    if isinstance(node, _Lit):
        return True
    if isinstance(node, _Alt):
        return any(any(_has_text(n) for n in option) for option in node.options)
    if isinstance(node, _Opt):
        return False
    return False


def _length(nodes: tuple[_Node, ...]) -> int:
    """Characters an alternative spells out (optional parts and gaps count nothing)."""
    total = 0
    for node in nodes:
        if isinstance(node, _Lit):
            total += len(node.char)
        elif isinstance(node, _Alt):
            total += max(_length(option) for option in node.options)
    return total


def _render(nodes: tuple[_Node, ...], char: Callable[[str], str], number: str) -> str:
    out: list[str] = []
    for node in nodes:
        if isinstance(node, _Lit):
            out.append("".join(re.escape(char(c)) for c in node.char))
        elif isinstance(node, _Gap) and node.within_clause:
            out.append(f"[^{re.escape(CLAUSE_BREAK)}]{{0,{GAP}}}?")
        elif isinstance(node, _Gap):
            out.append(f".{{0,{GAP}}}?")
        elif isinstance(node, _Num):
            out.append(number)
        elif isinstance(node, _Break):
            out.append(f"(?:{re.escape(CLAUSE_BREAK)})?")
        elif isinstance(node, _NotAfter):
            # One look-behind per word: Python's look-behind takes one fixed width.
            for word in node.words:
                out.append("(?<!" + "".join(re.escape(char(c)) for c in word) + ")")
        elif isinstance(node, _Alt):
            # Longest alternative first: a regex takes the first that fits, and the span
            # should cover 「聊天」 rather than stop at 「聊」.
            ordered = sorted(node.options, key=_length, reverse=True)
            options = "|".join(_render(option, char, number) for option in ordered)
            out.append(f"(?:{options})")
        else:
            out.append(f"(?:{_render((node.node,), char, number)})?")
    return "".join(out)


def literal_runs(pattern: str) -> list[str]:
    """The plain-text stretches of a pattern (for reading characters in context)."""
    plain = _CLASS.sub(" ", _NOT_AFTER.sub(" ", pattern))
    return [run for run in re.split(r"[()|?…~～.\s]+", plain) if normalize(run)]


CLAUSE_BREAK = "|"
"""Separates clauses in the text patterns search (see `TextForms.marked`)."""
_CLAUSE_START = r"(?:^|(?<=\|))"
_CLAUSE_END = r"(?=\||$)"


_Requires = tuple[frozenset[str], tuple[frozenset[str], ...]]
"""Required parts as (characters all of which must appear, sets one of each must)."""


def _split_requires(requires: tuple[frozenset[str], ...]) -> _Requires:
    single = frozenset(c for need in requires if len(need) == 1 for c in need)
    return single, tuple(need for need in requires if len(need) > 1)


class CompiledPattern:
    """A pattern ready to search clause-marked text, and its one-symbol pinyin.

    The regular expressions are compiled on first use: a catalog has well over a thousand
    of them, and the index of required characters (`needs`) keeps most from ever running
    for a given call, so compiling them all up front would only slow every start.
    """

    __slots__ = (
        "_nodes", "_requires_sound", "_requires_text", "_sound", "_strict", "_text", "anchors",
        "needs",
        "pattern", "requires",
    )  # fmt: skip

    def __init__(
        self,
        pattern: str,
        parse: _Parse,
        anchors: tuple[bool, bool],
        strict: Callable[[str], str],
    ) -> None:
        self.pattern = pattern
        self.anchors = anchors
        self._strict = strict
        self._nodes: tuple[_Node, ...] = parse[0]
        self.requires: tuple[frozenset[str], ...] = parse[1]
        """Sets of characters one of each of which any match contains: a text must meet
        each of them."""
        # The most telling: fewest everyday characters (a text almost always holds 您 or 的,
        # so a pattern filed under them is tried on nearly every text), then the smallest.
        self.needs: frozenset[str] = min(self.requires, key=_commonness, default=frozenset())
        """Characters one of which any match contains (empty: no such set): a text without
        any of them is skipped without running the expression."""
        self._requires_text: _Requires | None = None
        self._requires_sound: _Requires | None = None
        self._text: re.Pattern[str] | None = None
        self._sound: re.Pattern[str] | None = None

    @property
    def needs_sound(self) -> frozenset[str]:
        """The same as `needs`, as syllable symbols, for the search by sound."""
        return frozenset(self._strict(c) for c in self.needs)

    def may_match(self, present: set[str], *, sound: bool) -> bool:
        """Whether a text made of the characters (or syllable symbols) `present` holds
        something of every part the pattern requires; False rules a match out."""
        if sound:
            if self._requires_sound is None:
                self._requires_sound = _split_requires(
                    tuple(frozenset(self._strict(c) for c in need) for need in self.requires)
                )
            must, any_of = self._requires_sound
        else:
            if self._requires_text is None:
                self._requires_text = _split_requires(self.requires)
            must, any_of = self._requires_text
        # One C-level subset test for the single characters, which most parts are.
        return must.issubset(present) and all(not need.isdisjoint(present) for need in any_of)

    @property
    def text(self) -> re.Pattern[str]:
        """The expression over normalized, clause-marked text."""
        if self._text is None:
            self._text = self._compile(lambda c: c, f"[{re.escape(NUMERALS)}]+")
        return self._text

    @property
    def sound(self) -> re.Pattern[str]:
        """The expression over the one-symbol pinyin of that text."""
        if self._sound is None:
            # By sound a number matches nothing: 是 and 十, 一 and 医 … sound alike, and a
            # recognizer writes numbers as numerals anyway.
            self._sound = self._compile(self._strict, "(?!)")
        return self._sound

    def _compile(self, char: Callable[[str], str], number: str) -> re.Pattern[str]:
        start, end = self.anchors
        head = _CLAUSE_START if start else ""
        tail = _CLAUSE_END if end else ""
        return re.compile(head + _render(self._nodes, char, number) + tail)


EVERYDAY = frozenset("您你我他她它的是了请在有这那个们一不么吗呢啊吧好就也都还和说要会可以能帮")
"""Characters nearly every agent utterance holds: poor keys for skipping a pattern."""


def _commonness(need: frozenset[str]) -> tuple[int, int]:
    return len(need & EVERYDAY), len(need)


def _firsts(nodes: tuple[_Node, ...]) -> frozenset[str] | None:
    """The smallest set of characters one of which every match of `nodes` contains."""
    best: frozenset[str] | None = None
    for node in nodes:
        found: frozenset[str] | None = None
        if isinstance(node, _Lit):
            found = frozenset(node.char[:1])
        elif isinstance(node, _Alt):
            options = [_firsts(option) for option in node.options]
            if all(option is not None for option in options):
                found = frozenset().union(*(o for o in options if o is not None))
        if found is not None and (best is None or len(found) < len(best)):
            best = found
    return best


def _required(nodes: tuple[_Node, ...]) -> tuple[frozenset[str], ...]:
    """The sets of characters (as `_firsts` finds them) of every node a match must contain."""
    found: list[frozenset[str]] = []
    for node in nodes:
        need = _firsts((node,))
        if need is not None and need not in found:
            found.append(need)
    return tuple(found)


def _anchors(pattern: str) -> tuple[str, bool, bool]:
    body = pattern.strip()
    start = body.startswith("^")
    end = body.endswith("$") and len(body) > 1
    body = body[1 if start else 0 : len(body) - 1 if end else len(body)]
    if "^" in body or "$" in body:
        raise PatternError("「^」只能放在模式开头，「$」只能放在结尾")
    return body, start, end


_Parse = tuple[tuple[_Node, ...], tuple[frozenset[str], ...]]
"""A pattern body's nodes, and the sets of characters a match must meet (`_required`)."""
PARSE_FORMAT = 4
"""Part of the disk cache's key for parses: raise it when the nodes' classes change."""
_prepared: dict[str, _Parse] = {}


def _parse(body: str) -> _Parse:
    nodes = _Parser(body).parse()
    return nodes, _required(nodes)


_parsed_now = lru_cache(maxsize=8192)(_parse)
"""Parses of bodies `prepare` was not given (a scenario's own patterns, a check)."""


def _parsed(body: str) -> _Parse:
    """The parse of a pattern body, shared by checking the catalog and compiling it."""
    found = _prepared.get(body)
    return found if found is not None else _parsed_now(body)


def prepare(patterns: Iterable[str]) -> None:
    """Have `patterns` parsed ahead, read from the disk cache when they were parsed before.

    A catalog's ~1,200 patterns take ~0.06 s to parse and index: a seventh of a short
    command such as `callsim grade ONE.jsonl`. The cache key is the bodies themselves (and
    the code version), so an edited pattern is parsed afresh. A malformed pattern raises
    PatternError here, as compiling it would.
    """
    bodies = sorted({_anchors(pattern)[0] for pattern in patterns} - _prepared.keys())
    if not bodies:
        return
    key = disk_cache.text_key("patterns", [f"format {PARSE_FORMAT}", *bodies])
    _prepared.update(disk_cache.cached("patterns", key, lambda: _parse_all(bodies)))


def _parse_all(bodies: list[str]) -> dict[str, _Parse]:
    """Every body's parse, equal parts made one object: the patterns share most of their
    nodes (the same characters, the same alternatives), and a pickle of the shared parts
    reads back ten times faster than parsing (7 ms against 75 ms) where one of separate
    objects would not (60 ms)."""
    shared: dict[object, object] = {}

    def one(value: Any) -> Any:
        if isinstance(value, tuple):
            value = tuple(one(item) for item in value)
        elif isinstance(value, _Alt):
            value = _Alt(one(value.options))
        elif isinstance(value, _Opt):
            value = _Opt(one(value.node))
        return shared.setdefault(value, value)

    return {body: one(_parse(body)) for body in bodies}


def check_pattern(pattern: str) -> str:
    """`pattern` itself when it follows the pattern language; PatternError otherwise."""
    _parsed(_anchors(pattern)[0])
    return pattern


def compile_pattern(pattern: str, strict: Callable[[str], str]) -> CompiledPattern:
    """`pattern`, parsed and checked; `strict` maps a character to its syllable.

    Raises PatternError at once for a malformed pattern; the expressions themselves are
    compiled when first searched.
    """
    body, start, end = _anchors(pattern)
    return CompiledPattern(pattern, _parsed(body), (start, end), strict)
