"""How quickly the app answers the trainee: key → screen, Enter → caller line, start-up.

A scripted call (the standard inquiry of tests/tui/fixtures, with hold and five caller
turns) is played in the headless app on the real clock, typing each reply one key at a
time. Measured, in wall time:

- key press → screen updated: from posting the key event to the first screen update
  composed with the new character in the reply box (the compositor has rendered; the
  headless driver skips only the terminal write);
- Enter → next caller line shown: how long after the moment the engine scheduled the
  caller's next line (the reply's end plus the caller's scripted reaction pause) the
  screen update showing it was composed. The raw Enter → line time, pause included, is
  reported too;
- cold start: a fresh process running what `callsim` runs (argument parser with every
  subcommand, the app) until the sign-in screen is composed, headless; and, when tmux is
  installed, `callsim` in a real 100×30 terminal until the sign-in text is on screen.

    .venv/bin/python -m benchmarks.tui_latency [--calls N]

Writes benchmarks/results/tui_latency.md.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from benchmarks._common import percentile, seconds_until_shown

RESULTS = Path(__file__).resolve().parent / "results" / "tui_latency.md"
ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "tui" / "fixtures"
COMMAND = ".venv/bin/python -m benchmarks.tui_latency"
KEY_TARGET_MS = 50.0
LINE_TARGET_MS = 100.0
COLD_TARGET_S = 1.5
SECONDS_PER_KEY = 0.04  # a quick typist; replies are typed key by key in real time


class Probe:
    """Timestamps of every composed screen update, with what the screen held then."""

    def __init__(self, app: Any) -> None:
        self.updates: list[tuple[float, str, int]] = []
        original = app._display

        def display(screen: Any, renderable: Any) -> None:
            original(screen, renderable)
            if renderable is not None:
                self.updates.append((time.monotonic(), *self._state(app)))

        app._display = display

    @staticmethod
    def _state(app: Any) -> tuple[str, int]:
        from textual.widgets import Input

        from simulator.tui.widgets.transcript import Transcript

        screen = app.screen
        replies = screen.query("#call-reply")
        value = replies.first(Input).value if replies else ""
        lines = screen.query(Transcript)
        count = len(lines.first(Transcript).lines()) if lines else 0
        return value, count

    async def first_after(self, since: float, test: Any, timeout: float = 5.0) -> float:
        """Wall time of the first update after `since` whose (value, lines) passes `test`."""
        deadline = time.monotonic() + timeout
        seen = 0
        while time.monotonic() < deadline:
            for stamp, value, lines in self.updates[seen:]:
                if stamp >= since and test(value, lines):
                    return stamp
            seen = len(self.updates)
            await asyncio.sleep(0.001)
        raise TimeoutError("the screen never showed it")


class ScriptedCall:
    """One scripted call through the headless app, collecting the latencies."""

    def __init__(self, key_ms: list[float], lag_ms: list[float], raw_ms: list[float]) -> None:
        self.key_ms, self.lag_ms, self.raw_ms = key_ms, lag_ms, raw_ms

    async def play(self) -> None:
        from simulator.clock import MonotonicClock
        from simulator.tui.app import CallsimApp
        from simulator.tui.screens.call import CallScreen
        from simulator.tui.screens.report import ReportScreen

        self.clock = MonotonicClock()
        self.offset = time.monotonic() - self.clock.now()
        with tempfile.TemporaryDirectory() as tmp:
            app = CallsimApp(self._services(Path(tmp)), scenario_id="standard-inquiry")
            self.app = app
            self.probe = Probe(app)
            async with app.run_test(size=(100, 30)) as pilot:
                self.pilot = pilot
                await pilot.pause()
                await self._sign_in()
                await self.key("enter", "\r")
                screen: CallScreen = await self._until(CallScreen)
                while screen.live is None:
                    await asyncio.sleep(0.005)
                await self._steps(screen)
                await self._until(ReportScreen)
                await pilot.pause(0.3)  # let the report finish mounting before the app closes

    def _services(self, tmp: Path) -> Any:
        from simulator.engine.voice import EstimatedVoice
        from simulator.tui.model.services import Services

        return Services(
            clock_factory=lambda: self.clock,
            recordings_dir=tmp / "recordings",
            scenarios_dir=FIXTURES / "scenarios",
            data_dir=tmp / "data",
            voice_factory=lambda scenario: (EstimatedVoice(), None),
            voice_check=lambda: (False, "benchmark"),
            result_saver=lambda grade, recording: None,
            ring_bell=False,
        )

    async def key(self, name: str, char: str | None) -> float:
        from textual import events

        start = time.monotonic()
        self.app.post_message(events.Key(name, char))
        await self.pilot.pause(0)
        return start

    async def char(self, char: str) -> float:
        from textual.keys import _character_to_key

        return await self.key(_character_to_key(char) if not char.isalnum() else char, char)

    async def _until(self, kind: type) -> Any:
        while not isinstance(self.app.screen, kind):
            await asyncio.sleep(0.005)
        return self.app.screen

    async def _sign_in(self) -> None:
        from simulator.tui.screens.picker import PickerScreen

        for char in "李明":
            await self.char(char)
        await self.key("enter", "\r")
        for char in "1024":
            await self.char(char)
        await self.key("enter", "\r")
        picker = await self._until(PickerScreen)
        while picker._chosen() is None:  # the library loads in a worker
            await asyncio.sleep(0.01)

    async def _steps(self, screen: Any) -> None:
        from simulator.scenario.models import TraineeStep

        script = (FIXTURES / "scripts" / "standard-inquiry.good.yaml").read_text("utf-8")
        steps = [TraineeStep.model_validate(s) for s in YAML(typ="safe").load(script)]
        call = screen.live.call
        keys = {"answer": ("space", " "), "hold": ("f2", None), "unhold": ("f2", None)}
        for step in steps:
            while not call.ended:
                base = 0.0 if step.do == "answer" else call.last_caller_end
                if call.now() >= base + step.after and not call.caller_speaking:
                    break
                await asyncio.sleep(0.01)
            if call.ended:
                return
            if step.do == "say":
                await self._reply(screen, step.text or "")
            else:
                await self.key(*keys.get(step.do, ("f4", None)))

    async def _reply(self, screen: Any, text: str) -> None:
        from simulator.recording import Say

        for n in range(1, len(text) + 1):
            start = await self.char(text[n - 1])
            typed = text[:n]
            shown = await self.probe.first_after(start, lambda v, _, w=typed: v == w)
            self.key_ms.append((shown - start) * 1000)
            await asyncio.sleep(SECONDS_PER_KEY)
        call = screen.live.call
        callers = [e for e in call.events if isinstance(e, Say) and e.who == "caller"]
        before = len(screen.query_one("#call-transcript").lines())
        enter = await self.key("enter", "\r")
        try:  # the reply's line and the caller's answer both appear
            shown = await self.probe.first_after(enter, lambda _, n: n >= before + 2, 15.0)
        except TimeoutError:
            return  # the caller says nothing after this reply
        said = [e for e in call.events if isinstance(e, Say) and e.who == "caller"]
        if len(said) > len(callers):
            due = self.offset + call.origin + said[len(callers)].t
            self.lag_ms.append((shown - due) * 1000)
            self.raw_ms.append((shown - enter) * 1000)


def cold_child() -> None:
    """Run in a fresh process: what `callsim` does, until the sign-in screen is composed."""
    from simulator.cli import build_parser

    build_parser().parse_args([])
    from simulator.tui.app import make_app
    from simulator.tui.screens.signin import SignInScreen

    app = make_app()
    original = app._display

    def display(screen: Any, renderable: Any) -> None:
        original(screen, renderable)
        if renderable is not None and isinstance(app.screen, SignInScreen):
            print(f"SHOWN {time.monotonic()}", flush=True)
            app.exit()

    app._display = display  # type: ignore[method-assign]
    app.run(headless=True)


def cold_start(runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            env = {**os.environ, "CALLSIM_DATA_DIR": tmp}
            start = time.monotonic()
            done = subprocess.run(
                [sys.executable, "-m", "benchmarks.tui_latency", "--cold-child"],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
                timeout=60,
            )
        shown = float(done.stdout.split("SHOWN ")[1].split()[0])
        times.append(shown - start)
    return times


def cold_start_tmux(runs: int) -> list[float]:
    """`callsim` in a real terminal (tmux, 100×30) until the sign-in text is on screen."""
    times = []
    callsim = ROOT / ".venv" / "bin" / "callsim"
    for n in range(runs):
        session = f"callsim-bench-{os.getpid()}-{n}"
        with tempfile.TemporaryDirectory() as tmp:
            start = time.perf_counter()
            subprocess.run(
                [
                    "tmux",
                    "new",
                    "-d",
                    "-s",
                    session,
                    "-x",
                    "100",
                    "-y",
                    "30",
                    "-e",
                    f"CALLSIM_DATA_DIR={tmp}",
                    str(callsim),
                ],
                check=True,
                cwd=ROOT,
            )
            try:
                shown = seconds_until_shown(session, "欢迎使用", start, limit=30)
                if shown is not None:
                    times.append(shown)
            finally:
                subprocess.run(["tmux", "kill-session", "-t", session], check=False)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2, help="scripted calls to play")
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--cold-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.cold_child:
        cold_child()
        return 0
    key_ms: list[float] = []
    lag_ms: list[float] = []
    raw_ms: list[float] = []
    for _ in range(args.calls):
        asyncio.run(ScriptedCall(key_ms, lag_ms, raw_ms).play())
    cold = cold_start(args.cold_runs)
    tmux = cold_start_tmux(args.cold_runs) if shutil.which("tmux") else []
    rows = [
        ("key press → screen updated", key_ms, KEY_TARGET_MS),
        ("Enter → caller line shown, beyond the scripted pause", lag_ms, LINE_TARGET_MS),
    ]
    lines = [
        "# TUI latency",
        "",
        f"Command: `{COMMAND} --calls {args.calls} --cold-runs {args.cold_runs}`",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}",
        "",
        f"Scripted call: tests/tui/fixtures standard-inquiry (good script), real clock, "
        f"replies typed key by key every {SECONDS_PER_KEY * 1000:.0f} ms, headless app 100×30, "
        "text-only caller voice, real reply matcher and grader.",
        "",
        "| measure | samples | p50 | p95 | max | target (p95) | met |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, values, target in rows:
        p95 = percentile(values, 95)
        lines.append(
            f"| {name} | {len(values)} | {statistics.median(values):.1f} ms | {p95:.1f} ms | "
            f"{max(values):.1f} ms | ≤ {target:.0f} ms | {'yes' if p95 <= target else 'NO'} |"
        )
    lines.append(
        f"| Enter → caller line shown, scripted pause included (information) | {len(raw_ms)} | "
        f"{statistics.median(raw_ms):.0f} ms | {percentile(raw_ms, 95):.0f} ms | "
        f"{max(raw_ms):.0f} ms | – | – |"
    )
    cold_rows = [("cold start to sign-in screen, headless", cold)]
    if tmux:
        cold_rows.append(("cold start to sign-in text in a tmux terminal", tmux))
    for name, values in cold_rows:
        lines.append(
            f"| {name} | {len(values)} | {statistics.median(values):.2f} s | "
            f"{percentile(values, 95):.2f} s | {max(values):.2f} s | ≤ {COLD_TARGET_S} s | "
            f"{'yes' if max(values) <= COLD_TARGET_S else 'NO'} |"
        )
    lines += [
        "",
        "Screen updates are timed when the compositor hands a frame to the driver; the "
        "headless driver does not write it to a terminal (the tmux row includes that).",
        "",
    ]
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
