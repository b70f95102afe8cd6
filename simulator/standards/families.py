"""Forbidden phrases by family: patterns that catch a 服务禁用语 however it is worded.

The seed lists name a few dozen phrases; public lists of other hotlines, banks and
hospitals name hundreds more, and agents improvise the rest. What they share is the
family: urging the caller, shifting blame, doubting the caller's understanding, daring
them to complain, contempt, bare refusals, "the system is never wrong", rude prompts and
orders. Each family's patterns (see `patterns.py`) are joined into one expression per form;
its `exceptions` are patterns of polite wording that excuse a hit they cover
(「如有听不懂的地方」 is care, 「你听不懂吗」 is not). `bare` patterns count only when nothing
in the utterance matches the family's `unless` patterns: a refusal is a brush-off when it
comes with no apology and no alternative.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from simulator.standards.forms import TextForms
from simulator.standards.intents import PatternHit, PatternSet
from simulator.standards.models import ForbiddenFamily, ForbiddenPhrase
from simulator.standards.negation import asks_either_way, conceded, negated
from simulator.standards.normalize import clauses

MIN_SOUND_SPAN = 4
"""The shortest family hit accepted when it matches by sound alone."""
MIN_SOUND_EXCUSE = 3
"""The shortest `unless` / exception match accepted by sound alone: a word or two that
merely sounds alike (「号码」 for 「好吗」, 「恢复」 for 「回复」, 「清」 for 「请」)
excuses nothing."""


@dataclass(frozen=True)
class FamilyHit:
    """A family member found: the family, the pattern and the span (normalized indices)."""

    family: ForbiddenFamily
    entry: ForbiddenPhrase
    hit: PatternHit


def _long_or_whole(hit: PatternHit, forms: TextForms) -> bool:
    """A sound-only hit long enough, or one that is a whole clause (「不知到」 alone)."""
    if hit.end - hit.start >= MIN_SOUND_SPAN:
        return True
    return forms.normalized[hit.start : hit.end] in clauses(forms.raw)


def _audible(hits: list[PatternHit]) -> list[PatternHit]:
    """Excusing matches: exact ones, and sound-only ones long enough to be the words."""
    return [h for h in hits if h.by == "exact" or h.end - h.start >= MIN_SOUND_EXCUSE]


_ENDS_A_WORD = {"别": frozenset("特分区告级性类个差识辨鉴派送惜离道临判")}
"""Characters that close a word with the one before them (特别, 分别, 告别 …): a brush-off
pattern starting with one of them (「别闹」「别吵」) does not start there."""


def _inside_word(normalized: str, start: int) -> bool:
    before = _ENDS_A_WORD.get(normalized[start : start + 1])
    return before is not None and start > 0 and normalized[start - 1] in before


class _Family:
    def __init__(self, family: ForbiddenFamily, strict: Callable[[str], str]) -> None:
        self.family = family
        self.patterns = PatternSet(family.patterns, strict)
        self.exceptions = PatternSet(family.exceptions, strict)
        self.bare = PatternSet(family.bare, strict)
        self.unless = PatternSet(family.unless, strict)
        self.answered_by = PatternSet(family.answered_by, strict)

    def hits(self, forms: TextForms) -> list[FamilyHit]:
        found = self.patterns.hits(forms)
        if self.bare:
            bare = self.bare.hits(forms)
            if bare and not _audible(self.unless.hits(forms)):
                found.extend(bare)
        # A short span that matches only by sound is too often an innocent homophone
        # (「您本人」 is not 「笨」, 「是自动」 not 「识字」); recognition errors that matter
        # come in longer stretches.
        found = [h for h in found if h.by == "exact" or _long_or_whole(h, forms)]
        # 「特别闹心」 holds no 「别闹」: a hit that starts inside a word is none.
        found = [h for h in found if not _inside_word(forms.normalized, h.start)]
        # 「这不是您操作的问题」 denies what 「是您操作的问题」 asserts; 「你能不能等我说完」
        # asks nothing of the kind (`negated` knows A-not-A questions).
        found = [h for h in found if not negated(forms.raw, forms.normalized, h.start)]
        # 「这件事归不归我们管」 asks; 「就算不归我们管，我们也会帮您对接」 grants for argument.
        found = [
            h
            for h in found
            if not asks_either_way(forms.normalized, h.start)
            and not conceded(forms.raw, forms.normalized, h.start, h.end)
        ]
        if not found:
            return []
        excuses = _audible(self.exceptions.hits(forms)) if self.exceptions else []
        return [
            FamilyHit(self.family, self._entry(forms.normalized[hit.start : hit.end]), hit)
            for hit in found
            if not any(e.start <= hit.start and hit.end <= e.end for e in excuses)
        ]

    def _entry(self, span: str) -> ForbiddenPhrase:
        family = self.family
        return ForbiddenPhrase(
            text=span, source=family.source, instead=family.instead, family=family.id
        )


class FamilyDetector:
    """Every family of the catalog, searched per utterance."""

    def __init__(self, families: Iterable[ForbiddenFamily], strict: Callable[[str], str]) -> None:
        self._families = tuple(_Family(family, strict) for family in families)
        self._by_id = {family.family.id: family for family in self._families}

    def answered(self, family_id: str, forms: TextForms) -> bool:
        """Whether the utterance says what this family's brush-off withholds (its
        `answered_by`: a next step, an alternative)."""
        family = self._by_id.get(family_id)
        return family is not None and bool(_audible(family.answered_by.hits(forms)))

    def excused_between(self, family_id: str, forms: TextForms, start: int, end: int) -> bool:
        """Whether one of the family's exceptions (wording that looks like its brush-off
        and is not), said word for word, begins between normalized indices `start` and
        `end`. By sound alone it does not: the model judges the words as written."""
        family = self._by_id.get(family_id)
        if family is None or not family.exceptions:
            return False
        return any(
            start <= hit.start < end for hit in family.exceptions.hits(forms, by_sound=False)
        )

    def hits(self, forms: TextForms) -> list[FamilyHit]:
        found: list[FamilyHit] = []
        for family in self._families:
            found.extend(family.hits(forms))
        return found
