"""Forbidden phrases by family: patterns that catch a 服务禁用语 however it is worded.

The seed lists name a few dozen phrases; public lists of other hotlines, banks and
hospitals name hundreds more, and agents improvise the rest. What they share is the
family: urging the caller, shifting blame, doubting the caller's understanding, daring
them to complain, contempt, bare refusals, "the system is never wrong", rude prompts and
orders. Each family's patterns (see `patterns.py`) are joined into one expression per form;
its `exceptions` are patterns of polite wording that excuse a hit they cover
(「如有听不懂的地方」 is care, 「你听不懂吗」 is not).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from simulator.standards.forms import TextForms
from simulator.standards.intents import PatternHit, PatternSet
from simulator.standards.models import ForbiddenFamily, ForbiddenPhrase


@dataclass(frozen=True)
class FamilyHit:
    """A family member found: the family, the pattern and the span (normalized indices)."""

    family: ForbiddenFamily
    entry: ForbiddenPhrase
    hit: PatternHit


class _Family:
    def __init__(self, family: ForbiddenFamily, strict: Callable[[str], str]) -> None:
        self.family = family
        self.patterns = PatternSet(family.patterns, strict)
        self.exceptions = PatternSet(family.exceptions, strict)

    def hits(self, forms: TextForms) -> list[FamilyHit]:
        found = self.patterns.hits(forms)
        if not found:
            return []
        excuses = self.exceptions.hits(forms) if self.exceptions else []
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

    def hits(self, forms: TextForms) -> list[FamilyHit]:
        found: list[FamilyHit] = []
        for family in self._families:
            found.extend(family.hits(forms))
        return found
