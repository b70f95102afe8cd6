"""A small learned model of what agents mean, for wordings no pattern names.

Patterns catch a move in the words someone thought of; trainees find others (「这锅我可不背」,
「您自己没看清楚怪谁？」). A logistic regression over the character 1–3-grams of the
normalized text, trained on the dev side of the labelled corpus
(`tests/data/utterances/`), scores each target: `forbidden`, each forbidden family
(`forbidden:<family>`), and each intent. It is

- offline and shipped: the weights are package data (`data/language_model.npz`, float16);
- deterministic: fixed features (crc32 buckets), fixed epochs, no randomness;
- fast: one hashing pass and a few hundred additions per utterance, cached per text;
- explainable: a verdict quotes the clause that carries it (`best_clause`), the clause
  whose own score is highest, so the evidence is the words, not a number.

The `forbidden` target is scored by two judges put on one scale (`ForbiddenScorer`):
- a one-hidden-layer network over the same features (`ForbiddenNet`): a brush-off is often
  a combination no single n-gram carries (「你…都…不会…？」);
- the nearest dev lines (`Neighbours`): how much more the line resembles its closest known
  brush-offs than its closest polite lines. A brush-off in new words often shares most of
  its characters with one already labelled, which a weighted sum of n-grams blurs.
Each judge's held-out scores (cross-validation on the dev side) give its mean and spread;
the sum of the two z-scores is thresholded at `FALSE_ALARMS`, calibrated the same way, not
picked by hand. On held-out folds of the dev side the pair finds ~6 points more brush-offs
than the network alone at the same false-alarm rate.

It only adds recall where the catalog's phrases and patterns found nothing; see
`PhraseMatcher`. Training is in `learned_training.py`.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from simulator.standards.normalize import clauses, normalize

FEATURE_BITS = 14
SIZE = 1 << FEATURE_BITS
NGRAMS = (1, 2, 3)
MODEL_FILE = Path(__file__).resolve().parent / "data" / "language_model.npz"

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]

FORBIDDEN = "forbidden"
HIDDEN = 16
FALSE_ALARMS = 0.01
"""The share of polite dev lines the calibrated threshold lets the network flag (measured
on held-out folds): a flag fails a call. The dev side's polite lines are mostly hard ones
(they share the words of brush-offs), so the share is higher than on everyday speech: at one
in a hundred, polite turns of whole trainee calls written apart from the corpus are flagged
1.2–1.5% of the time, patterns included; at three in four hundred, after the corpus gained
1,000 hard polite lines, brush-off recall on the test side fell from 0.93 to 0.91."""
FOLDS = 3
SENTENCES = 4
"""How many sentences of one turn the model may judge alone: each sentence is held to
`FALSE_ALARMS / SENTENCES`, so a turn of that many stays near `FALSE_ALARMS`."""
NEAREST = 2
"""How many nearest dev lines on each side the neighbour score averages."""
COMMON = 0.2
"""Features in more than this share of the lines (「^」, 「您」, 「的」) are left out of the
neighbour score: they say little about which lines are alike, and reading their thousands of
lines was most of its cost (held-out recall is the same with and without them)."""


def features(normalized: str) -> Ints:
    """The hashed character n-grams of a normalized text, with its start and end marked.

    你 is read as 您: addressing the caller as 你 is `courtesy.nin`'s to grade, once; the
    model must judge what is said, not the pronoun (brush-offs in the corpus say 你 far more
    often than polite lines do, and a model would learn that as rudeness).
    """
    marked = "^" + normalized.replace("你", "您") + "$"
    buckets = {
        zlib.crc32(marked[i : i + n].encode("utf-8")) % SIZE
        for n in NGRAMS
        for i in range(len(marked) - n + 1)
    }
    return np.fromiter(sorted(buckets), dtype=np.int64, count=len(buckets))


@dataclass(frozen=True)
class Span:
    """Where a learned verdict rests: a clause of the utterance (normalized indices)."""

    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class ForbiddenNet:
    """One hidden layer (tanh) over the hashed features; the output is log-odds."""

    embed: Floats
    hidden_bias: Floats
    out: Floats
    out_bias: float

    def score(self, indices: Ints) -> float:
        hidden = np.tanh(self.embed[indices].sum(axis=0) + self.hidden_bias)
        return float(hidden @ self.out + self.out_bias)


def _top_mean(values: Floats, count: int) -> float:
    if len(values) == 0:
        return 0.0
    if len(values) <= count:
        return float(values.mean())
    return float(np.partition(values, -count)[-count:].mean())


@dataclass(frozen=True)
class Neighbours:
    """Labelled lines as sets of hashed features, indexed by feature (an inverted index), so
    a line's cosine similarity to every one of them is one pass over its own features."""

    starts: Ints
    """Per feature, where its rows start in `rows` (`SIZE + 1` offsets)."""
    rows: Ints
    norms: Floats
    """Per labelled line, 1 / sqrt(its number of features, common ones left out)."""
    flagged: npt.NDArray[np.bool_]
    common: npt.NDArray[np.bool_]
    """Per feature, whether it is too common to count (`COMMON`)."""

    @classmethod
    def of(cls, rows: Sequence[Ints], flagged: Floats) -> Neighbours:
        counts = np.bincount(FeatureBags.of(rows).flat, minlength=SIZE)
        common = counts > COMMON * max(len(rows), 1)
        kept = [row[~common[row]] for row in rows]
        bags = FeatureBags.of(kept)
        order = np.argsort(bags.flat, kind="stable")
        starts = np.concatenate([[0], np.cumsum(np.bincount(bags.flat, minlength=SIZE))])
        lengths = np.array([max(len(row), 1) for row in kept], dtype=np.float32)
        norms: Floats = (1 / np.sqrt(lengths)).astype(np.float32)
        flags = np.asarray(flagged) > 0
        return cls(starts.astype(np.int64), bags.row_of[order], norms, flags, common)

    def score(self, indices: Ints) -> float:
        """Mean similarity to the `NEAREST` closest flagged lines minus the same for the
        closest others: > 0 when the line is more like a brush-off than like a polite line."""
        indices = indices[~self.common[indices]]
        if len(indices) == 0 or len(self.norms) == 0:
            return 0.0
        found = np.concatenate([self.rows[self.starts[i] : self.starts[i + 1]] for i in indices])
        shared = np.bincount(found, minlength=len(self.norms)).astype(np.float32)
        similarity = shared * self.norms / np.sqrt(len(indices))
        flagged = _top_mean(similarity[self.flagged], NEAREST)
        return flagged - _top_mean(similarity[~self.flagged], NEAREST)


@dataclass(frozen=True)
class ForbiddenScorer:
    """The network and the neighbours, each as a z-score of its held-out scores, summed."""

    net: ForbiddenNet
    neighbours: Neighbours
    scales: Floats
    """[network mean, network spread, neighbours mean, neighbours spread] (held-out)."""
    threshold: float
    """Calibrated at training: the summed score above which a line is a brush-off."""
    sentence_threshold: float
    """The same for one sentence of a longer turn judged alone (stricter, `SENTENCES`)."""

    def score(self, indices: Ints) -> float:
        return self._by_net(indices) + self._by_neighbours(indices)

    def _by_net(self, indices: Ints) -> float:
        return (self.net.score(indices) - float(self.scales[0])) / float(self.scales[1])

    def _by_neighbours(self, indices: Ints) -> float:
        near = self.neighbours.score(indices)
        return (near - float(self.scales[2])) / float(self.scales[3])


class LearnedModel:
    """Weights per target; scores are log-odds (> 0 leans yes)."""

    def __init__(
        self,
        targets: Sequence[str],
        weights: Floats,
        bias: Floats,
        brush_offs: ForbiddenScorer | None = None,
    ) -> None:
        self.targets = tuple(targets)
        self.index = {target: i for i, target in enumerate(self.targets)}
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self.brush_offs = brush_offs
        """The scorer of the `forbidden` target, when the training made one."""
        # Both judges read the same features of a text: hash them once.
        self._features = lru_cache(maxsize=32768)(features)
        self._linear = lru_cache(maxsize=32768)(self._linear_scores)
        self._judged = lru_cache(maxsize=32768)(self._forbidden_score)

    def __contains__(self, target: object) -> bool:
        return target in self.index

    @property
    def forbidden_threshold(self) -> float | None:
        """The calibrated threshold for `forbidden`, when the scorer judges it."""
        return self.brush_offs.threshold if self.brush_offs is not None else None

    @property
    def sentence_threshold(self) -> float | None:
        """The calibrated threshold for one sentence of a turn judged alone."""
        return self.brush_offs.sentence_threshold if self.brush_offs is not None else None

    def _linear_scores(self, normalized: str) -> Floats:
        found: Floats = self.weights[self._features(normalized)].sum(axis=0) + self.bias
        return found

    def _forbidden_score(self, normalized: str) -> float:
        # Apart from the linear scores: intents are asked of every clause, brush-offs of far
        # fewer texts, and the neighbours cost more than all the linear scores together.
        assert self.brush_offs is not None
        return self.brush_offs.score(self._features(normalized))

    def _value(self, normalized: str, target: str) -> float:
        if target == FORBIDDEN and self.brush_offs is not None:
            return self._judged(normalized)
        return float(self._linear(normalized)[self.index[target]])

    def score(self, text: str, target: str) -> float:
        """The score of `target` for the utterance `text` (> 0 leans yes; `forbidden`: on
        the scorer's own scale, see `forbidden_threshold`)."""
        return self._value(normalize(text), target)

    def best_of(self, text: str, targets: Sequence[str]) -> tuple[str, float]:
        """The highest-scoring of `targets` for `text`, with its score."""
        normalized = normalize(text)
        best = max(targets, key=lambda t: self._value(normalized, t))
        return best, self._value(normalized, best)

    def best_clause(
        self, text: str, target: str, skip: Callable[[int, int], bool] | None = None
    ) -> Span:
        """The clause of `text` that says `target` most clearly (the evidence to quote);
        a clause of one character (「啊」) only when there is no other. Clauses for which
        `skip(start, end)` holds (normalized indices) are passed over; when every clause is,
        the whole text is the span."""
        best: Span | None = None
        position = 0
        for clause in clauses(text):
            if skip is not None and skip(position, position + len(clause)):
                position += len(clause)
                continue
            score = self._value(clause, target)
            longer = best is not None and len(best.text) < 2 <= len(clause)
            shorter = best is not None and len(clause) < 2 <= len(best.text)
            if best is None or longer or (not shorter and score > best.score):
                best = Span(position, position + len(clause), clause, score)
            position += len(clause)
        if best is None:
            normalized = normalize(text)
            return Span(0, len(normalized), normalized, self.score(text, target))
        return best

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        scorer = self.brush_offs
        extra: dict[str, npt.NDArray[Any]] = {}
        if scorer is not None:
            net, near = scorer.net, scorer.neighbours
            extra = {
                "net_embed": net.embed.astype(np.float16),
                "net_hidden_bias": net.hidden_bias,
                "net_out": net.out,
                "net_scalars": np.array(
                    [net.out_bias, scorer.threshold, scorer.sentence_threshold], dtype=np.float32
                ),
                "net_scales": scorer.scales.astype(np.float32),
                "near_starts": near.starts.astype(np.int32),
                "near_rows": near.rows.astype(np.int32),
                "near_norms": near.norms.astype(np.float32),
                "near_flagged": near.flagged,
                "near_common": np.flatnonzero(near.common).astype(np.int32),
            }
        arrays: dict[str, npt.NDArray[Any]] = {
            "targets": np.array(self.targets),
            "weights": self.weights.astype(np.float16),
            "bias": self.bias,
            **extra,
        }
        # Stored uncompressed: 2.7 MB instead of 2.1, read in 3 ms instead of 13 (every
        # command that grades reads it at start).
        np.savez(path, allow_pickle=False, **arrays)


def load_model(path: Path = MODEL_FILE) -> LearnedModel | None:
    """The shipped model, or None when the file is absent (matching works without it)."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as data:
        scorer = None
        if "net_embed" in data and ("near_rows" not in data or data["net_scalars"].size != 3):
            # A file from before the neighbours: loading it would quietly flag nothing.
            raise ValueError(f"{path}: 语义模型文件是旧版本，请重新训练（--train）")
        if "net_embed" in data:
            out_bias, threshold, sentence_threshold = (float(x) for x in data["net_scalars"])
            network = ForbiddenNet(
                data["net_embed"].astype(np.float32),
                data["net_hidden_bias"].astype(np.float32),
                data["net_out"].astype(np.float32),
                out_bias,
            )
            common = np.zeros(SIZE, dtype=bool)
            common[data["near_common"]] = True
            near = Neighbours(
                data["near_starts"].astype(np.int64),
                data["near_rows"].astype(np.int64),
                data["near_norms"].astype(np.float32),
                data["near_flagged"].astype(bool),
                common,
            )
            scales = data["net_scales"]
            scorer = ForbiddenScorer(network, near, scales, threshold, sentence_threshold)
        return LearnedModel(
            [str(t) for t in data["targets"]],
            data["weights"].astype(np.float32),
            data["bias"].astype(np.float32),
            scorer,
        )


@lru_cache(maxsize=1)
def shipped_model() -> LearnedModel | None:
    """The model in the package, loaded once per process."""
    return load_model()


@dataclass(frozen=True)
class FeatureBags:
    """Rows of hashed features laid out flat, for sums per row and scatter-adds back."""

    flat: Ints
    starts: Ints
    row_of: Ints

    @classmethod
    def of(cls, rows: Sequence[Ints]) -> FeatureBags:
        flat = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
        lengths = [len(row) for row in rows]
        starts = np.cumsum([0, *lengths[:-1]]).astype(np.int64)
        return cls(flat, starts, np.repeat(np.arange(len(rows)), lengths))

    def sums(self, table: Floats) -> Floats:
        """Per row, the sum of `table`'s rows at its features."""
        found: Floats = np.add.reduceat(table[self.flat], self.starts, axis=0)
        return found

    def scatter(self, per_row: Floats) -> Floats:
        """The gradient of `sums` with respect to the table, given one per-row gradient.

        One bincount per column: a scatter-add far faster than np.add.at on a 2-D array.
        """
        per_feature = per_row[self.row_of]
        columns = [
            np.bincount(self.flat, weights=per_feature[:, c], minlength=SIZE)
            for c in range(per_row.shape[1])
        ]
        return np.stack(columns, axis=1).astype(np.float32)
