"""Caller's turn to audio start: pre-synthesized lines vs synthesis on demand, side by side.

Latency is the time from `SpeakingCallerVoice.play(line)` being called (the engine's
"caller's turn") to its return, which happens once PortAudio has opened the device,
started the stream and asked for the first block of samples. The machine this runs on
may have no sound card, so by default the player plays to a `null` ALSA device this
benchmark defines for itself (`--device`; pass a real one where there is one).

For each line, both voices play it back to back: one whose lines were all synthesized at
call start (`prepare()`), one with an empty cache that synthesizes when the turn comes.
Each round uses fresh caches, so on-demand lines are always really synthesized.

    .venv/bin/python -m benchmarks.caller_voice_latency [--rounds 5] [--device NAME]

Writes benchmarks/results/caller_voice_latency.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks._common import percentile
from simulator.engine.voice import VoicedLine
from simulator.scenario.voices import persona_voice
from simulator.voice.caller.caller_voice import SpeakingCallerVoice
from simulator.voice.caller.client import WorkerSpeaker
from simulator.voice.caller.player import SoundDevicePlayer, probe_device

RESULTS = Path(__file__).resolve().parent / "results" / "caller_voice_latency.md"
COMMAND = ".venv/bin/python -m benchmarks.caller_voice_latency"
TARGET_MS = 50.0

SCRIPT = [
    ("standard", "喂，你好，是客服吗？"),
    ("standard", "我想问一下，社保卡丢了应该怎么补办？需要带什么材料？"),
    ("standard", "好的，谢谢你，再见。"),
    ("angry", "我已经打了三次电话了，你们到底有没有人管？"),
    ("angry", "我不管，你今天必须给我一个说法，不然我就去找媒体曝光你们！"),
    ("angry", "我的电话是13812345678，你们领导马上给我回电话！"),
    ("silent", "……"),
    ("silent", "喂……喂？"),
    ("silent", "嗯。"),
    ("offtopic", "你知道今天晚上哪里有好吃的吗？随便聊聊呗，反正我也没事。"),
    ("offtopic", "我跟你说啊，我们家那只猫昨天又跑丢了，找了一晚上才找到。"),
    ("media", "我是晚报的记者，想了解一下你们对这次停电事件的回应。"),
    ("media", "请问你们领导对这件事有什么说法？能不能透露一下处理进展？"),
    ("complaint", "订单尾号0931，上周五下的单，到现在还没发货。"),
    ("complaint", "2024年3月5日我交了¥199.5的费用，到现在也没到账。"),
    ("callback", "行，那我等你们回电话，你们一定要在10:30之前打给我。"),
    ("praise", "你们的服务真不错，工号1024的同志特别耐心，我要表扬她。"),
    ("inaudible", "什么？你说什么？我听不清楚，你大声一点！"),
    ("lingering", "那个，我想再问一下，就是，嗯，还有没有别的办法？"),
    ("sales", "您好，我们公司新推出了一款理财产品，年化收益百分之六，您有兴趣了解一下吗？"),
]


def lines_for_round(round_no: int) -> list[VoicedLine]:
    """The script's lines; each round varies the rate by 1 so no cache entry is reused."""
    out = []
    for persona, text in SCRIPT:
        base = persona_voice(persona)
        out.append(VoicedLine(text, base.model_copy(update={"rate": base.rate + round_no})))
    return out


def timed_play(voice: SpeakingCallerVoice, line: VoicedLine) -> float:
    started = time.perf_counter()
    voice.play(line)
    elapsed = (time.perf_counter() - started) * 1000.0
    voice.stop()
    return elapsed


def measure(rounds: int, device: str) -> dict[str, object]:
    pre: list[float] = []
    demand: list[float] = []
    prepare_s: list[float] = []
    for round_no in range(rounds):
        with tempfile.TemporaryDirectory(prefix="callsim-bench-") as tmp:
            speaker = WorkerSpeaker(cache=Path(tmp, "pre"))
            ready = SpeakingCallerVoice(speaker, SoundDevicePlayer(device))
            cold = SpeakingCallerVoice(
                WorkerSpeaker(cache=Path(tmp, "cold")), SoundDevicePlayer(device)
            )
            lines = lines_for_round(round_no)
            started = time.perf_counter()
            ready.prepare(lines)
            if not ready.wait_ready(60.0):
                raise SystemExit("pre-synthesis did not finish within 60 s")
            prepare_s.append(time.perf_counter() - started)
            jobs_before = speaker.jobs
            for line in lines:
                pre.append(timed_play(ready, line))
                demand.append(timed_play(cold, line))
            if speaker.jobs != jobs_before:
                raise SystemExit("a pre-synthesized line was synthesized again")
            if ready.problems or cold.problems:
                raise SystemExit(f"problems: {ready.problems + cold.problems}")
            ready.close()
            cold.close()
    return {"pre": pre, "demand": demand, "prepare": prepare_s}


def null_alsa_device() -> str:
    """Define an ALSA `null` device PortAudio lists (before PortAudio is loaded)."""
    config = Path(tempfile.mkdtemp(prefix="callsim-alsa-")) / "asound.conf"
    config.write_text(
        'pcm.callsim_null { type null hint { show on description "callsim_null" } }\n'
        'pcm.!default "callsim_null"\n',
        encoding="utf-8",
    )
    os.environ["ALSA_CONFIG_PATH"] = str(config)
    return "callsim_null"


def portaudio_version() -> str:
    from simulator.voice.sound import sounddevice

    return str(sounddevice().get_portaudio_version()[1]).split(",")[0]


def tool_version(argv: list[str]) -> str:
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=5, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (done.stdout or done.stderr).strip().splitlines()
    first = text[0] if text else "unknown"
    return first.split("  Data at")[0].split(" by ")[0].strip()


def report(results: dict[str, object], rounds: int, device: str, argv: list[str]) -> str:
    pre = results["pre"]
    demand = results["demand"]
    prepare = results["prepare"]
    assert isinstance(pre, list) and isinstance(demand, list) and isinstance(prepare, list)

    def row(name: str, values: list[float]) -> str:
        p50, p95 = percentile(values, 50), percentile(values, 95)
        return (
            f"| {name} | {len(values)} | {p50:.1f} | {p95:.1f} "
            f"| {max(values):.1f} | {statistics.fmean(values):.1f} |"
        )

    p95 = percentile(pre, 95)
    verdict = "met" if p95 <= TARGET_MS else "NOT met"
    command = " ".join([COMMAND, *argv]) if argv else COMMAND
    return "\n".join(
        [
            "# Caller voice latency",
            "",
            f"Command: `{command}`",
            "",
            f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()}, "
            f"{tool_version(['espeak-ng', '--version'])}, {portaudio_version()}",
            "",
            f"Measured: time from `play(line)` being called (the caller's turn) to its return, "
            f"which is when PortAudio has opened `{device}`, started the stream and asked for "
            "the first block of samples (the WAV is read into memory first). This machine has "
            "no sound card, so the device is a `null` ALSA device; on real hardware the "
            "device's own buffer latency comes on top (the same for both rows).",
            "",
            f"Lines: {len(SCRIPT)} caller lines of {len({p for p, _ in SCRIPT})} personas "
            f"({min(len(t) for _, t in SCRIPT)}–{max(len(t) for _, t in SCRIPT)} characters), "
            f"{rounds} rounds, "
            "fresh caches each round; both voices play each line back to back.",
            "",
            "| caller's turn → audio start | n | p50 ms | p95 ms | max ms | mean ms |",
            "|---|---|---|---|---|---|",
            row("pre-synthesized at call start", pre),
            row("synthesized on demand", demand),
            "",
            f"Pre-synthesis of the whole script at call start: "
            f"{statistics.fmean(prepare):.2f} s on average ({len(SCRIPT)} lines, in the worker "
            "process, while the phone rings).",
            "",
            f"Target ≤ {TARGET_MS:.0f} ms pre-synthesized (p95): {verdict}.",
            "",
        ]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--device", help="PortAudio device, number or name (default: a null ALSA device)"
    )
    args = parser.parse_args(argv)
    if args.device is None:
        args.device = null_alsa_device()
    problem = probe_device(args.device)
    if problem is not None:
        print(f"cannot play on {args.device}: {problem}", file=sys.stderr)
        return 2
    results = measure(args.rounds, args.device)
    text = report(
        results, args.rounds, args.device, list(argv if argv is not None else sys.argv[1:])
    )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
