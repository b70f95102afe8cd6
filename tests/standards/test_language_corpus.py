"""The labelled corpus: its shape, its fixed split, and floors on what the grader understands.

Floors are measured on the test side (never tuned on, and the learned model never trained
on it). Forbidden phrases hold the false-positive ceiling of the language issue (≤ 0.02 of
polite and other rows flagged); recall and the intents hold floors just under the figures
reached, so a change can only keep or raise them.
"""

from __future__ import annotations

import ast
import re
from collections import Counter
from pathlib import Path

import pytest

from benchmarks.language_corpus import (
    INTENTS,
    Scores,
    literal,
    load,
    score,
    side_of,
    train_model,
    understanding,
)
from benchmarks.press_accuracy import false_fail_rate, score_press
from simulator.standards import Catalog, PhraseMatcher
from simulator.standards.learned import shipped_model

FORBIDDEN_RECALL_FLOOR = 0.90
FALSE_POSITIVE_CEILING = 0.02
INTENT_RECALL_FLOOR = 0.90
"""Mean recall over the intents (the issue's figure for each)."""
INTENT_PRECISION_FLOOR = 0.93
"""Mean precision over the intents (0.94 measured). The model's limits were chosen by
cross-validation on the dev side for whole-turn agreement; the neighbour scores
(`learned.NEARNESS`) raised it from 0.91."""
EACH_INTENT_FLOOR = 0.80
"""No intent's recall or precision below this (the language issue asks 0.90 / 0.95 of each;
the figures are in the README; the lowest measured is out_of_scope's recall, 0.815)."""
WHOLE_TURN_FLOOR = 0.88
"""Rows where every intent and the brush-off verdict come out as labelled (0.890 measured)."""


@pytest.fixture(scope="module")
def rows():
    return load()


@pytest.fixture(scope="module")
def test_scores(rows, matcher: PhraseMatcher) -> Scores:
    return score([r for r in rows if r.split == "test"], understanding(matcher))


def test_every_row_is_well_formed(rows) -> None:
    known = set(INTENTS) | {"innocent"}
    for row in rows:
        assert row.split in ("dev", "test"), (row.file, row.line)
        assert row.text.strip(), (row.file, row.line)
        assert row.source.split(":")[0] in ("seed", "public", "rewording"), (row.file, row.line)
        for label in row.labels:
            assert label in known or label.startswith("forbidden:"), (row.file, row.line, label)


def test_the_split_never_changes(rows) -> None:
    moved = [(r.file, r.line) for r in rows if r.split != side_of(r.text)]
    assert moved == []


def test_no_text_appears_twice(rows) -> None:
    counts = Counter(r.text for r in rows)
    assert [text for text, n in counts.items() if n > 1] == []


def test_the_corpus_is_as_large_as_promised(rows) -> None:
    assert len(rows) >= 2000
    labels = Counter(label for row in rows for label in row.labels)
    assert sum(n for label, n in labels.items() if label.startswith("forbidden:")) >= 400
    for intent in INTENTS:
        assert labels[intent] >= 30, intent


def test_forbidden_floors_on_the_test_side(test_scores: Scores) -> None:
    assert test_scores.forbidden.recall >= FORBIDDEN_RECALL_FLOOR
    assert test_scores.false_positive_rate <= FALSE_POSITIVE_CEILING


def test_understanding_beats_literal_matching(rows, matcher: PhraseMatcher) -> None:
    side = [r for r in rows if r.split == "test"]
    ours = score(side, understanding(matcher))
    plain = score(side, literal(matcher.catalog))
    assert ours.forbidden.recall > plain.forbidden.recall + 0.3
    mean = sum(c.recall for c in ours.intents.values()) / len(INTENTS)
    plain_mean = sum(c.recall for c in plain.intents.values()) / len(INTENTS)
    assert mean > plain_mean + 0.4
    assert mean >= INTENT_RECALL_FLOOR
    precision = sum(c.precision for c in ours.intents.values()) / len(INTENTS)
    assert precision >= INTENT_PRECISION_FLOOR
    weakest = {
        intent: (round(c.precision, 2), round(c.recall, 2))
        for intent, c in ours.intents.items()
        if min(c.precision, c.recall) < EACH_INTENT_FLOOR
    }
    assert weakest == {}
    assert ours.whole_turn_rate >= WHOLE_TURN_FLOOR


def test_no_suggested_wording_is_forbidden(matcher: PhraseMatcher) -> None:
    catalog = matcher.catalog
    suggestions = [entry.instead for entry in catalog.forbidden]
    suggestions += [family.instead for family in catalog.families.values()]
    flagged = {text: matcher.forbidden(text) for text in suggestions}
    assert {text: hits for text, hits in flagged.items() if hits} == {}


# Retraining on the dev side's 21,900 rows takes about ten minutes on a 2-core machine.
@pytest.mark.timeout(1800)
def test_the_shipped_model_is_what_the_corpus_trains(rows) -> None:
    """Retraining on the dev side gives the shipped weights: the model is never stale."""
    shipped = shipped_model()
    assert shipped is not None
    fresh = train_model(rows)
    assert fresh.targets == shipped.targets
    sample = [r.text for r in rows[::40]]
    for text in sample:
        for target in ("forbidden", "more_help", "apology"):
            assert abs(fresh.score(text, target) - shipped.score(text, target)) < 0.05, text


def test_the_learned_model_quotes_a_clause(matcher: PhraseMatcher) -> None:
    hits = matcher.forbidden("好的，这锅我可不背，谁卖给你的你找谁")
    assert hits
    assert all(hit.span in "好的这锅我可不背谁卖给你的你找谁" for hit in hits)


def _fix_texts() -> list[str]:
    """Every literal `fix=` text the rules hand a trainee (f-strings by their fixed parts)."""
    texts: list[str] = []
    for path in sorted(Path("simulator/grading/rules").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "fix":
                value = node.value
                if isinstance(value, ast.Constant) and isinstance(value.value, str):
                    texts.append(value.value)
                elif isinstance(value, ast.JoinedStr):
                    texts.extend(
                        part.value
                        for part in value.values
                        if isinstance(part, ast.Constant) and isinstance(part.value, str)
                    )
    return texts


def test_no_fix_text_suggests_forbidden_wording(catalog: Catalog) -> None:
    texts = _fix_texts()
    assert len(texts) > 30
    # Words in quotes are named as what not to say (「不说“不知道”」), not suggested.
    said = {text: re.sub(r"“[^”]*”|「[^」]*」", "", text) for text in texts}
    # A fix is an instruction to the trainee (「不闲聊、不答私人问题，说明……」), not a line
    # said to a caller: the families' patterns judge its wording; the learned model, trained
    # on what agents say, has never seen instruction prose and would judge its register.
    patterns_only = PhraseMatcher(catalog, use_learned=False)
    flagged = {text: patterns_only.forbidden(plain) for text, plain in said.items()}
    assert {text: hits for text, hits in flagged.items() if hits} == {}


PRESS_RECALL_FLOOR = 0.93
"""Comments to a journalist that media.no_comment fails (0.954 measured on the test side)."""
PRESS_FALSE_FAIL_CEILING = 0.01
"""Lines that are only media-call moves (handoff, contact questions, line and closing
moves) failed as comments (0.005 measured)."""


def test_media_no_comment_on_the_test_side(rows, matcher: PhraseMatcher) -> None:
    scores = score_press([r for r in rows if r.split == "test"], matcher)
    assert scores.positives >= 150 and scores.negatives >= 500
    assert scores.recall >= PRESS_RECALL_FLOOR, scores.misses
    assert false_fail_rate(scores) <= PRESS_FALSE_FAIL_CEILING, scores.false_alarms
