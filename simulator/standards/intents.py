"""Recognizing an intent (a catalog group's move) from its patterns, negation aware.

Each group's patterns are joined into one regular expression per form (normalized text,
and its one-symbol pinyin), so asking "does this utterance offer more help?" is one or two
regex searches. A match with a negation right in front of it (see `negation.py`) does not
count for a negatable group; the search goes on past it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from simulator.standards.forms import Marked, TextForms
from simulator.standards.negation import negated
from simulator.standards.patterns import CompiledPattern, compile_pattern
from simulator.standards.phrases import Match, MatchedBy


@dataclass(frozen=True)
class PatternHit:
    """Where one of a set of patterns matched, by characters or by sound."""

    pattern: str
    start: int
    end: int
    by: str


class PatternSet:
    """Several patterns searched at once, text first, then by sound."""

    def __init__(self, patterns: Iterable[str], strict: Callable[[str], str]) -> None:
        self.compiled: tuple[CompiledPattern, ...] = tuple(
            compile_pattern(pattern, strict) for pattern in patterns
        )
        self._text = _joined([p.text for p in self.compiled])
        self._sound = _joined([p.sound for p in self.compiled])

    def __bool__(self) -> bool:
        return bool(self.compiled)

    def hits(self, forms: TextForms) -> list[PatternHit]:
        """Every non-overlapping match, by text; by sound only where text found none.

        Indices are into the normalized text (without clause breaks).
        """
        marked = forms.marked
        found = self._scan(self._text, marked, marked.text, "exact")
        if not found:
            found = self._scan(self._sound, marked, marked.strict, "pinyin")
        return found

    def _scan(
        self, joined: re.Pattern[str] | None, marked: Marked, haystack: str, by: str
    ) -> list[PatternHit]:
        if joined is None:
            return []
        hits = []
        for found in joined.finditer(haystack):
            start, end = marked.to_normalized(found.start()), marked.to_normalized(found.end())
            if end == start:
                continue
            compiled = self.compiled[int((found.lastgroup or "p0")[1:])]
            hits.append(PatternHit(compiled.pattern, start, end, by))
        return hits


def _joined(expressions: Sequence[re.Pattern[str]]) -> re.Pattern[str] | None:
    if not expressions:
        return None
    return re.compile("|".join(f"(?P<p{i}>{e.pattern})" for i, e in enumerate(expressions)))


class IntentRecognizer:
    """One catalog group's patterns, recognized with negation in mind."""

    def __init__(
        self,
        patterns: Iterable[str],
        strict: Callable[[str], str],
        *,
        negatable: bool,
        exceptions: Iterable[str] = (),
    ) -> None:
        self.patterns = PatternSet(patterns, strict)
        self.exceptions = PatternSet(exceptions, strict)
        self.negatable = negatable

    def find(self, raw: str, forms: TextForms) -> Match | None:
        """The first match in the utterance `raw` that no negation or exception cancels."""
        hits = self.patterns.hits(forms)
        excuses = self.exceptions.hits(forms) if hits and self.exceptions else []
        for hit in hits:
            if self.negatable and negated(raw, forms.normalized, hit.start):
                continue
            # The hit belongs to a phrase the exception begins (「还有什么需要我帮忙的」
            # starts as more help, so its 「有什么需要我帮忙」 is no opening offer).
            if any(e.start <= hit.start < e.end for e in excuses):
                continue
            span = forms.normalized[hit.start : hit.end]
            by: MatchedBy = "exact" if hit.by == "exact" else "pinyin"
            return Match(hit.pattern, span, 1.0, by, hit.start, hit.end)
        return None
