"""The nearest labelled lines: how much more a line resembles the dev lines that carry a
target than the nearest lines that do not.

A line that says a move in words of its own often shares most of its characters with one
line already labelled, which a weighted sum of n-grams blurs. `Neighbours` is the labelled
lines as an inverted index of their hashed features (`learned.features`): a line's cosine
similarity to every one of them is one pass over its own features. `Members` says which of
them carry each target, so every target's score comes from that one pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

import numpy as np
import numpy.typing as npt

Floats = npt.NDArray[np.float32]
Ints = npt.NDArray[np.int64]
Flags = npt.NDArray[np.bool_]

NEAREST = 2
"""How many nearest dev lines on each side a neighbour score averages."""
COMMON = 0.2
"""Features in more than this share of the lines (「^」, 「您」, 「的」) are left out of the
neighbour score: they say little about which lines are alike, and reading their thousands of
lines was most of its cost (held-out recall is the same with and without them)."""
CLOSEST = 64
"""How many of the lines most similar to a line the targets' neighbour scores read
(`Members.nearest`): a line farther than these says little about it, and choosing them is
cheaper than reading every target's nearest among all lines."""
POOL = 8
"""How many times `CLOSEST` lines the cut before choosing the closest may keep."""


def _top_mean(values: Floats, count: int) -> float:
    """The mean of the `count` largest `values` (of all of them, when there are fewer).

    Taken a largest value (and its equals) at a time: for the two of `NEAREST` among
    thousands of lines, that is a few passes, where a partition cost four times as much."""
    if len(values) == 0:
        return 0.0
    if len(values) <= count:
        return float(values.mean(dtype=np.float64))
    total, taken, rest = 0.0, 0, values
    while True:
        top = rest.max()
        use = min(int(np.count_nonzero(rest == top)), count - taken)
        total, taken = total + float(top) * use, taken + use
        if taken == count:
            return total / count
        rest = rest[rest < top]


def _top_means(columns: npt.NDArray[np.floating], count: int) -> Floats:
    """Per column, the mean of its `count` largest values (zeros where it has fewer)."""
    if len(columns) < count:
        padding = np.zeros((count - len(columns), columns.shape[1]), dtype=columns.dtype)
        columns = np.vstack([columns, padding])
    found: Floats = np.partition(columns, -count, axis=0)[-count:].mean(axis=0)
    return found.astype(np.float32)


@lru_cache(maxsize=8)
def _apart(lines: int) -> npt.NDArray[np.float64]:
    """Per line, a different tiny amount (below the spacing of any two similarities): added
    to the similarities before choosing the closest, it parts equal ones, the later line
    first (a selection among the thousands of lines 0 apart ran ten times slower); the
    values read are the similarities themselves."""
    return np.arange(lines, dtype=np.float64) * 1e-15


def closest_lines(similarity: Floats) -> Ints:
    """The `CLOSEST` lines most similar to a line (fewer when there are fewer lines), in no
    particular order; among equals, the later line first."""
    count = min(CLOSEST, len(similarity))
    pool = _pool(similarity, count)
    ranked = similarity[pool] + _apart(len(similarity))[pool]
    found: Ints = pool[np.argpartition(ranked, -count)[-count:]]
    return found


def _pool(similarity: Floats, count: int) -> Ints:
    """Lines holding the `count` most similar ones, a few times as many: every line at or
    above a cut found by halving. Choosing among all the lines cost ten times as much as
    counting them against a cut, and a line equal to the last one chosen is in the pool."""
    if len(similarity) <= POOL * count:
        return np.arange(len(similarity))
    low, high = 0.0, float(similarity.max())
    for _ in range(16):
        cut = (low + high) / 2
        above = int(np.count_nonzero(similarity >= cut))
        if above < count:
            high = cut
        elif above > POOL * count:
            low = cut
        else:
            return np.flatnonzero(similarity >= cut)
    # Not narrowed in time (many equal values): `low` always keeps at least `count`.
    return np.flatnonzero(similarity >= low)


def _flatten(rows: Sequence[Ints]) -> Ints:
    return np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Members:
    """Which labelled lines carry each target (lines × targets)."""

    table: Flags

    @classmethod
    def of(cls, table: Flags) -> Members:
        return cls(table)

    def nearest(self, similarity: Floats, closest: Ints | None = None) -> Floats:
        """Per target, among the `CLOSEST` lines most similar to a line (`closest_lines`,
        passed when already chosen): the mean similarity of the `NEAREST` that carry the
        target minus that of the `NEAREST` that do not (a side with fewer counts 0 for each
        missing line)."""
        if closest is None:
            closest = closest_lines(similarity)
        near = similarity[closest][:, None]
        inside = self.table[closest]
        return _top_means(near * inside, NEAREST) - _top_means(near * ~inside, NEAREST)


@dataclass(frozen=True)
class Neighbours:
    """Labelled lines as sets of hashed features, indexed by feature (an inverted index)."""

    starts: Ints
    """Per feature, where its rows start in `rows` (`size + 1` offsets)."""
    rows: Ints
    norms: Floats
    """Per labelled line, 1 / sqrt(its number of features, common ones left out)."""
    flagged: Flags
    common: Flags
    """Per feature, whether it is too common to count (`COMMON`)."""

    @classmethod
    def of(cls, rows: Sequence[Ints], flagged: Floats, size: int) -> Neighbours:
        """The index of `rows` (hashed features below `size`), `flagged` ones marked."""
        counts = np.bincount(_flatten(rows), minlength=size)
        common = counts > COMMON * max(len(rows), 1)
        kept = [row[~common[row]] for row in rows]
        flat = _flatten(kept)
        row_of = np.repeat(np.arange(len(kept)), [len(row) for row in kept])
        order = np.argsort(flat, kind="stable")
        starts = np.concatenate([[0], np.cumsum(np.bincount(flat, minlength=size))])
        lengths = np.array([max(len(row), 1) for row in kept], dtype=np.float32)
        norms: Floats = (1 / np.sqrt(lengths)).astype(np.float32)
        flags = np.asarray(flagged) > 0
        return cls(starts.astype(np.int64), row_of[order], norms, flags, common)

    @cached_property
    def _by_feature(self) -> list[Ints]:
        """Each feature's lines, split once: a line scored looks its features up in a list
        (slicing `rows` per feature was a third of the time)."""
        return np.split(self.rows, self.starts[1:-1])

    def similarity(self, indices: Ints) -> Floats | None:
        """The cosine similarity of a line (its features) to every labelled line."""
        indices = indices[~self.common[indices]]
        if len(indices) == 0 or len(self.norms) == 0:
            return None
        by_feature = self._by_feature
        found = np.concatenate([by_feature[i] for i in indices])
        shared = np.bincount(found, minlength=len(self.norms)).astype(np.float32)
        similarity: Floats = shared * self.norms / np.sqrt(len(indices))
        return similarity

    def score(self, indices: Ints) -> float:
        """Mean similarity to the `NEAREST` closest flagged lines minus the same for the
        closest others: > 0 when the line is more like a brush-off than like a polite line."""
        return self.flagged_score(self.similarity(indices))

    def flagged_score(self, similarity: Floats | None, closest: Ints | None = None) -> float:
        """`score`, from the line's `similarity` to every labelled line.

        With the line's `closest_lines`: when they hold `NEAREST` lines of each side, those
        are the nearest of each side among all lines, and only they are read (selecting
        from every line twice was a quarter of grading time)."""
        if similarity is None:
            return 0.0
        if closest is not None:
            inside = self.flagged[closest]
            if NEAREST <= int(inside.sum()) <= len(closest) - NEAREST:
                near = similarity[closest]
                return _top_mean(near[inside], NEAREST) - _top_mean(near[~inside], NEAREST)
        flagged = _top_mean(similarity[self._flagged_lines], NEAREST)
        return flagged - _top_mean(similarity[self._other_lines], NEAREST)

    @cached_property
    def _flagged_lines(self) -> Ints:
        return np.flatnonzero(self.flagged)

    @cached_property
    def _other_lines(self) -> Ints:
        return np.flatnonzero(~self.flagged)

    def scores(
        self, similarity: Floats | None, members: Members, closest: Ints | None = None
    ) -> Floats:
        """Every target's neighbour score (`Members.nearest`), from the line's `similarity`
        to every labelled line (and its `closest_lines`, when already chosen)."""
        if similarity is None:
            return np.zeros(members.table.shape[1], dtype=np.float32)
        return members.nearest(similarity, closest)
