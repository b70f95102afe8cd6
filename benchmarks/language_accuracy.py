"""How well the grader understands agent utterances, on the labelled corpus's test side.

Per intent: precision and recall of the catalog group the rules use; forbidden phrases:
recall over brush-offs and the false-positive rate over every row without one (the polite
near-misses included). Beside each figure, the same for literal matching (a catalog phrase
or keyword word for word), so the gain of patterns, negation and families is visible. Last,
media.no_comment with each line said to a journalist (`benchmarks.press_accuracy`).

    .venv/bin/python -m benchmarks.language_accuracy [--split dev|test]

Writes benchmarks/results/language_accuracy.md.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.language_corpus import Scores, literal, load, score, understanding
from benchmarks.press_accuracy import report_lines, score_press
from simulator.standards import default_matcher

RESULTS = Path(__file__).resolve().parent / "results" / "language_accuracy.md"
COMMAND = ".venv/bin/python -m benchmarks.language_accuracy"


def report(split: str) -> str:
    matcher = default_matcher()
    rows = [row for row in load() if row.split == split]
    ours = score(rows, understanding(matcher))
    plain = score(rows, literal(matcher.catalog))
    lines = [
        "# Language accuracy",
        "",
        f"`{COMMAND} --split {split}`: {len(rows)} utterances of the {split} side.",
        "",
        "| forbidden phrases | understanding | literal |",
        "|---|---|---|",
        f"| recall ({ours.forbidden.positives} brush-offs) | {ours.forbidden.recall:.3f} "
        f"| {plain.forbidden.recall:.3f} |",
        f"| false positives ({ours.forbidden.negatives} without one) "
        f"| {ours.false_positive_rate:.3f} | {plain.false_positive_rate:.3f} |",
        f"| family named right | {_share(ours.families_found, ours.forbidden.positives)} | — |",
        f"| whole turn right (every intent and the brush-off verdict) "
        f"| {ours.whole_turn_rate:.3f} | {plain.whole_turn_rate:.3f} |",
        "",
        "| intent | positives | precision | recall | literal precision | literal recall |",
        "|---|---|---|---|---|---|",
    ]
    lines.extend(_intent_rows(ours, plain))
    lines += ["", *report_lines(score_press(rows, matcher), split)]
    return "\n".join(lines) + "\n"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.3f}" if whole else "—"


def _intent_rows(ours: Scores, plain: Scores) -> list[str]:
    rows = []
    for intent, counts in ours.intents.items():
        base = plain.intents[intent]
        rows.append(
            f"| `{intent}` | {counts.positives} | {counts.precision:.2f} | {counts.recall:.2f} "
            f"| {base.precision:.2f} | {base.recall:.2f} |"
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    args = parser.parse_args()
    text = report(args.split)
    print(text)
    if args.split == "test":
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        RESULTS.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
