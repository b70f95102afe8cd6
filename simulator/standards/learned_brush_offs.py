"""Brush-offs as the learned model hears them: the lines no pattern names (`find`), and
whether a brush-off found only by sound was said (`heard`).

Part of `PhraseMatcher.forbidden`; the matcher passes in what it knows of the text (its
forms, and whether a misstep another rule fails is what was said).
"""

from __future__ import annotations

from collections.abc import Callable

from simulator.standards.families import FamilyDetector
from simulator.standards.forbidden import ForbiddenHit
from simulator.standards.forms import TextForms
from simulator.standards.learned import SHORT_LINE, LearnedModel
from simulator.standards.models import Catalog, ForbiddenPhrase
from simulator.standards.negation import agents_own_words, clause_starts
from simulator.standards.normalize import normalize, sentence_at, sentence_starts

# The shortest line the model judges: one character (「嗯」「哦」) carries no meaning it can
# read, and the forbidden ones (「喂」) are the catalog's, word for word.
_SHORTEST = 2
# The shortest sentence the model judges apart from its line: shorter ones are mostly
# interjections and greetings (「哎呀，恭喜您！」), whose few characters it cannot read fairly.
_SENTENCE = 6


class LearnedBrushOffs:
    """The learned model's verdicts on brush-offs, within the catalog's families."""

    def __init__(
        self,
        catalog: Catalog,
        model: LearnedModel | None,
        limit: float | None,
        families: FamilyDetector,
        *,
        forms: Callable[[str], TextForms],
        misstep: Callable[[str], bool],
    ) -> None:
        self.model = model
        # The families the model can name, by its target (empty: it flags nothing).
        self._families = (
            {
                f"forbidden:{family.id}": family
                for family in catalog.families.values()
                if f"forbidden:{family.id}" in model
            }
            if model is not None and "forbidden" in model
            else {}
        )
        self._limit = limit
        self._detected = families
        self._forms = forms
        self._misstep = misstep

    def heard(self, text: str, hit: ForbiddenHit) -> bool:
        """Whether a brush-off found only by sound was said: the line is only the sound of a
        standalone word, or the model hears one in the line or the hit's sentence. Homophones
        of short anchors come easily across a gap (「概率都一样」 ~ 「录…都一样」); a slip
        inside a real one (「你怎么这么罗嗦」) leaves the rest heard."""
        model = self.model
        limits = self._limits()
        if model is None or limits is None:
            return True
        if hit.entry.standalone and hit.start == 0 and hit.end == len(normalize(text)):
            # The line is nothing but the sound of a lone 喂 (「位？」): the recognizer had only
            # that sound to go on, and the model no words to weigh against it.
            return True
        line_limit, sentence_limit = limits
        # (A short line's own limit is for the model flagging alone; here a pattern heard
        # the words and the model only confirms them.)
        if model.score(text, "forbidden") >= line_limit:
            return True
        held = sentence_at(text, hit.start)
        return held is not None and model.score(held[1], "forbidden") >= sentence_limit

    def _limits(self) -> tuple[float, float] | None:
        """The learned brush-off score's limits for a line and for one sentence of it."""
        model = self.model
        line_limit = sentence_limit = self._limit
        if line_limit is None and model is not None:
            line_limit, sentence_limit = model.forbidden_threshold, model.sentence_threshold
        if line_limit is None or sentence_limit is None:
            return None
        return line_limit, sentence_limit

    def _line_limit(self, text: str, line_limit: float) -> float:
        """The limit for the whole of `text`: a short line meets its own calibrated limit
        (`SHORT_LINE`), unless the limit was set by hand."""
        model = self.model
        if self._limit is not None or model is None or len(normalize(text)) > SHORT_LINE:
            return line_limit
        short_limit = model.short_threshold
        return line_limit if short_limit is None else max(line_limit, short_limit)

    def find(self, text: str) -> tuple[ForbiddenHit, ...]:
        """A brush-off no pattern names, as the learned model sees it, quoting its clause."""
        model = self.model
        if model is None or not self._families or len(normalize(text)) < _SHORTEST:
            return ()
        limits = self._limits()
        if limits is None:
            return ()
        line_limit, sentence_limit = limits
        # The whole line, else each sentence of it alone: a brush-off said between two
        # polite sentences (「感谢您的耐心等待。这种事也来问…。二等奖需要…」) is as rude as
        # on its own, and the model, trained on single lines, judges it best alone. Each
        # sentence is one more chance of a false alarm, so sentences meet a stricter limit.
        flagged = None
        if model.score(text, "forbidden") >= self._line_limit(text, line_limit):
            flagged = (0, text)
        else:
            parts = sentence_starts(text)
            for start, sentence in parts if len(parts) > 1 else ():
                alone = len(normalize(sentence)) >= _SENTENCE
                if alone and model.score(sentence, "forbidden") >= sentence_limit:
                    flagged = (start, sentence)
                    break
        if flagged is None:
            return ()
        offset, judged = flagged
        # A misstep another rule fails is that rule's (one slip, one fail), when it is what
        # the flagged words say: a misstep elsewhere in the line excuses nothing.
        if self._misstep(judged):
            return ()
        best, _ = model.best_of(judged, list(self._families))
        family = self._families[best]
        # A verdict of "no answer" stands only when none follows (「这个我也不知道怎么回事，
        # 您能详细说说吗？」 goes on to ask).
        if self._detected.answered(family.id, self._forms(text)):
            return ()
        normalized = self._forms(text).normalized
        clause = model.best_clause(judged, "forbidden")
        # The evidence is the agent's own words: when the clearest clause reports someone else
        # (「快递员说给你打过电话了，你自己没接，怪谁？」), another must carry the verdict alone
        # (「那位护士说“看不了就别看”？这个话确实不应该。」 holds none).
        if not agents_own_words(
            text, normalized, offset + clause.start, offset + clause.end, clause=True
        ):

            def not_own(s: int, e: int) -> bool:
                return not agents_own_words(text, normalized, offset + s, offset + e, clause=True)

            starts = clause_starts(judged)
            ends = (*starts[1:], len(normalize(judged)))
            if all(not_own(s, e) for s, e in zip(starts, ends, strict=True)):
                return ()
            clause = model.best_clause(judged, "forbidden", skip=not_own)
            if clause.score < sentence_limit:
                return ()
        start, end = offset + clause.start, offset + clause.end
        # The catalog's exceptions name look-alikes that are no brush-off (「谁也不敢说自己
        # 不会错」「快下班了，不过……」): they bar the model's verdict on that clause as they
        # bar a pattern's.
        if self._detected.excused_between(family.id, self._forms(text), start, end):
            return ()
        entry = ForbiddenPhrase(
            text=clause.text or judged, source=family.source, instead=family.instead,
            family=family.id,
        )  # fmt: skip
        return (ForbiddenHit(entry, clause.text, start, end, "model"),)
