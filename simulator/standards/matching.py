"""Does an utterance contain a standard phrase? Tolerant of speech-recognition errors.

`PhraseMatcher` answers three questions about an agent's utterance, typed or recognized:
- `find(text, phrases)`: does it contain any of these phrases (exactly, by exact sound, or
  approximately; see `phrases.py`)?
- `find_group(text, group_id)`: any phrase or keyword of this catalog group?
- `forbidden(text)`: which forbidden phrases does it use (see `forbidden.py`)?

An approximate match yields to a phrase of another catalog group found exactly where it
matched: 「请问有什么可以帮您」 is the offer of help, not a garbled 「请问还有什么可以帮您」.
Everything is cached per utterance text, so asking again is free.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence
from functools import lru_cache

from simulator.errors import UserError
from simulator.standards.catalog import load_catalog
from simulator.standards.forbidden import ForbiddenDetector, ForbiddenHit
from simulator.standards.forms import CompiledPhrase, TextForms, compile_phrase, split_parts
from simulator.standards.intents import IntentRecognizer, PatternSet
from simulator.standards.learned import LearnedModel, shipped_model
from simulator.standards.learned_brush_offs import LearnedBrushOffs
from simulator.standards.models import Catalog
from simulator.standards.negation import (
    agents_own_words,
    asks,
    asks_what,
    clause_starts,
    in_quotation_marks,
    negated,
    read_back,
    refused_after,
    reported,
)
from simulator.standards.normalize import normalize, sentence_at
from simulator.standards.patterns import literal_runs
from simulator.standards.patterns import prepare as prepare_patterns
from simulator.standards.phrases import Finder, Match, MatchThresholds, PhraseSet, match_key
from simulator.standards.pinyin import Readings

__all__ = ["Match", "MatchThresholds", "PhraseMatcher", "default_matcher"]

# How many characters a rival phrase may reach beyond an approximate span.
_REACH = 2
# A keyword with at most this many other characters around it is said alone.
_ALONE = 2
# Words that make a move polite in itself (a request, the respectful pronoun).
_POLITE = re.compile("请|麻烦|劳驾|您")


class PhraseMatcher:
    """Matches utterances against a catalog's phrase groups and forbidden phrases."""

    def __init__(
        self,
        catalog: Catalog,
        thresholds: MatchThresholds | None = None,
        *,
        learned: LearnedModel | None = None,
        use_learned: bool = True,
    ) -> None:
        self.catalog = catalog
        if learned is None and use_learned:
            learned = shipped_model()
        self.learned = learned
        self.thresholds = limits = thresholds or MatchThresholds()
        texts: list[str] = []
        patterns: list[str] = []
        for group in catalog.groups.values():
            for text in group.texts:
                texts.extend(split_parts(text))
            patterns.extend((*group.patterns, *group.weak, *group.exceptions, *group.requires))
        for entry in catalog.forbidden:
            texts.append(entry.text)
            texts.extend(entry.exceptions)
        for family in catalog.families.values():
            patterns.extend((*family.patterns, *family.exceptions, *family.bare, *family.unless))
        for pattern in patterns:
            texts.extend(literal_runs(pattern))
        self.readings = Readings.from_phrases(texts)
        prepare_patterns(patterns)
        self._requires = {
            group.id: PatternSet(group.requires, self.readings.strict)
            for group in catalog.groups.values()
            if group.requires
        }
        self._phrases = {
            group.id: frozenset(phrase.text for phrase in group.phrases)
            for group in catalog.groups.values()
        }
        self._intents = {
            group.id: IntentRecognizer(
                group.patterns,
                self.readings.strict,
                negatable=group.negatable,
                exceptions=group.exceptions,
                refusable=group.refusable,
                weak=group.weak,
            )
            for group in catalog.groups.values()
            if group.patterns or group.weak
        }
        self.forms = lru_cache(maxsize=32768)(self._make_forms)
        self._sets: dict[str, PhraseSet] = {
            group.id: PhraseSet([self._compile(t, group.id) for t in group.texts], limits)
            for group in catalog.groups.values()
        }
        rivals: dict[str, set[str]] = {}
        for phrase_set in self._sets.values():
            for phrase in phrase_set.phrases:
                if phrase.plain_text and phrase.group:
                    rivals.setdefault(phrase.plain_text, set()).add(phrase.group)
        self._groups_of = {text: frozenset(groups) for text, groups in rivals.items()}
        self._rival_finder = Finder(self._groups_of)
        self._detector = ForbiddenDetector(
            catalog.forbidden,
            self.readings,
            self.forms,
            min_length=limits.min_length,
            char=limits.char,
            pinyin=limits.pinyin,
            families=tuple(catalog.families.values()),
        )
        self._compiled: dict[str, CompiledPhrase] = {}
        self._find_sets = lru_cache(maxsize=4096)(self._make_set)
        self._find_cached = lru_cache(maxsize=65536)(self._find)
        self._group_cached = lru_cache(maxsize=65536)(self._find_group)
        self._as_meant_cached = lru_cache(maxsize=65536)(self._as_meant)
        self._forbidden_cached = lru_cache(maxsize=32768)(self._forbidden)
        self._missteps = tuple(g.id for g in catalog.groups.values() if g.misstep)
        self._brush_offs = LearnedBrushOffs(
            catalog,
            learned,
            limits.learned_forbidden,
            self._detector.families,
            forms=self.forms,
            misstep=self._says_a_misstep,
        )
        self._standard_of = {
            family.id: tuple(g for g in family.standard if g in catalog.groups)
            for family in catalog.families.values()
        }
        # The model names a family by its best guess and judges whole clauses; a clause it
        # flags is excused when it is the wording of any standard move (「说普通话，我听不懂」
        # is `ask_mandarin`'s to grade, 「指出我的不足」 is `own_fault_ack`'s): one slip, one
        # fail, and a catalog phrase is never a brush-off.
        self._any_standard = tuple(g.id for g in catalog.groups.values() if not g.misstep)

    def _says_a_misstep(self, text: str) -> bool:
        return any(self._group_cached(text, g) is not None for g in self._missteps)

    def _compile(self, text: str, group: str | None = None) -> CompiledPhrase:
        return compile_phrase(text, self.readings, self.thresholds.min_length, group)

    def _make_forms(self, text: str) -> TextForms:
        return TextForms(text, self.readings)

    def _make_set(self, phrases: tuple[str, ...]) -> tuple[PhraseSet, frozenset[str]]:
        compiled = [self._compile(phrase) for phrase in phrases]
        own = frozenset(
            group
            for phrase in compiled
            if phrase.plain_text
            for group in self._groups_of.get(phrase.plain_text, frozenset())
        )
        return PhraseSet(compiled, self.thresholds), own

    # -- matching ------------------------------------------------------------------------

    def _best(self, phrases: PhraseSet, forms: TextForms, own: frozenset[str]) -> Match | None:
        """The best exact match, else the best approximate one no rival explains better.

        `own`: the groups the phrases themselves belong to (no rivals of theirs).
        """
        exact = phrases.exact(forms)
        if exact:
            return max(exact, key=match_key)
        for candidate in phrases.approximate(forms):
            if not self._yields(candidate, own, forms.normalized):
                return candidate
        return None

    def _yields(self, match: Match, own: frozenset[str], normalized: str) -> bool:
        """Whether another group's phrase, found exactly around this span, explains it.

        The rival may stick out of the span by a couple of characters (an alignment can be
        off by one); it must overlap at least `contrast` of the span.
        """
        need = self.thresholds.contrast * (match.end - match.start)
        lo = max(match.start - _REACH, 0)
        around = normalized[lo : match.end + _REACH]
        for longest, index in self._rival_finder.finditer(around):
            start = lo + index
            # The finder reports the longest rival at each position; shorter ones there
            # are its prefixes.
            for size in range(len(longest), 0, -1):
                groups = self._groups_of.get(longest[:size])
                if groups is None or groups & own:
                    continue
                overlap = min(match.end, start + size) - max(match.start, start)
                if overlap >= need:
                    return True
        return False

    # -- public API ----------------------------------------------------------------------

    def find(self, text: str, phrases: Sequence[str]) -> Match | None:
        """The best match of any of `phrases` in the utterance `text`, or None."""
        return self._find_cached(text, tuple(phrases))

    def _find(self, text: str, phrases: tuple[str, ...]) -> Match | None:
        if not phrases:
            return None
        phrase_set, own = self._find_sets(phrases)
        forms = self.forms(text)
        match = self._best(phrase_set, forms, own)
        if match is not None and (
            negated(text, forms.normalized, match.start)
            or refused_after(text, forms.normalized, match.end)
        ):
            return None
        return match

    def find_group(self, text: str, group_id: str) -> Match | None:
        """The best match in `text` of any phrase or keyword of the catalog group.

        Raises `UserError` for a group id the catalog does not have.
        """
        if group_id not in self._sets:
            raise UserError(
                f"标准用语目录中没有用语组 {group_id}",
                hint="可用的组见 scenarios/standards/*.yaml",
            )
        return self._as_meant_cached(text, group_id)

    def _as_meant(self, text: str, group_id: str) -> Match | None:
        """The group's match, unless a forbidden phrase says those very words: 「你再说一遍！」
        orders the caller about and 「听不到，大声点」 snaps; a move said rudely is the
        brush-off's fail, not the move (a misstep's own group is found however it is said).
        A question for what the caller tells, read back for confirmation, is no question, and
        a move someone else made, reported, is not the agent's (「您是说那边的客服让您稍等」)."""
        match = self._group_cached(text, group_id)
        if match is None:
            # A move another group makes is this one too (ask_phone for callback_request).
            included = (
                self._as_meant_cached(text, g) for g in self.catalog.groups[group_id].includes
            )
            return next((found for found in included if found is not None), None)
        group = self.catalog.groups[group_id]
        if group.read_back and read_back(text, match.start):
            return None
        if self._part_of_another(text, group_id, match):
            return None
        normalized = self.forms(text).normalized
        # A keyword said alone (「联系电话？」 typed without its mark) is the question itself.
        alone = len(normalized) <= len(match.span) + _ALONE
        if group.asks and not alone and not asks(text, match.start):
            return None
        # A misstep's own group, and what callers say (groups named caller_…: 「说话呀，有人吗」),
        # are found however they are worded: the agent's brush-off list does not apply.
        if group_id in self._missteps or group.said_by_caller:
            return match
        # Words between quotation marks are named, not said (「那条“抱歉，暂停服务”的提示」).
        if reported(text, normalized, match.start) or in_quotation_marks(text, match.start):
            return None
        polite = _POLITE.search(match.span) is not None
        for hit in self.forbidden(text):
            # The family's rude version of this very move, in the same sentence, is how the
            # move was made: 「你等会儿，别挂」 holds the caller rudely, it is no hold request.
            # A move worded politely itself (「请您稍等，着什么急呀」) was made, and the
            # brush-off beside it is failed on its own.
            if (
                not polite
                and group_id in self._standard_of.get(hit.family, ())
                and _same_sentence(text, hit.start, match.start)
            ):
                return None
            overlap = min(hit.end, match.end) - max(hit.start, match.start)
            if hit.by != "model" and 2 * overlap >= match.end - match.start:
                return None
        return match

    def _find_group(self, text: str, group_id: str) -> Match | None:
        """The group's patterns first (meaning, negation aware), then its phrases."""
        forms = self.forms(text)
        recognizer = self._intents.get(group_id)
        if recognizer is not None:
            found = recognizer.find(text, forms, lambda: self._turned_down(text, group_id))
            if found is not None and not self._vetoed(text, group_id, found):
                return found
        match = self._best(self._sets[group_id], forms, frozenset((group_id,)))
        if (
            match is not None
            and match.by != "exact"
            and self._said_as_another(forms, group_id, match)
        ):
            match = None
        # A standard phrase found word for word stands; a keyword (a short core such as
        # 「您的电话」) or an approximate match yields to a confident model, except when the
        # keyword is said alone: then it is the catalog's wording too.
        if (
            match is not None
            and not self._word_for_word(match, group_id)
            and len(forms.normalized) > len(match.span) + _ALONE
            and self._vetoed(text, group_id, match)
        ):
            match = None
        group = self.catalog.groups[group_id]
        if match is not None and (
            (group.negatable and negated(text, forms.normalized, match.start))
            or (group.refusable and refused_after(text, forms.normalized, match.end))
            or (recognizer is not None and recognizer.excused(forms, match.start))
        ):
            return None
        if match is None:
            return self._learned_group(text, group_id)
        return match

    def _turned_down(self, text: str, group_id: str) -> bool:
        """Whether the turn turns the move down: it makes an `opposite` move or says wording
        the group's exceptions name. Asked only when a `weak` pattern of the group was heard,
        and opposites have none, so the search does not come back here."""
        return self._intents[group_id].declines(self.forms(text)) or any(
            self._group_cached(text, other) is not None
            for other in self.catalog.groups[group_id].opposite
        )

    def _said_as_another(self, forms: TextForms, group_id: str, match: Match) -> bool:
        """Whether an approximate match is, word for word, what another move's pattern says
        over its whole span: 「谢谢您的电话」 sounds like 「谢谢您的等候」 and thanks for the
        call."""
        for other, recognizer in self._intents.items():
            group = self.catalog.groups[other]
            if other == group_id or group.misstep or group.said_by_caller:
                continue
            for hit in recognizer.patterns.hits(forms, by_sound=False):
                if hit.start <= match.start + 1 and match.end - 1 <= hit.end:
                    return True
        return False

    def _part_of_another(self, text: str, group_id: str, match: Match) -> bool:
        """Whether the move is part of a larger one said in the same turn (`part_of`): a
        closed question steering back to business (「…只受理燃气业务，您有这方面的问题吗」)
        is the redirect's; an open one (「…您要办理什么业务？」) and a standard phrase said word
        for word still ask what the caller needs."""
        wholes = self.catalog.groups[group_id].part_of
        if not wholes or self._word_for_word(match, group_id):
            return False
        # The question may end a match that began a clause earlier (「…是订票专线，您是要订票还是
        # 改签？」): either end asking what makes it an open question.
        if asks_what(text, match.start) or asks_what(text, match.end - 1):
            return False
        return any(self._as_meant_cached(text, whole) is not None for whole in wholes)

    def _word_for_word(self, match: Match, group_id: str) -> bool:
        """Whether `match` is one of the group's standard phrases found exactly."""
        return match.by == "exact" and match.phrase in self._phrases[group_id]

    def _vetoed(self, text: str, group_id: str, match: Match) -> bool:
        """Whether the model is sure neither the utterance nor the clauses holding `match`
        make this move: both must say no, so a long turn about something else (「您说的那个
        活动我们这边没有，……，请问有什么可以帮您」) keeps the move its last clause makes."""
        model = self.learned
        if model is None or group_id not in model:
            return False
        starts = clause_starts(text)
        first = max((s for s in starts if s <= match.start), default=0)
        last = min((s for s in starts if s >= match.end), default=len(self.forms(text).normalized))
        held = self.forms(text).normalized[first:last]
        limit = self.thresholds.veto_limit(group_id)
        return model.score(held, group_id) < limit and model.score(text, group_id) < limit

    def _learned_group(self, text: str, group_id: str) -> Match | None:
        """The learned model's verdict where phrases and patterns found nothing."""
        model = self.learned
        if model is None or group_id not in model or not normalize(text):
            return None
        if model.score(text, group_id) < self.thresholds.credit_limit(group_id):
            return None
        required = self._requires.get(group_id)
        if required is not None and not required.hits(self.forms(text)):
            return None
        clause = model.best_clause(text, group_id)
        # The group's exceptions name wording that looks like the move and is not (「我再给
        # 您重复一遍」 repeats, it does not ask): they bar the model's credit as they bar a
        # pattern's.
        recognizer = self._intents.get(group_id)
        # A refusable move is refused for the whole sentence (「哈哈，我还在上班，不方便陪您聊天」).
        lo, hi = clause.start, clause.end
        if self.catalog.groups[group_id].refusable:
            held = sentence_at(text, clause.start)
            if held is not None:
                lo, hi = held[0], held[0] + len(normalize(held[1]))
        if recognizer is not None and recognizer.excused_between(self.forms(text), lo, hi):
            return None
        # A clause that only laughs or enjoys the joke is a weak cue, for the model as for
        # the patterns: in a turn that turns the move down, it plays along with nothing.
        if (
            recognizer is not None
            and recognizer.weak
            and recognizer.weak.hits(self.forms(clause.text), by_sound=False)
            and self._turned_down(text, group_id)
        ):
            return None
        return Match("（按语义）", clause.text, 1.0, "model", clause.start, clause.end)

    def _forbidden(self, text: str) -> tuple[ForbiddenHit, ...]:
        hits = tuple(
            hit
            for hit in self._detector.hits(text)
            if hit.by != "pinyin" or self._brush_offs.heard(text, hit)
        ) or self._brush_offs.find(text)
        normalized = self.forms(text).normalized
        return tuple(
            hit
            for hit in hits
            if not self._inside_standard(text, hit)
            and agents_own_words(text, normalized, hit.start, hit.end, clause=hit.by == "model")
        )

    def _inside_standard(self, text: str, hit: ForbiddenHit) -> bool:
        """Whether a family hit lies inside a standard move its family names."""
        groups = self._any_standard if hit.by == "model" else self._standard_of.get(hit.family, ())
        for group_id in groups:
            match = self._group_cached(text, group_id)
            # The model's own credit does not excuse (「你等一下」 may sound like a hold
            # request), and neither does a bare keyword: the standard wording must add
            # something around the hit (「请您大声一点，好吗」 around 「大声一点」).
            # A model hit is a whole clause: when that clause is the standard move's own
            # core (「再讲一遍」 alone), the move is what was said.
            longer = match is not None and (
                match.end - match.start > hit.end - hit.start or hit.by == "model"
            )
            if (
                match is not None
                and match.by != "model"
                and match.start <= hit.start + 1
                and hit.end <= match.end + 1
                and longer
            ):
                return True
        return False

    def forbidden(self, text: str) -> list[ForbiddenHit]:
        """Every forbidden phrase (服务禁用语) in `text`, exceptions honored, in order."""
        return list(self._forbidden_cached(text))


def _same_sentence(text: str, first: int, second: int) -> bool:
    """Whether normalized indices `first` and `second` of `text` are in one sentence."""
    return sentence_at(text, first) == sentence_at(text, second)


_default: dict[str, tuple[Catalog, PhraseMatcher]] = {}
_default_lock = threading.Lock()


def default_matcher() -> PhraseMatcher:
    """A matcher over the catalog in `locations.standards_dir()`, rebuilt when it changes."""
    catalog = load_catalog()
    with _default_lock:
        current = _default.get("matcher")
        if current is None or current[0] is not catalog:
            current = _default["matcher"] = (catalog, PhraseMatcher(catalog))
        return current[1]
