"""Intent patterns: the meaning-bearing parts of a standard move, with their alternatives.

A catalog group may list `patterns` beside its phrases. A pattern is written in a small
language a trainer can read:

- plain characters must appear in order, next to each other: 「还有」;
- `(其他|其它|别的)` one of several alternatives, nested freely: 「(帮|帮助|帮忙|帮到)您」;
- `?` after a character or a group makes it optional: 「请问?」「(的)?」;
- `…` anything in between, up to `GAP` characters: 「感谢…来电…再见」;
- `{n}` any number, in Arabic or Chinese numerals: 「{n}(个)?(小时|工作日)内」;
- `^` at the start, `$` at the end: the match must start (end) a clause, where the
  utterance has punctuation or begins (ends): 「^喂$」 is a lone 喂, 「我没办法$」 ends there.

Patterns are matched on normalized text (Simplified, no punctuation or spaces) and again on
its pinyin (one symbol per syllable), so 「邦您」 for 「帮您」 still matches. Compilation turns
a pattern into two regular expressions, one per form; nothing else of regex syntax is
accepted, so a stray `*` or `[` is reported instead of silently meaning something.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from simulator.standards.normalize import normalize

GAP = 12
"""How many characters `…` may skip: far enough for a name or a clause, not a whole call."""
NUMERALS = "0123456789零〇一二两三四五六七八九十百千万幺"
_META = set("()|?")
_NUMBER = "{n}"
_GAPS = ("…", "...")


class PatternError(ValueError):
    """A pattern that does not follow the pattern language; the message says what to fix."""


@dataclass(frozen=True)
class _Lit:
    char: str


@dataclass(frozen=True)
class _Gap:
    pass


@dataclass(frozen=True)
class _Num:
    pass


@dataclass(frozen=True)
class _Alt:
    options: tuple[tuple[_Node, ...], ...]


@dataclass(frozen=True)
class _Opt:
    node: _Node


_Node = _Lit | _Gap | _Num | _Alt | _Opt


def _tokens(pattern: str) -> list[str]:
    """Split into single characters, keeping `{n}` and `…` / `...` whole."""
    tokens: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith(_NUMBER, i):
            tokens.append(_NUMBER)
            i += len(_NUMBER)
            continue
        gap = next((g for g in _GAPS if pattern.startswith(g, i)), None)
        if gap is not None:
            tokens.append("…")
            i += len(gap)
            continue
        tokens.append(pattern[i])
        i += 1
    return tokens


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
            if token == "(":
                node = self._group()
            elif token == "?":
                if not nodes or isinstance(nodes[-1], _Opt | _Gap):
                    raise PatternError("「?」要跟在一个字或一组括号后面，如 请问? 或 (的)?")
                nodes[-1] = _Opt(nodes[-1])
                continue
            elif token == "…":
                node = _Gap()
            elif token == _NUMBER:
                node = _Num()
            else:
                literal = self._literal(token)
                if literal is None:
                    continue
                node = literal
            nodes.append(node)
        return tuple(nodes)

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
        elif isinstance(node, _Gap):
            out.append(f".{{0,{GAP}}}?")
        elif isinstance(node, _Num):
            out.append(number)
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
    plain = pattern.replace(_NUMBER, " ")
    return [run for run in re.split(r"[()|?….\s]+", plain) if normalize(run)]


CLAUSE_BREAK = "|"
"""Separates clauses in the text patterns search (see `TextForms.marked`)."""
_CLAUSE_START = r"(?:^|(?<=\|))"
_CLAUSE_END = r"(?=\||$)"


@dataclass(frozen=True)
class CompiledPattern:
    """A pattern ready to search clause-marked text, and its one-symbol pinyin."""

    pattern: str
    text: re.Pattern[str]
    sound: re.Pattern[str]
    needs: frozenset[str] = frozenset()
    """Characters one of which any match contains (empty: no such set): a text without
    any of them is skipped without running the expression."""
    needs_sound: frozenset[str] = frozenset()
    """The same, as syllable symbols, for the search by sound."""


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


def _anchors(pattern: str) -> tuple[str, bool, bool]:
    body = pattern.strip()
    start = body.startswith("^")
    end = body.endswith("$") and len(body) > 1
    body = body[1 if start else 0 : len(body) - 1 if end else len(body)]
    if "^" in body or "$" in body:
        raise PatternError("「^」只能放在模式开头，「$」只能放在结尾")
    return body, start, end


def check_pattern(pattern: str) -> str:
    """`pattern` itself when it follows the pattern language; PatternError otherwise."""
    _Parser(_anchors(pattern)[0]).parse()
    return pattern


def compile_pattern(pattern: str, strict: Callable[[str], str]) -> CompiledPattern:
    """Both regular expressions of `pattern`; `strict` maps a character to its syllable."""
    body, start, end = _anchors(pattern)
    nodes = _Parser(body).parse()
    text_number = f"[{re.escape(NUMERALS)}]+"
    # By sound a number matches nothing: 是 and 十, 一 and 医 … sound alike, and a
    # recognizer writes numbers as numerals anyway.
    sound_number = "(?!)"
    head = _CLAUSE_START if start else ""
    tail = _CLAUSE_END if end else ""
    needs = _firsts(nodes) or frozenset()
    return CompiledPattern(
        pattern,
        re.compile(head + _render(nodes, lambda c: c, text_number) + tail),
        re.compile(head + _render(nodes, strict, sound_number) + tail),
        needs,
        frozenset(strict(c) for c in needs),
    )
