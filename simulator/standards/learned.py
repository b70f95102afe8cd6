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

It only adds recall where the catalog's phrases and patterns found nothing; see
`PhraseMatcher`.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from simulator.standards.normalize import clauses, normalize

FEATURE_BITS = 14
SIZE = 1 << FEATURE_BITS
NGRAMS = (1, 2, 3)
MODEL_FILE = Path(__file__).resolve().parent / "data" / "language_model.npz"

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]


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


class LearnedModel:
    """Weights per target; scores are log-odds (> 0 leans yes)."""

    def __init__(self, targets: Sequence[str], weights: Floats, bias: Floats) -> None:
        self.targets = tuple(targets)
        self.index = {target: i for i, target in enumerate(self.targets)}
        self.weights = weights.astype(np.float32)
        self.bias = bias.astype(np.float32)
        self._scores = lru_cache(maxsize=32768)(self._all_scores)

    def __contains__(self, target: object) -> bool:
        return target in self.index

    def _all_scores(self, normalized: str) -> Floats:
        found: Floats = self.weights[features(normalized)].sum(axis=0) + self.bias
        return found

    def score(self, text: str, target: str) -> float:
        """The log-odds that the utterance `text` says `target`."""
        return float(self._scores(normalize(text))[self.index[target]])

    def best_of(self, text: str, targets: Sequence[str]) -> tuple[str, float]:
        """The highest-scoring of `targets` for `text`, with its score."""
        scores = self._scores(normalize(text))
        best = max(targets, key=lambda t: float(scores[self.index[t]]))
        return best, float(scores[self.index[best]])

    def best_clause(self, text: str, target: str) -> Span:
        """The clause of `text` that says `target` most clearly (the evidence to quote)."""
        best: Span | None = None
        position = 0
        for clause in clauses(text):
            score = float(self._scores(clause)[self.index[target]])
            if best is None or score > best.score:
                best = Span(position, position + len(clause), clause, score)
            position += len(clause)
        if best is None:
            normalized = normalize(text)
            return Span(0, len(normalized), normalized, self.score(text, target))
        return best

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            targets=np.array(self.targets),
            weights=self.weights.astype(np.float16),
            bias=self.bias,
        )


def load_model(path: Path = MODEL_FILE) -> LearnedModel | None:
    """The shipped model, or None when the file is absent (matching works without it)."""
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as data:
        return LearnedModel(
            [str(t) for t in data["targets"]],
            data["weights"].astype(np.float32),
            data["bias"].astype(np.float32),
        )


@lru_cache(maxsize=1)
def shipped_model() -> LearnedModel | None:
    """The model in the package, loaded once per process."""
    return load_model()


def train(
    texts: Sequence[str],
    labels: Sequence[frozenset[str]],
    targets: Sequence[str],
    *,
    epochs: int = 300,
    rate: float = 0.5,
    l2: float = 1e-3,
) -> LearnedModel:
    """Logistic regression per target, classes weighted equally, full-batch descent.

    Deterministic: the same texts and labels give the same weights.
    """
    rows = [features(normalize(text)) for text in texts]
    flat = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    lengths = [len(row) for row in rows]
    starts = np.cumsum([0, *lengths[:-1]])
    row_of = np.repeat(np.arange(len(rows)), lengths)
    y = np.array([[t in row for t in targets] for row in labels], dtype=np.float32)
    share = y.mean(axis=0).clip(1e-6, 1 - 1e-6)
    balance = np.where(y > 0, 0.5 / share, 0.5 / (1 - share)).astype(np.float32)
    weights = np.zeros((SIZE, len(targets)), dtype=np.float32)
    bias = np.zeros(len(targets), dtype=np.float32)
    count = max(len(rows), 1)
    for _ in range(epochs):
        logits = np.add.reduceat(weights[flat], starts, axis=0) + bias
        error = (1 / (1 + np.exp(-logits)) - y) * balance
        gradient = np.zeros_like(weights)
        np.add.at(gradient, flat, error[row_of])
        weights -= rate * (gradient / count + l2 * weights)
        bias -= rate * error.mean(axis=0)
    return LearnedModel(targets, weights, bias)
