"""Precomputed forms of utterances and phrases: the strings the matcher searches.

An utterance becomes a `TextForms` (normalized text, its pinyin symbol strings, and on
demand a copy with every number replaced by `#`); a catalog phrase becomes a
`CompiledPhrase` (its parts between `…`, each normalized, with `{n}` as `#`). Both are
built once and cached, so matching itself is only string search and rapidfuzz calls.
"""

from __future__ import annotations

from dataclasses import dataclass

from simulator.standards.models import GAP_MARKERS, NUMBER_PLACEHOLDER
from simulator.standards.normalize import clauses, normalize
from simulator.standards.numbers import numeral_spans
from simulator.standards.pinyin import Readings, char_bits

NUMBER_MARK = "#"
"""Stands for one number in masked text; never part of normalized text."""


@dataclass(frozen=True)
class Form:
    """One searchable version of a text, all strings aligned with `text`."""

    text: str
    strict: str
    """One pinyin symbol per character."""
    loose: str
    """Three folded pinyin symbols per character."""
    chars: int
    sounds: int
    """Bit sets of the characters and folded syllables (3-symbol chunks of `loose`):
    cheap bounds before any approximate alignment."""
    starts: tuple[int, ...] | None = None
    """For masked text: where each character (and the end) lies in the normalized text."""

    def to_normalized(self, start: int, end: int) -> tuple[int, int]:
        if self.starts is None:
            return start, end
        return self.starts[start], self.starts[end]


def make_form(text: str, readings: Readings, starts: tuple[int, ...] | None = None) -> Form:
    return Form(
        text,
        readings.strict(text),
        readings.loose(text),
        char_bits(text),
        readings.sound_bits(text),
        starts,
    )


def mask_numbers(text: str) -> tuple[str, tuple[int, ...]]:
    """`text` with each run of numerals replaced by `#`, and the index map back."""
    spans = numeral_spans(text)
    if not spans:
        return text, tuple(range(len(text) + 1))
    pieces: list[str] = []
    starts: list[int] = []
    cursor = 0
    for start, end in spans:
        pieces.append(text[cursor:start])
        starts.extend(range(cursor, start))
        pieces.append(NUMBER_MARK)
        starts.append(start)
        cursor = end
    pieces.append(text[cursor:])
    starts.extend(range(cursor, len(text)))
    starts.append(len(text))
    return "".join(pieces), tuple(starts)


@dataclass(frozen=True)
class Marked:
    """Normalized text with a `|` between clauses, and its pinyin symbols likewise."""

    text: str
    strict: str

    def to_normalized(self, index: int) -> int:
        """The index in the normalized text (no breaks) of `index` in the marked text."""
        return index - self.text.count("|", 0, index)


class TextForms:
    """The forms of one utterance: plain, and (built on first use) number-masked."""

    __slots__ = ("_marked", "_masked", "plain", "raw", "readings")

    def __init__(self, raw: str, readings: Readings) -> None:
        self.raw = raw
        self.readings = readings
        self.plain = make_form(normalize(raw), readings)
        self._masked: Form | None = None
        self._marked: Marked | None = None

    @property
    def marked(self) -> Marked:
        """The clauses joined by `|`, by characters and by sound (what patterns search)."""
        if self._marked is None:
            parts = clauses(self.raw)
            self._marked = Marked(
                "|".join(parts), "|".join(self.readings.strict(part) for part in parts)
            )
        return self._marked

    @property
    def normalized(self) -> str:
        return self.plain.text

    @property
    def masked(self) -> Form:
        if self._masked is None:
            text, starts = mask_numbers(self.plain.text)
            self._masked = make_form(text, self.readings, starts)
        return self._masked


@dataclass(frozen=True)
class Part:
    """A stretch of a phrase that must appear contiguously."""

    text: str
    strict: str
    loose: str
    chars: int
    sounds: int
    fuzzy: bool
    """Long enough to be matched approximately (shorter parts need exact sound)."""


@dataclass(frozen=True)
class CompiledPhrase:
    """A catalog phrase ready for matching."""

    phrase: str
    """As written in the catalog (what a `Match` reports)."""
    parts: tuple[Part, ...]
    masked: bool
    """Has `{n}`: matched against number-masked text."""
    group: str | None = None

    @property
    def plain_text(self) -> str | None:
        """The normalized text when the phrase is one plain part, else None."""
        if self.masked or len(self.parts) != 1:
            return None
        return self.parts[0].text


def split_parts(phrase: str) -> list[str]:
    """The normalized parts of a phrase: split at `…`, `{n}` written as `#`."""
    pieces = [phrase]
    for marker in GAP_MARKERS:
        pieces = [piece for chunk in pieces for piece in chunk.split(marker)]
    masked = NUMBER_PLACEHOLDER in phrase
    parts: list[str] = []
    for piece in pieces:
        text = NUMBER_MARK.join(normalize(seg) for seg in piece.split(NUMBER_PLACEHOLDER))
        if masked:
            text = mask_numbers(text)[0]
        if text.strip(NUMBER_MARK) or NUMBER_MARK in text:
            parts.append(text)
    return parts


def compile_phrase(
    phrase: str, readings: Readings, min_length: int, group: str | None = None
) -> CompiledPhrase:
    parts = []
    for text in split_parts(phrase):
        parts.append(
            Part(text, readings.strict(text), readings.loose(text), char_bits(text),
                 readings.sound_bits(text), len(text) >= min_length)
        )  # fmt: skip
    return CompiledPhrase(phrase, tuple(parts), NUMBER_PLACEHOLDER in phrase, group)
