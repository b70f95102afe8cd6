"""Finding forbidden phrases (服务禁用语) in an utterance, without false alarms.

A hit is critical (it fails the call), so detection is strict and exceptions are lenient:
- a forbidden phrase is found exactly on normalized text, or exactly by sound
  (「不知到」 is still 「不知道」); never approximately;
- a hit is excused when one of the entry's exceptions covers it: exactly, by sound, or
  approximately (「千里大声一点」 is the recognizer's 「请您大声一点」, which is fine);
- a `standalone` entry (喂, 嘿) only counts as a whole clause (「喂？」「喂喂」) or as the very
  start of the utterance (「喂，说话呀」), never inside a word (「为您服务」).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Literal

from rapidfuzz import fuzz

from simulator.standards.families import FamilyDetector
from simulator.standards.forms import Form, TextForms
from simulator.standards.models import ForbiddenFamily, ForbiddenPhrase
from simulator.standards.normalize import clauses, normalize
from simulator.standards.phrases import Finder
from simulator.standards.pinyin import Readings


@dataclass(frozen=True)
class ForbiddenHit:
    """One forbidden phrase found in an utterance. Indices are into the normalized text."""

    entry: ForbiddenPhrase
    span: str
    start: int
    end: int
    by: Literal["exact", "pinyin", "model"]

    @property
    def text(self) -> str:
        return self.entry.text

    @property
    def source(self) -> str:
        return self.entry.source

    @property
    def instead(self) -> str:
        return self.entry.instead

    @property
    def family(self) -> str:
        """The family id (impatience, not_my_job …), "" for a phrase filed under none."""
        return self.entry.family


@dataclass(frozen=True)
class _Exception:
    text: str
    strict: str
    loose: str
    offset: int
    """Where the forbidden text starts inside the exception."""
    fuzzy: bool


@dataclass(frozen=True)
class _Entry:
    entry: ForbiddenPhrase
    text: str
    strict: str
    exceptions: tuple[_Exception, ...]


# The longest clause checked for a repeated lone word.
_LONE_MAX = 8


def _repeats(text: str, unit: str) -> bool:
    return bool(unit) and len(text) % len(unit) == 0 and text == unit * (len(text) // len(unit))


class ForbiddenDetector:
    """The catalog's forbidden phrases, compiled for fast search."""

    def __init__(
        self,
        entries: Sequence[ForbiddenPhrase],
        readings: Readings,
        forms: Callable[[str], TextForms],
        *,
        min_length: int,
        char: float,
        pinyin: float,
        families: Sequence[ForbiddenFamily] = (),
    ) -> None:
        self.readings = readings
        self.families = FamilyDetector(families, readings.strict)
        self.forms = forms
        self.char_cutoff = char * 100
        self.pinyin_cutoff = pinyin * 100
        compiled: list[_Entry] = []
        for entry in entries:
            text = normalize(entry.text)
            exceptions = []
            for exception in entry.exceptions:
                norm = normalize(exception)
                exceptions.append(
                    _Exception(norm, readings.strict(norm), readings.loose(norm),
                               max(norm.find(text), 0), _may_be_fuzzy(norm, text, min_length))
                )  # fmt: skip
            compiled.append(_Entry(entry, text, readings.strict(text), tuple(exceptions)))
        self.inline = tuple(e for e in compiled if not e.entry.standalone)
        self.standalone = tuple(e for e in compiled if e.entry.standalone)
        # One search over all entries at once (by text, and by sound) finds candidates.
        self._by_text: dict[str, list[_Entry]] = {}
        self._by_strict: dict[str, list[_Entry]] = {}
        for item in self.inline:
            self._by_text.setdefault(item.text, []).append(item)
            self._by_strict.setdefault(item.strict, []).append(item)
        self._text_finder = Finder(self._by_text)
        self._strict_finder = Finder(self._by_strict)
        lone_texts = "|".join(re.escape(e.text) for e in self.standalone) or "(?!)"
        lone_stricts = "|".join(re.escape(e.strict) for e in self.standalone) or "(?!)"
        self._lone_text = re.compile(f"(?:{lone_texts})+")
        self._lone_strict = re.compile(f"(?:{lone_stricts})+")
        self._opener = re.compile(lone_texts)

    def hits(self, text: str) -> tuple[ForbiddenHit, ...]:
        """Every forbidden phrase in `text`, in order; nested hits keep the longer one."""
        forms = self.forms(text)
        form = forms.plain
        found = self._inline_hits(form)
        if self.standalone:
            found.extend(self._standalone_hits(text, form))
        for member in self.families.hits(forms):
            hit = member.hit
            by: Literal["exact", "pinyin"] = "exact" if hit.by == "exact" else "pinyin"
            span = form.text[hit.start : hit.end]
            found.append(ForbiddenHit(member.entry, span, hit.start, hit.end, by))
        return self._outermost(found)

    def _inline_hits(self, form: Form) -> list[ForbiddenHit]:
        hits: list[ForbiddenHit] = []
        seen: set[tuple[int, int]] = set()
        searches: tuple[
            tuple[Finder, str, dict[str, list[_Entry]], Literal["exact", "pinyin"]], ...
        ]
        searches = (
            (self._text_finder, form.text, self._by_text, "exact"),
            (self._strict_finder, form.strict, self._by_strict, "pinyin"),
        )
        for finder, haystack, entries, by in searches:
            for longest, start in finder.finditer(haystack):
                # The finder reports the longest entry at each position; shorter ones
                # there are its prefixes.
                for size in range(len(longest), 0, -1):
                    for entry in entries.get(longest[:size], ()):
                        if (id(entry), start) in seen:
                            continue
                        seen.add((id(entry), start))
                        end = start + size
                        if not self._excused(entry, form, start, end):
                            span = form.text[start:end]
                            hits.append(ForbiddenHit(entry.entry, span, start, end, by))
        return hits

    def _excused(self, entry: _Entry, form: Form, start: int, end: int) -> bool:
        for exception in entry.exceptions:
            lo = start - exception.offset
            hi = lo + len(exception.text)
            if (
                lo >= 0
                and hi <= len(form.text)
                and (form.text[lo:hi] == exception.text or form.strict[lo:hi] == exception.strict)
            ):
                return True
            if exception.fuzzy and self._fuzzy_cover(
                exception, form, lo=lo, hi=hi, start=start, end=end
            ):
                return True
        return False

    def _fuzzy_cover(
        self, exception: _Exception, form: Form, *, lo: int, hi: int, start: int, end: int
    ) -> bool:
        """The exception matches approximately around [lo, hi) and covers the hit."""
        lo, hi = max(lo - 1, 0), min(hi + 1, len(form.text))
        window = form.loose[lo * 3 : hi * 3]
        if hi - lo < len(exception.text):
            return fuzz.ratio(exception.loose, window) >= self.pinyin_cutoff
        found = fuzz.partial_ratio_alignment(
            exception.loose, window, score_cutoff=self.pinyin_cutoff
        )
        if found is None:
            return False
        first, last = lo + found.dest_start // 3, lo + -(-found.dest_end // 3)
        return first <= start and last >= end

    def _standalone_hits(self, text: str, form: Form) -> list[ForbiddenHit]:
        hits: list[ForbiddenHit] = []
        cursor = 0
        for position, clause in enumerate(clauses(text)):
            start = form.text.find(clause, cursor)
            if start < 0:
                start = cursor
            cursor = end = start + len(clause)
            strict = form.strict[start:end]
            lone = len(clause) <= _LONE_MAX and bool(
                self._lone_text.fullmatch(clause) or self._lone_strict.fullmatch(strict)
            )
            opener = position == 0 and self._opener.match(clause) is not None
            if not (lone or opener):
                continue
            for entry in self.standalone:
                by: Literal["exact", "pinyin"] | None = None
                stop = end
                if lone and _repeats(clause, entry.text):
                    by = "exact"
                elif lone and _repeats(strict, entry.strict):
                    by = "pinyin"
                elif opener and clause.startswith(entry.text):
                    by, stop = "exact", start + len(entry.text)
                # An opener is excused like any hit (「喂养方面的问题」 feeds, it calls nobody).
                if by is not None and not self._excused(entry, form, start, stop):
                    hits.append(ForbiddenHit(entry.entry, form.text[start:stop], start, stop, by))
        return hits

    @staticmethod
    def _outermost(hits: list[ForbiddenHit]) -> tuple[ForbiddenHit, ...]:
        ordered = sorted(hits, key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[ForbiddenHit] = []
        for hit in ordered:
            if any(k.start <= hit.start and hit.end <= k.end for k in kept):
                continue
            kept.append(hit)
        return tuple(kept)


# An exception must add at least this many characters of context to the forbidden text
# to match approximately: with one, a misheard syllable is the whole difference
# (「有不清楚」 would excuse 「也不清楚」, which is exactly the forbidden 「不清楚」).
MIN_FUZZY_CONTEXT = 2


def _may_be_fuzzy(exception: str, forbidden: str, min_length: int) -> bool:
    return len(exception) >= min_length and len(exception) - len(forbidden) >= MIN_FUZZY_CONTEXT
