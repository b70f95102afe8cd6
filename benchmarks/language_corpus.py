"""The labelled utterance corpus (tests/data/utterances/*.tsv): loading, splitting, scoring.

Shared by `benchmarks/language_accuracy.py` (the figures) and the tests that hold floors
on them. A row's side (dev or test) is a hash of its text, assigned once when the row is
added (`python -m benchmarks.language_corpus --assign`) and checked by a test ever after.
"""

from __future__ import annotations

import argparse
import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simulator.standards import Catalog, PhraseMatcher, normalize
from simulator.standards.learned import MODEL_FILE, LearnedModel
from simulator.standards.learned_training import train

CORPUS_DIR = Path(__file__).resolve().parent.parent / "tests" / "data" / "utterances"
TEST_SHARE = 3
"""Rows whose hash ends in 0–2 (of 0–9) are the test side: 30%."""

INTENTS = (
    "offer_help", "self_intro", "glad_to_serve", "holiday_wish", "hold_request", "hold_thanks",
    "more_help", "thanks_for_calling", "farewell", "apology", "empathy", "praise_reply",
    "speak_up", "repeat_request", "ask_mandarin", "silent_prompt", "line_notice",
    "complaint_invite", "complaint_recorded", "commitment", "offtopic_redirect", "offtopic_end",
    "agree_to_chat", "media_handoff", "ask_phone", "ask_organization", "ask_time",
    "media_comment", "wrong_number", "out_of_scope", "callback_request",
)  # fmt: skip
"""The intents the corpus labels: each is a catalog group the rules or the callers use."""
FORBIDDEN = "forbidden:"


def side_of(text: str) -> str:
    """dev or test, from the text alone, so a row never changes side."""
    digest = hashlib.sha256(text.strip().encode("utf-8")).digest()
    return "test" if digest[0] % 10 < TEST_SHARE else "dev"


@dataclass(frozen=True)
class Row:
    split: str
    text: str
    labels: frozenset[str]
    source: str
    file: str
    line: int

    @property
    def intents(self) -> frozenset[str]:
        return frozenset(label for label in self.labels if label in INTENTS)

    @property
    def family(self) -> str:
        """The forbidden family, "" for a row without a forbidden phrase."""
        return next((x[len(FORBIDDEN) :] for x in self.labels if x.startswith(FORBIDDEN)), "")


def corpus_files(directory: Path = CORPUS_DIR) -> list[Path]:
    return sorted(directory.glob("*.tsv"))


def load(directory: Path = CORPUS_DIR) -> list[Row]:
    """Every row of every corpus file; ValueError naming file:line for a malformed one."""
    rows: list[Row] = []
    for path in corpus_files(directory):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != 4:
                raise ValueError(f"{path.name}:{number}: 应有 4 列（split、text、labels、source）")
            split, text, labels, source = fields
            rows.append(Row(split, text, frozenset(labels.split()), source, path.name, number))
    return rows


def assign(directory: Path = CORPUS_DIR) -> int:
    """Fill in the side of rows that have none (`-`); returns how many were assigned."""
    assigned = 0
    for path in corpus_files(directory):
        out: list[str] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) == 4 and fields[0] == "-":
                fields[0] = side_of(fields[1])
                assigned += 1
            out.append("\t".join(fields))
        path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return assigned


@dataclass
class Counts:
    """Confusion counts for one label."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    negatives: int = 0
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def positives(self) -> int:
        return self.tp + self.fn

    def add(self, expected: bool, predicted: bool, text: str) -> None:
        if expected and predicted:
            self.tp += 1
        elif expected:
            self.fn += 1
            self.misses.append(text)
        elif predicted:
            self.fp += 1
            self.false_alarms.append(text)
        if not expected:
            self.negatives += 1


@dataclass
class Scores:
    intents: dict[str, Counts]
    forbidden: Counts
    families_found: int = 0
    """Forbidden rows whose first hit names the labelled family."""
    whole_turns: int = 0
    """Rows where every intent and the brush-off verdict came out as labelled."""

    @property
    def whole_turn_rate(self) -> float:
        rows = self.forbidden.positives + self.forbidden.negatives  # every row is counted there
        return self.whole_turns / rows if rows else 0.0

    @property
    def false_positive_rate(self) -> float:
        """Share of rows without a forbidden phrase that were flagged."""
        negatives = self.forbidden.negatives
        return self.forbidden.fp / negatives if negatives else 0.0


Understand = Callable[[str], tuple[frozenset[str], str]]
"""text → (intents recognized, forbidden family or "-" for an unnamed hit, "" for none)."""


def understanding(matcher: PhraseMatcher) -> Understand:
    """The grader's understanding layer, as the corpus measures it."""
    groups = [intent for intent in INTENTS if intent in matcher.catalog]

    def understand(text: str) -> tuple[frozenset[str], str]:
        found = frozenset(g for g in groups if matcher.find_group(text, g) is not None)
        hits = matcher.forbidden(text)
        return found, (hits[0].family or "-") if hits else ""

    return understand


def literal(catalog: Catalog) -> Understand:
    """Literal matching: a catalog phrase or keyword, or a forbidden phrase, word for word."""
    texts = {
        intent: [normalize(t.replace("…", "")) for t in catalog.group(intent).texts]
        for intent in INTENTS
        if intent in catalog
    }
    forbidden = [(normalize(entry.text), entry.family or "-") for entry in catalog.forbidden]

    def understand(text: str) -> tuple[frozenset[str], str]:
        norm = normalize(text)
        found = frozenset(i for i, options in texts.items() if any(o in norm for o in options))
        family = next((f for t, f in forbidden if t and t in norm), "")
        return found, family

    return understand


def score(rows: Iterable[Row], understand: Understand, intents: Sequence[str] = INTENTS) -> Scores:
    scores = Scores({intent: Counts() for intent in intents}, Counts())
    scored = frozenset(intents)
    for row in rows:
        found, family = understand(row.text)
        for intent in intents:
            scores.intents[intent].add(intent in row.intents, intent in found, row.text)
        scores.forbidden.add(bool(row.family), bool(family), row.text)
        if row.family and family == row.family:
            scores.families_found += 1
        if found & scored == row.intents & scored and bool(family) == bool(row.family):
            scores.whole_turns += 1
    return scores


def training_targets(rows: Sequence[Row]) -> list[str]:
    """What the learned model scores: forbidden, each family seen, each intent."""
    families = sorted({row.family for row in rows if row.family})
    return ["forbidden", *(f"{FORBIDDEN}{f}" for f in families), *INTENTS]


def training_labels(row: Row) -> frozenset[str]:
    if row.family:
        return row.intents | {"forbidden", f"{FORBIDDEN}{row.family}"}
    return row.intents


def train_model(rows: Sequence[Row]) -> LearnedModel:
    """The learned model, from the dev side only (the test side measures it)."""
    dev = [row for row in rows if row.split == "dev"]
    return train([r.text for r in dev], [training_labels(r) for r in dev], training_targets(dev))


def main() -> None:
    parser = argparse.ArgumentParser(description="语料工具：分配 dev/test；训练语义模型。")
    parser.add_argument("--assign", action="store_true", help="给 split 为 - 的行分配 dev/test")
    parser.add_argument("--train", action="store_true", help="用 dev 一侧训练并写入模型文件")
    args = parser.parse_args()
    if args.assign:
        print(f"assigned {assign()} rows")
    if args.train:
        train_model(load()).save(MODEL_FILE)
        print(f"wrote {MODEL_FILE}")


if __name__ == "__main__":
    main()
