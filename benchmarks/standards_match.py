"""How fast the standards layer matches: calls per second of its public functions.

Times `find_group`, `find` and `forbidden` over typical agent utterances: on "new text"
(every utterance unseen: a number appended, so normalization, pinyin and matching all
run; the first call on a text also builds its forms) and on "repeated text" (the
per-text caches answer). Also normalize, the forms, and digit_runs on new text. Catalog
load and matcher build are timed on their own.

    .venv/bin/python -m benchmarks.standards_match [--rounds N]

Writes benchmarks/results/standards_match.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

from simulator.standards import PhraseMatcher, digit_runs, load_catalog, normalize

RESULTS = Path(__file__).resolve().parent / "results" / "standards_match.md"
COMMAND = ".venv/bin/python -m benchmarks.standards_match"

UTTERANCES = [
    "您好，欢迎致电福彩热线，1024号很高兴为您服务，请问有什么可以帮您？",
    "好的，先生，请问您贵姓？",
    "王先生您好，这个问题需要帮您核实一下，请您不要挂机好吗？",
    "王先生，感谢您的耐心等代，已经帮您核是了，您的奖金已经发放。",
    "我再和您核实下，您的电话是一三八一二三四五六七八，对吗？",
    "不客气，请问还有什么可以邦您？",
    "感谢您的来电，祝您生活愉快，在见！",
    "非常抱歉，我这边听不清楚，千里大声一点，好吗？",
    "您的心情我非常理解，您方便把事情的经过向我描述一下么？",
    "我们很重视您所描述的情况，我一定会详细记录下来提交给相关的负责人进行核查的。",
    "我们会在二十四小时内给您答复，好吗？",
    "先生，很抱歉，这里是业务咨询的热线，请问有什么业务方面的问题可以帮到您？",
    "抱歉，由于电话线录问题，我这里听不到您的声音，请您换部电话或者稍后来电，好吗？",
    "请问您能听到我的声音吗？",
    "您的查询会有专人负责，请您留下您的联系电话、单位名称和方便联系的时间。",
    "这个我也不太清楚，你等一下吧。",
    "喂，说话呀！",
    "嗯，双色球的开奖时间是每周二、四、日晚上九点十五分。",
]
GROUPS = [
    "greeting", "offer_help", "glad_to_serve", "holiday_wish", "hold_request", "hold_thanks",
    "more_help", "farewell", "apology", "empathy", "readback", "commitment",
]  # fmt: skip


def _pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
        return "pinned to one core"
    return "single process"


def _rate(call: Callable[[str], object], texts: list[str], per_text: int = 1) -> float:
    """Calls per CPU-second of `call` over `texts` (other load on the machine not counted)."""
    start = time.process_time()
    for text in texts:
        call(text)
    seconds = time.process_time() - start
    return per_text * len(texts) / seconds


def run(rounds: int) -> dict[str, float]:
    start = time.process_time()
    catalog = load_catalog()
    load_seconds = time.process_time() - start
    start = time.process_time()
    matcher = PhraseMatcher(catalog)
    build_seconds = time.process_time() - start

    def fresh(tag: str) -> list[str]:
        return [f"{u}{tag}{i}" for i in range(rounds) for u in UTTERANCES]

    def all_groups(text: str) -> None:
        for group in GROUPS:
            matcher.find_group(text, group)

    figures: dict[str, float] = {
        "utterances": float(len(fresh("x"))),
        "load_ms": 1000 * load_seconds,
        "build_ms": 1000 * build_seconds,
        "normalize_new": _rate(normalize, fresh("n")),
        "forms_new": _rate(matcher.forms, fresh("m")),
        "digit_runs_new": _rate(lambda t: digit_runs(t, 5), fresh("d")),
        "forbidden_new": _rate(matcher.forbidden, fresh("f")),
        "find_new": _rate(lambda t: matcher.find(t, ["请您大声一点", "感谢您的来电"]), fresh("p")),
    }
    texts = fresh("g")
    figures["find_group_new"] = _rate(all_groups, texts, per_text=len(GROUPS))
    figures["find_group_repeat"] = _rate(all_groups, texts, per_text=len(GROUPS))
    _rate(matcher.forbidden, texts)
    figures["forbidden_repeat"] = _rate(matcher.forbidden, texts)
    start = time.process_time()
    for text in fresh("u"):
        all_groups(text)
        matcher.forbidden(text)
    figures["utterance_us"] = 1e6 * (time.process_time() - start) / len(texts)
    return figures


def report(figures: dict[str, float], rounds: int, how: str) -> str:
    rows = [
        ("find_group(), new text", figures["find_group_new"]),
        ("find_group(), repeated text (cached)", figures["find_group_repeat"]),
        ("find() with 2 phrases, new text", figures["find_new"]),
        ("forbidden(), new text", figures["forbidden_new"]),
        ("forbidden(), repeated text (cached)", figures["forbidden_repeat"]),
        ("normalize(), new text", figures["normalize_new"]),
        ("normalize + pinyin forms of a new text", figures["forms_new"]),
        ("digit_runs(min 5), new text", figures["digit_runs_new"]),
    ]
    per_recording_ms = 20 * figures["utterance_us"] / 1000
    return "\n".join(
        [
            "# Standards matching speed",
            "",
            f"Command: `{COMMAND} --rounds {rounds}`",
            "",
            f"Machine: {platform.machine()}, {os.cpu_count()} CPUs ({how}), "
            f"Python {platform.python_version()}",
            "",
            f"Texts: {len(UTTERANCES)} typical agent utterances (some with recognition errors), "
            f"{figures['utterances']:.0f} distinct texts per measure. Figures are calls per "
            "CPU-second (time.process_time).",
            "",
            "| measure | calls/s |",
            "|---|---|",
            *(f"| {name} | {value:,.0f} |" for name, value in rows),
            "",
            f"One new utterance against {len(GROUPS)} groups plus forbidden(): "
            f"{figures['utterance_us']:.0f} µs, so a 20-utterance recording of new text "
            f"costs about {per_recording_ms:.1f} ms if every group is asked of every utterance "
            "(the grader asks far fewer).",
            "",
            f"Catalog load: {figures['load_ms']:.0f} ms; matcher build: "
            f"{figures['build_ms']:.0f} ms (once per catalog change).",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=100, help="new texts per utterance")
    args = parser.parse_args(argv)
    how = _pin_to_one_core()
    figures = run(args.rounds)
    text = report(figures, args.rounds, how)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
