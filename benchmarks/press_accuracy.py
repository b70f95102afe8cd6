"""media.no_comment in a journalist's call, on the labelled corpus.

The corpus labels each line alone, but whether a line comments on the subject depends on
the call: 「系统是上午十点恢复的」 informs a customer and is a comment to a journalist. So each
line is graded where the rule applies, as the agent's reply in a media call (the real grader,
a real recording): every `media_comment` line should fail the rule (comments caught), and no
line whose meaning is only one of the moves an agent makes in a media call (the handoff,
asking for the phone, outlet and time, the line and closing moves) should (false fails).

    .venv/bin/python -m benchmarks.press_accuracy [--split dev|test]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence

from benchmarks.language_corpus import Counts, Row, load
from simulator.grading import grade
from simulator.recording import parse_recording
from simulator.standards import PhraseMatcher, default_matcher

MEDIA_CALL_MOVES = frozenset(
    {
        "media_handoff",
        "ask_phone",
        "ask_organization",
        "ask_time",
        "more_help",
        "farewell",
        "thanks_for_calling",
        "speak_up",
        "repeat_request",
        "line_notice",
        "silent_prompt",
        "ask_mandarin",
    }
)
"""Intents that say nothing about a journalist's subject, whatever else the call is."""
QUESTION = "我是晨报记者，听说你们昨天出了系统故障，很多人没法兑奖，是真的吗？"
OPENING = "您好，欢迎致电福彩热线，1024号为您服务，请问有什么可以帮您？"


def media_recording(reply: str) -> str:
    """A journalist's call in the public recording format, `reply` the agent's answer."""
    header = {
        "kind": "session",
        "format": 1,
        "id": "2026-11-18T10-00-00-press",
        "scenario": "press-accuracy",
        "persona": "media",
        "org": "福彩热线",
        "agent_id": "1024",
        "trainee": "语料",
        "input": "keyboard",
        "mode": "practice",
        "call_time": "2026-11-18T10:00:00+08:00",
    }
    events = [
        header,
        {"t": 0.0, "kind": "ring", "n": 1},
        {"t": 1.0, "kind": "answer"},
        {"t": 1.5, "end": 5.0, "kind": "say", "who": "agent", "text": OPENING},
        {"t": 6.0, "end": 10.0, "kind": "say", "who": "caller", "text": QUESTION},
        {"t": 11.0, "end": 15.0, "kind": "say", "who": "agent", "text": reply},
        {"t": 17.0, "kind": "hangup", "who": "caller"},
    ]
    return "\n".join(json.dumps(event, ensure_ascii=False) for event in events) + "\n"


def comments_to_press(reply: str, matcher: PhraseMatcher) -> bool:
    """Whether media.no_comment fails `reply` said to a journalist."""
    recording = parse_recording(media_recording(reply))
    return grade(recording, matcher=matcher).rule("media.no_comment").status == "fail"


def score_press(rows: Sequence[Row], matcher: PhraseMatcher) -> Counts:
    """Comments failed (`recall`, `misses`) and media-call moves failed as comments (`fp` of
    `negatives`, `false_alarms`)."""
    scores = Counts()
    for row in rows:
        comment = "media_comment" in row.intents
        if row.family or not (comment or (row.intents and row.intents <= MEDIA_CALL_MOVES)):
            continue
        scores.add(comment, comments_to_press(row.text, matcher), row.text)
    return scores


def false_fail_rate(scores: Counts) -> float:
    return scores.fp / scores.negatives if scores.negatives else 0.0


def report_lines(scores: Counts, split: str) -> list[str]:
    return [
        f"media.no_comment in a journalist's call (`python -m benchmarks.press_accuracy "
        f"--split {split}`):",
        "",
        "| lines | count | media.no_comment fails |",
        "|---|---|---|",
        f"| comments (`media_comment`) | {scores.positives} | {scores.recall:.3f} |",
        f"| media-call moves only | {scores.negatives} | {false_fail_rate(scores):.3f} |",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "test"), default="test")
    parser.add_argument("--show", action="store_true", help="列出漏判与误判的句子")
    args = parser.parse_args()
    rows = [row for row in load() if row.split == args.split]
    scores = score_press(rows, default_matcher())
    print("\n".join(report_lines(scores, args.split)))
    if args.show:
        print("\n".join(f"漏判  {line}" for line in scores.misses))
        print("\n".join(f"误判  {line}" for line in scores.false_alarms))


if __name__ == "__main__":
    main()
