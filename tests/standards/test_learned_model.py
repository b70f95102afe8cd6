"""The learned model's parts on small data: the neighbour score, the brush-off scorer, and a
save/load round trip that keeps every score (the shipped file is what the tests measured)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simulator.standards.learned import (
    FALSE_ALARMS,
    FORBIDDEN,
    SIZE,
    LearnedModel,
    features,
    load_model,
)
from simulator.standards.learned_training import (
    _folds,
    _net_scores,
    _NetWeights,
    _together,
    calibrated_limits,
    train,
)
from simulator.standards.neighbours import (
    CLOSEST,
    NEAREST,
    POOL,
    Members,
    Neighbours,
    closest_lines,
)
from simulator.standards.normalize import normalize

BRUSH_OFFS = ["这事不归我管", "你自己不会看吗", "爱办不办", "跟我说没用", "你去投诉啊"]
POLITE = ["请您稍等", "感谢您的来电", "我帮您查一下", "请问还有什么可以帮您", "您慢慢说"]


def _rows(texts: list[str]) -> list[np.ndarray]:
    return [features(normalize(text)) for text in texts]


@pytest.fixture(scope="module")
def neighbours() -> Neighbours:
    flagged = np.array([1.0] * len(BRUSH_OFFS) + [0.0] * len(POLITE), dtype=np.float32)
    return Neighbours.of(_rows(BRUSH_OFFS + POLITE), flagged, SIZE)


def test_a_known_brush_off_is_nearer_the_brush_offs(neighbours: Neighbours) -> None:
    for text in BRUSH_OFFS:
        assert neighbours.score(features(normalize(text))) > 0, text


def test_a_known_polite_line_is_nearer_the_polite_ones(neighbours: Neighbours) -> None:
    for text in POLITE:
        assert neighbours.score(features(normalize(text))) < 0, text


def test_a_reworded_line_leans_towards_what_it_shares_most_with(neighbours: Neighbours) -> None:
    assert neighbours.score(features(normalize("这个不归我们管"))) > 0
    assert neighbours.score(features(normalize("请您稍等一下"))) < 0


def test_no_features_and_no_lines_score_zero(neighbours: Neighbours) -> None:
    assert neighbours.score(np.zeros(0, dtype=np.int64)) == 0.0
    empty = Neighbours.of([], np.zeros(0, dtype=np.float32), SIZE)
    assert empty.score(features("您好")) == 0.0


def _train() -> LearnedModel:
    labels = [frozenset({FORBIDDEN})] * len(BRUSH_OFFS) + [frozenset({"hold_request"})]
    labels += [frozenset()] * (len(POLITE) - 1)
    return train(BRUSH_OFFS + POLITE, labels, [FORBIDDEN, "hold_request"], epochs=30)


@pytest.fixture(scope="module")
def small_model() -> LearnedModel:
    return _train()


def test_training_is_deterministic(small_model: LearnedModel) -> None:
    again = _train()
    for text in BRUSH_OFFS + POLITE:
        for target in (FORBIDDEN, "hold_request"):
            assert again.score(text, target) == small_model.score(text, target)


def test_the_model_file_keeps_every_score(small_model: LearnedModel, tmp_path: Path) -> None:
    path = tmp_path / "model.npz"
    small_model.save(path)
    loaded = load_model(path)
    assert loaded is not None and loaded.brush_offs is not None
    assert loaded.forbidden_threshold == pytest.approx(small_model.forbidden_threshold)
    assert loaded.short_threshold == pytest.approx(small_model.short_threshold)
    for text in [*BRUSH_OFFS, *POLITE, "完全没见过的一句话"]:
        for target in (FORBIDDEN, "hold_request"):
            # The weights are stored as float16: scores agree to a few thousandths.
            assert loaded.score(text, target) == pytest.approx(
                small_model.score(text, target), abs=0.02
            ), (text, target)


def test_the_evidence_is_the_clause_that_carries_the_score(small_model: LearnedModel) -> None:
    clause = small_model.best_clause("请您稍等，这事不归我管", FORBIDDEN)
    assert clause.text == "这事不归我管"
    assert normalize("请您稍等，这事不归我管")[clause.start : clause.end] == clause.text


def test_short_lines_are_held_to_a_limit_of_their_own() -> None:
    """Short polite lines that score high get a stricter limit of their own, which lets no
    more than `FALSE_ALARMS` of them through; it is never below the common limit."""
    generator = np.random.default_rng(1)
    long_polite = generator.normal(-1.0, 1.0, 2000)
    short_polite = generator.normal(0.5, 1.0, 200)
    brush_offs = generator.normal(3.0, 1.0, 500)
    summed = np.concatenate([long_polite, short_polite, brush_offs]).astype(np.float32)
    y = np.concatenate([np.zeros(2200), np.ones(500)]).astype(np.float32)
    short = np.zeros(len(summed), dtype=bool)
    short[2000:2200] = True
    line, sentence, short_line = calibrated_limits(summed, y, short)
    assert sentence > line
    assert short_line > line
    # The scores as calibrated (float32): in float64 a score equal to the limit may lie above it.
    scored_short = summed[2000:2200]
    assert (scored_short > short_line).mean() <= FALSE_ALARMS
    assert (scored_short > line).mean() > 2 * FALSE_ALARMS
    # With no short polite line scoring high, the short limit is the common one.
    calm = summed.copy()
    calm[2000:2200] = -3.0
    assert calibrated_limits(calm, y, short)[2] == calibrated_limits(calm, y)[0]


@settings(max_examples=50, deadline=None)
@given(
    st.lists(st.text(alphabet="您好请稍等不归我管查一下投诉", min_size=1, max_size=12), min_size=8),
    st.lists(st.text(alphabet="谢谢来电办理业务慢慢说", min_size=1, max_size=12), max_size=8),
)
def test_a_row_keeps_its_fold_when_rows_are_added(texts: list[str], added: list[str]) -> None:
    """The brush-off scorer's held-out folds depend on each row alone: rows added anywhere
    leave the others' folds (and so their held-out scores) as they were, and twins share one."""
    rows = [features(normalize(text)) for text in texts]
    more = [features(normalize(text)) for text in added]
    before = _folds(rows)
    after = _folds(more[: len(more) // 2] + rows + more[len(more) // 2 :])
    start = len(more) // 2
    assert after[start : start + len(rows)].tolist() == before.tolist()
    twins = _folds(rows + rows)
    assert twins[: len(rows)].tolist() == twins[len(rows) :].tolist()
    assert set(_folds(rows).tolist()) <= {0, 1, 2}


def test_a_missing_model_file_means_no_model(tmp_path: Path) -> None:
    assert load_model(tmp_path / "absent.npz") is None


def test_with_every_line_among_the_closest_each_target_reads_as_score(
    neighbours: Neighbours,
) -> None:
    lines = len(BRUSH_OFFS) + len(POLITE)
    table = np.array([[i < len(BRUSH_OFFS), i % 3 == 0] for i in range(lines)])
    for text in [*BRUSH_OFFS, *POLITE, "这个不归我们管", "完全没见过的一句话"]:
        indices = features(normalize(text))
        together = neighbours.scores(neighbours.similarity(indices), Members.of(table))
        for column in range(table.shape[1]):
            alone = Neighbours(
                neighbours.starts,
                neighbours.rows,
                neighbours.norms,
                table[:, column],
                neighbours.common,
            )
            assert together[column] == pytest.approx(alone.score(indices), abs=1e-6), text


def test_a_reworded_move_scores_higher_for_resembling_a_labelled_one(
    small_model: LearnedModel,
) -> None:
    # 「请您稍等」 is the one hold request: a rewording of it gains from resembling it, a
    # line like the polite others does not.
    assert small_model.members is not None
    alone = LearnedModel(
        small_model.targets,
        small_model.weights,
        small_model.bias,
        small_model.brush_offs,
        small_model.members,
        nearness=0.0,
    )
    assert small_model.score("请您稍等一下", "hold_request") > alone.score(
        "请您稍等一下", "hold_request"
    )
    assert small_model.score("感谢您来电", "hold_request") < alone.score(
        "感谢您来电", "hold_request"
    )


@settings(max_examples=80, deadline=None)
@given(
    lines=st.integers(min_value=1, max_value=3 * POOL * CLOSEST),
    shares=st.lists(st.floats(min_value=0.0, max_value=1.0), min_size=1, max_size=6),
    seed=st.integers(min_value=0, max_value=2**16),
    ties=st.booleans(),
)
def test_the_nearest_are_read_among_the_closest_lines_only(
    lines: int, shares: list[float], seed: int, ties: bool
) -> None:
    generator = np.random.default_rng(seed)
    similarity = generator.random(lines).astype(np.float32)
    if ties:
        similarity = (np.round(similarity * 4) / 4).astype(np.float32)
    table = generator.random((lines, len(shares))) < np.array(shares)
    found = Members.of(table).nearest(similarity)
    # Most similar first, the later line first among equals; then the first CLOSEST.
    closest = np.lexsort((-np.arange(lines), -similarity))[:CLOSEST]

    def mean_of_two(values: np.ndarray) -> float:
        top = [*np.sort(values)[::-1][:NEAREST], 0.0, 0.0][:NEAREST]
        return float(np.mean(top))

    assert sorted(closest_lines(similarity).tolist()) == sorted(closest.tolist())
    for target in range(len(shares)):
        inside = table[closest, target]
        expected = mean_of_two(similarity[closest][inside]) - mean_of_two(
            similarity[closest][~inside]
        )
        assert found[target] == pytest.approx(expected, abs=1e-6)


def test_the_shipped_network_scores_as_the_mean_of_the_fold_networks() -> None:
    # The threshold is measured on the fold networks' held-out scores; the shipped network
    # must score as they do on average, not as a network fitted once more.
    generator = np.random.default_rng(7)
    nets = [
        _NetWeights(
            generator.standard_normal((SIZE, 4)).astype(np.float32),
            generator.standard_normal(4).astype(np.float32),
            generator.standard_normal(4).astype(np.float32),
            generator.standard_normal(1).astype(np.float32),
        )
        for _ in range(3)
    ]
    together = _together(nets)
    rows = _rows([*BRUSH_OFFS, *POLITE])
    each = np.mean([_net_scores(net, rows) for net in nets], axis=0)
    for row, expected in zip(rows, each, strict=True):
        assert together.score(row) == pytest.approx(float(expected), abs=1e-4)


@settings(max_examples=60, deadline=None)
@given(
    lines=st.integers(min_value=1, max_value=3 * POOL * CLOSEST),
    share=st.floats(min_value=0.0, max_value=1.0),
    seed=st.integers(min_value=0, max_value=2**16),
    ties=st.booleans(),
)
def test_the_brush_off_neighbour_score_is_the_same_read_among_the_closest(
    lines: int, share: float, seed: int, ties: bool
) -> None:
    # Reading only the closest lines is a shortcut: it must give what reading every line
    # gives, including when a side has fewer than NEAREST lines among the closest.
    generator = np.random.default_rng(seed)
    similarity = generator.random(lines).astype(np.float32)
    if ties:
        similarity = (np.round(similarity * 4) / 4).astype(np.float32)
    flagged = generator.random(lines) < share
    empty = np.zeros(0, dtype=np.int64)
    neighbours = Neighbours(empty, empty, np.ones(lines, dtype=np.float32), flagged, empty > 0)
    everywhere = neighbours.flagged_score(similarity)
    among_closest = neighbours.flagged_score(similarity, closest_lines(similarity))
    assert among_closest == pytest.approx(everywhere, abs=1e-12)
