"""The wordings a phrase group accepts, spelled out: its phrases, keywords and patterns.

`callsim validate` compares a branch's `said:` keywords with them (see said_checks.py).
Patterns are spelled out alternative by alternative (「(陪|和|跟)(您|你)(聊|聊天)」 gives
陪您聊, 陪您聊天, 和你聊 …); a gap (`…`, `~`) or a number (`{n}`) ends a stretch, since a keyword
found across one would not be the group's wording. A pattern with too many spellings falls
back to its plain-text runs.
"""

from __future__ import annotations

from functools import lru_cache

from simulator.standards import Catalog, PhraseGroup, normalize
from simulator.standards.patterns import literal_runs

MAX_SPELLINGS = 5000
"""Spellings per pattern before falling back to its plain-text runs."""
_BREAK = "\x00"
_GAPS = ("…", "...", "~", "～")
_NUMBER = "{n}"
_ANCHORS = "^$"


class _TooMany(Exception):
    pass


def _tokens(pattern: str) -> list[str]:
    tokens: list[str] = []
    i = 0
    while i < len(pattern):
        special = next((s for s in (_NUMBER, *_GAPS) if pattern.startswith(s, i)), None)
        if special is not None:
            tokens.append(_BREAK)
            i += len(special)
        else:
            tokens.append(pattern[i])
            i += 1
    return tokens


def _sequence(tokens: list[str], i: int) -> tuple[set[str], int]:
    """The spellings of the sequence starting at `i`, up to `|`, `)` or the end."""
    spelled = {""}
    while i < len(tokens) and tokens[i] not in "|)":
        token = tokens[i]
        i += 1
        if token == "(" and tokens[i : i + 1] == ["!"]:
            # `(!我们|咱们)` says what may not come before; it spells nothing itself.
            i = tokens.index(")", i) + 1
            continue
        if token == "(":
            item: set[str] = set()
            while True:
                option, i = _sequence(tokens, i)
                item |= option
                i += 1  # the `|` or `)` that ended the option
                if i > len(tokens) or tokens[i - 1] == ")":
                    break
        elif token in _ANCHORS:
            continue
        else:
            item = {token if token == _BREAK else normalize(token)}
        if i < len(tokens) and tokens[i] == "?":
            item.add("")
            i += 1
        spelled = {head + tail for head in spelled for tail in item}
        if len(spelled) > MAX_SPELLINGS:
            raise _TooMany
    return spelled, i


def pattern_words(pattern: str) -> set[str]:
    """The gap-free stretches of every wording `pattern` accepts, normalized."""
    try:
        spelled, _ = _sequence(_tokens(pattern), 0)
    except _TooMany:
        return {normalize(run) for run in literal_runs(pattern)}
    return {part for text in spelled for part in text.split(_BREAK) if part}


def phrase_words(text: str) -> set[str]:
    """A phrase or keyword split where `…` or `{n}` stands, normalized."""
    for marker in (_NUMBER, *_GAPS):
        text = text.replace(marker, _BREAK)
    return {part for part in (normalize(piece) for piece in text.split(_BREAK)) if part}


def group_words(group: PhraseGroup) -> frozenset[str]:
    """Every normalized wording of the group: phrases, keywords, spelled-out patterns."""
    words: set[str] = set()
    for text in group.texts:
        words |= phrase_words(text)
    for pattern in (*group.patterns, *group.weak):
        words |= pattern_words(pattern)
    return frozenset(words)


def opposite_pairs(catalog: Catalog) -> dict[str, tuple[str, ...]]:
    """Each group in an `opposite` relation (either side declares it) and its opposites."""
    pairs: dict[str, set[str]] = {}
    for group in catalog.groups.values():
        for other in group.opposite:
            if other in catalog.groups and other != group.id:
                pairs.setdefault(group.id, set()).add(other)
                pairs.setdefault(other, set()).add(group.id)
    order = list(catalog.groups)
    return {
        group_id: tuple(sorted(others, key=order.index))
        for group_id, others in sorted(pairs.items(), key=lambda item: order.index(item[0]))
    }


@lru_cache(maxsize=8)
def opposed_words(catalog: Catalog) -> dict[str, frozenset[str]]:
    """The wordings of every group that has an opposite, in catalog order."""
    return {group_id: group_words(catalog.group(group_id)) for group_id in opposite_pairs(catalog)}
