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
from simulator.standards.negation import negated, refused_after
from simulator.standards.patterns import CompiledPattern, compile_pattern
from simulator.standards.phrases import Match, MatchedBy

MIN_SOUND_SPAN = 3
"""Characters a move's pattern must cover to count when it matched only by sound. Two
syllables sound like too many other words (「我爸」 and 「我把」, 「属虎」 and 「疏忽」,
「伤亡」 and 「上网」); a recognizer's slip on a longer stretch still matches."""


@dataclass(frozen=True)
class PatternHit:
    """Where one of a set of patterns matched, by characters or by sound."""

    pattern: str
    start: int
    end: int
    by: str


class PatternSet:
    """Several patterns searched at once, text first, then by sound.

    An index from each pattern's required characters (`CompiledPattern.needs`) picks the
    few patterns a text can match before any expression runs: most utterances contain
    nothing a family of brush-offs needs, and an expression never picked is never compiled.
    """

    def __init__(
        self, patterns: Iterable[str], strict: Callable[[str], str], *, min_sound: int = 0
    ) -> None:
        self.compiled: tuple[CompiledPattern, ...] = tuple(
            compile_pattern(pattern, strict) for pattern in patterns
        )
        self.min_sound = min_sound
        """Shortest span (characters) a match by sound may have; shorter ones are dropped."""
        self._by_text = _Index([p.needs for p in self.compiled])
        # Built on the first search by sound: it needs every pattern's syllables.
        self._sound_index: _Index | None = None

    def __bool__(self) -> bool:
        return bool(self.compiled)

    def hits(self, forms: TextForms, *, by_sound: bool = True) -> list[PatternHit]:
        """Every match, by text; by sound only where text found none (and `by_sound`); in
        text order.

        Indices are into the normalized text (without clause breaks).
        """
        marked = forms.marked
        found = self._scan(self._by_text, "text", marked, marked.text, "exact")
        if not found and by_sound:
            found = [
                hit
                for hit in self._scan(self._by_sound, "sound", marked, marked.strict, "pinyin")
                if hit.end - hit.start >= self.min_sound
            ]
        return found

    @property
    def _by_sound(self) -> _Index:
        if self._sound_index is None:
            self._sound_index = _Index([p.needs_sound for p in self.compiled])
        return self._sound_index

    def _scan(
        self, index: _Index, form: str, marked: Marked, haystack: str, by: str
    ) -> list[PatternHit]:
        hits: list[PatternHit] = []
        sound = form == "sound"
        present: set[str] | None = None
        for position in index.candidates(haystack):
            compiled = self.compiled[position]
            # Compiled only once a text holds every part the pattern requires, and run only
            # then: the check is a set test, while the expressions with many alternatives
            # cost more to run than to skip (measured: ~30% of grading time).
            if present is None:
                present = set(haystack)
            if not compiled.may_match(present, sound=sound):
                continue
            expression = compiled.sound if sound else compiled.text
            for found in expression.finditer(haystack):
                start, end = marked.to_normalized(found.start()), marked.to_normalized(found.end())
                if end > start:
                    hits.append(PatternHit(compiled.pattern, start, end, by))
        hits.sort(key=lambda hit: (hit.start, -hit.end))
        return hits


class _Index:
    """Which patterns a text may match, from the characters each one needs."""

    def __init__(self, needs: Sequence[frozenset[str]]) -> None:
        self._always = [i for i, need in enumerate(needs) if not need]
        self._by_char: dict[str, list[int]] = {}
        for i, need in enumerate(needs):
            for char in need:
                self._by_char.setdefault(char, []).append(i)
        self._chars = frozenset(self._by_char)

    def candidates(self, text: str) -> list[int]:
        present = self._chars.intersection(text)
        if not present:
            return self._always
        chosen = set(self._always)
        for char in present:
            chosen.update(self._by_char[char])
        return sorted(chosen)


_CONTRAST = re.compile("不过|可惜|但是|可是|但")
"""Words that turn what was said before them around (see `IntentRecognizer.find`)."""


class IntentRecognizer:
    """One catalog group's patterns, recognized with negation in mind."""

    def __init__(
        self,
        patterns: Iterable[str],
        strict: Callable[[str], str],
        *,
        negatable: bool,
        exceptions: Iterable[str] = (),
        refusable: bool = False,
        weak: Iterable[str] = (),
    ) -> None:
        self.patterns = PatternSet(patterns, strict, min_sound=MIN_SOUND_SPAN)
        self.weak = PatternSet(weak, strict, min_sound=MIN_SOUND_SPAN)
        """Patterns that count only where the turn does not turn the move down (`weak`)."""
        self.exceptions = PatternSet(exceptions, strict)
        self.negatable = negatable
        self.refusable = refusable

    def excused(self, forms: TextForms, start: int) -> bool:
        """Whether a match starting at `start` lies in wording the group's exceptions name."""
        if not self.exceptions:
            return False
        return any(e.start <= start < e.end for e in self.exceptions.hits(forms))

    def excused_between(self, forms: TextForms, start: int, end: int) -> bool:
        """Whether wording the group's exceptions name, word for word, begins within
        `start`–`end` (one that begins earlier, across a clause, is about something before).
        By sound, an exception is found in too much (「什么业务」 sounds like 「什么…也」)."""
        if not self.exceptions:
            return False
        hits = self.exceptions.hits(forms, by_sound=False)
        return any(start <= e.start < end for e in hits)

    def declines(self, forms: TextForms) -> bool:
        """Whether wording the group's exceptions name is said anywhere in the turn."""
        return bool(self.exceptions) and bool(self.exceptions.hits(forms, by_sound=False))

    def find(
        self, raw: str, forms: TextForms, turned_down: Callable[[], bool] | None = None
    ) -> Match | None:
        """The first match in the utterance `raw` that no negation or exception cancels.

        A weak hit counts only when no 不过 / 可惜 / 但是 follows it (「哈哈，您真逗，不过咱这是
        订票热线」 laughs the chat off: what comes after the turn is what the agent means) and
        `turned_down` (asked only then, as it searches other groups) says the turn does not
        turn the move down; without `turned_down`, weak patterns are left out."""
        hits = self.patterns.hits(forms)
        if turned_down is not None and self.weak:
            kept = [
                h for h in self.weak.hits(forms) if not _CONTRAST.search(forms.normalized, h.end)
            ]
            if kept and not turned_down():
                hits = sorted((*hits, *kept), key=lambda h: (h.start, -h.end))
        excuses = self.exceptions.hits(forms) if hits and self.exceptions else []
        for hit in hits:
            if self.negatable and negated(raw, forms.normalized, hit.start):
                continue
            if self.refusable and refused_after(raw, forms.normalized, hit.end):
                continue
            # The hit belongs to a phrase the exception begins (「还有什么需要我帮忙的」
            # starts as more help, so its 「有什么需要我帮忙」 is no opening offer).
            if any(e.start <= hit.start < e.end for e in excuses):
                continue
            span = forms.normalized[hit.start : hit.end]
            by: MatchedBy = "exact" if hit.by == "exact" else "pinyin"
            return Match(hit.pattern, span, 1.0, by, hit.start, hit.end)
        return None
