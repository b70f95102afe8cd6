"""The learned model judges a long line sentence by sentence too: a brush-off said between
polite sentences is caught and quoted on its own, and a short interjection is never judged
apart from its line. A scripted model stands in for the trained one, so only the mechanism
is under test (the trained model's accuracy is the corpus's to measure)."""

from __future__ import annotations

from collections.abc import Sequence

from simulator.standards import Catalog, PhraseMatcher
from simulator.standards.learned import Span
from simulator.standards.normalize import clauses, normalize

RUDE = {normalize("这种事也来问，自己上网看看呗。"), normalize("哎呀，恭喜您！"), "嗯", "嗯嗯"}


class ScriptedModel:
    """Scores `forbidden` 5 for the texts in RUDE and -5 for anything else."""

    forbidden_threshold = 0.0
    sentence_threshold = 0.0
    short_threshold: float | None = None

    def __init__(self, families: Sequence[str]) -> None:
        self.targets = ("forbidden", *(f"forbidden:{f}" for f in families))

    def __contains__(self, target: object) -> bool:
        return target in self.targets

    def score(self, text: str, target: str) -> float:
        return 5.0 if target == "forbidden" and normalize(text) in RUDE else -5.0

    def best_of(self, text: str, targets: Sequence[str]) -> tuple[str, float]:
        return targets[0], 1.0

    def best_clause(self, text: str, target: str) -> Span:
        first = clauses(text)[0]
        return Span(0, len(first), first, 5.0)


def _matcher(catalog: Catalog) -> PhraseMatcher:
    model = ScriptedModel(list(catalog.families))
    return PhraseMatcher(catalog, learned=model)  # type: ignore[arg-type]


def test_a_rude_sentence_between_polite_ones_is_caught_and_quoted_alone(
    catalog: Catalog,
) -> None:
    text = "感谢您的耐心等待。这种事也来问，自己上网看看呗。二等奖要带身份证去兑奖大厅。"
    hits = _matcher(catalog).forbidden(text)
    assert [hit.by for hit in hits] == ["model"]
    hit = hits[0]
    assert hit.span == "这种事也来问"
    assert normalize(text)[hit.start : hit.end] == "这种事也来问"


def test_a_short_interjection_is_judged_only_with_its_line(catalog: Catalog) -> None:
    text = "哎呀，恭喜您！兑奖的地点和材料我帮您查一下，请您稍等。"
    assert _matcher(catalog).forbidden(text) == []


def test_a_misstep_elsewhere_in_the_line_excuses_nothing(catalog: Catalog) -> None:
    """Agreeing to chat is `offtopic.redirect`'s to fail; the brush-off after it is still
    `forbidden.phrases`' (a misstep excuses only the words it is said in)."""
    text = "好的，我陪您聊聊天。这种事也来问，自己上网看看呗。"
    assert [hit.span for hit in _matcher(catalog).forbidden(text)] == ["这种事也来问"]


class StricterForSentences(ScriptedModel):
    sentence_threshold = 6.0


def test_a_sentence_alone_meets_the_stricter_limit(catalog: Catalog) -> None:
    """Each sentence is one more chance of a false alarm: it must clear its own threshold."""
    model = StricterForSentences(list(catalog.families))
    matcher = PhraseMatcher(catalog, learned=model)  # type: ignore[arg-type]
    assert matcher.forbidden("感谢您的耐心等待。这种事也来问，自己上网看看呗。") == []
    assert matcher.forbidden("这种事也来问，自己上网看看呗。") != []


def test_one_character_is_never_the_models_to_judge(catalog: Catalog) -> None:
    """A lone 「嗯」 is a back-channel; the one-character brush-offs (「喂」) are listed."""
    matcher = _matcher(catalog)
    assert matcher.forbidden("嗯。") == []
    assert [hit.by for hit in matcher.forbidden("嗯嗯")] == ["model"]


class StricterForShortLines(ScriptedModel):
    short_threshold = 6.0


def test_a_short_line_meets_its_own_limit(catalog: Catalog) -> None:
    """A line of a few characters gives the model little to go on: it must clear the short
    lines' own limit, and a longer line the common one."""
    model = StricterForShortLines(list(catalog.families))
    matcher = PhraseMatcher(catalog, learned=model)  # type: ignore[arg-type]
    assert matcher.forbidden("嗯嗯") == []
    assert [hit.by for hit in matcher.forbidden("这种事也来问，自己上网看看呗。")] == ["model"]


def test_a_line_of_one_sentence_is_judged_whole(catalog: Catalog) -> None:
    assert _matcher(catalog).forbidden("请您稍等，我帮您查一下。") == []
