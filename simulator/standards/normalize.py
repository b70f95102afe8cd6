"""Text normalization for matching: Simplified characters, folded widths, no punctuation.

Everything the grader and the call engine compare goes through `normalize` first, so an
utterance typed with full-width punctuation, recognized in Traditional characters, or
spaced out by the recognizer compares equal to the catalog's phrase.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from opencc import OpenCC

# Anything that is not a letter or a digit (str.isalnum): punctuation, spaces, symbols.
_NOT_ALNUM = re.compile(r"[\W_]+")


@cache
def _t2s() -> tuple[OpenCC, frozenset[str]]:
    """The OpenCC converter, and characters at least one of which any change needs."""
    converter = OpenCC("t2s")
    converter.convert("測")  # loads the dictionaries
    # Reaching into the loaded dictionaries lets plain Simplified text (nearly every
    # utterance) skip the converter, which costs tens of microseconds per sentence.
    tables = [table for group in converter._dict_chain_data for *_, table in group]
    changed = [(key, value.split(" ")[0]) for table in tables for key, value in table.items()]
    singles = {key for key, value in changed if len(key) == 1 and key != value}
    chars = set(singles)
    for key, value in changed:
        # A phrase conversion needs the whole phrase: one of its characters the
        # single-character table changes, or else the characters it changes itself.
        if len(key) > 1 and key != value and singles.isdisjoint(key):
            chars.update(_changed(key, value))
    return converter, frozenset(chars)


def _changed(key: str, value: str) -> str:
    """The characters of `key` that its conversion `value` changes (all if lengths differ)."""
    if len(key) != len(value):
        return key
    return "".join(k for k, v in zip(key, value, strict=True) if k != v)


@lru_cache(maxsize=16384)
def to_simplified(text: str) -> str:
    """`text` with Traditional characters converted to Simplified (OpenCC t2s)."""
    converter, convertible = _t2s()
    if convertible.isdisjoint(text):
        return text
    result: str = converter.convert(text)
    return result


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """`text` in NFKC (widths folded) and Simplified characters; punctuation kept."""
    return to_simplified(unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=65536)
def normalize(text: str) -> str:
    """The form phrases are compared in.

    NFKC (full-width letters, digits and punctuation folded to half width), Traditional to
    Simplified, Latin lower-cased, and everything that is not a letter or a digit
    (punctuation, spaces, symbols, emoji) removed. 「您好，請問有什麼可以幫您？」 becomes
    「您好请问有什么可以帮您」.
    """
    folded = fold(text).lower()
    if folded.isalnum():
        return folded
    return _NOT_ALNUM.sub("", folded)


@lru_cache(maxsize=16384)
def clauses(text: str) -> tuple[str, ...]:
    """The normalized clauses of `text`: the stretches between punctuation or spaces.

    Empty clauses are dropped; joining the result gives `normalize(text)`. Used where a
    word is only wrong on its own (a lone 「喂」).
    """
    # Folding the whole text first is the same as folding each clause: no conversion
    # spans punctuation.
    folded = fold(text).lower()
    return tuple(part for part in _NOT_ALNUM.split(folded) if part)


# Where a sentence ends: its final punctuation, or a line break.
_SENTENCE_END = re.compile(r"(?<=[。！？!?；;…\n])")


@lru_cache(maxsize=16384)
def sentences(text: str) -> tuple[str, ...]:
    """The sentences of `text` as said (punctuation kept), split after sentence-final
    punctuation; those with nothing to normalize are dropped, so normalizing each and
    joining gives `normalize(text)`. A recognized utterance has no punctuation: it is one
    sentence."""
    return tuple(part for part in _SENTENCE_END.split(text) if normalize(part))


def sentence_starts(text: str) -> tuple[tuple[int, str], ...]:
    """Each sentence of `text` (see `sentences`) with the index in `normalize(text)` at
    which it starts."""
    found: list[tuple[int, str]] = []
    start = 0
    for sentence in sentences(text):
        found.append((start, sentence))
        start += len(normalize(sentence))
    return tuple(found)


def sentence_at(text: str, index: int) -> tuple[int, str] | None:
    """The sentence of `text` holding normalized index `index`, with its start (see
    `sentence_starts`); None when the index lies past the text."""
    for offset, sentence in sentence_starts(text):
        if offset <= index < offset + len(normalize(sentence)):
            return offset, sentence
    return None


def said(text: str, start: int, end: int) -> str:
    """The words of `text` behind normalized indices [start, end), punctuation inside
    kept (「刚才不是跟您说过了吗，您怎么」, not 「跟您说过了吗您怎么」 joined up), so evidence
    quotes what was said. Falls back to the normalized span when the text does not
    normalize character by character (a rare multi-character conversion)."""
    normalized = normalize(text)
    owner: list[int] = []
    for index, char in enumerate(text):
        owner.extend([index] * len(normalize(char)))
    if len(owner) != len(normalized) or not 0 <= start < end <= len(owner):
        return normalized[start:end]
    return text[owner[start] : owner[end - 1] + 1]
