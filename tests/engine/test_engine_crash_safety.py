"""Nothing is lost on a crash: a real-time `callsim play` killed with SIGKILL mid-call."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from simulator.recording import Answer, Ring, Say, read_recording

ROOT = Path(__file__).resolve().parents[2]

SCENARIO = """\
id: crash
title: 崩溃测试
persona: standard
org: 福彩热线
reaction: 0.1
ringing: {interval: 0.2}
script:
  beats:
    开场:
      on:
        - {goto: 提问}
    提问:
      caller: [我想问一下开奖结果。]
"""

STEPS = """\
- {do: answer, after: 0.3}
- {do: say, after: 0.1, text: 您好，福彩热线，1024号为您服务，请问有什么可以帮您？, duration: 0.3}
- {do: say, after: 60, text: 好的。}
"""


def test_sigkill_mid_call_leaves_every_event_so_far(tmp_path: Path) -> None:
    (tmp_path / "crash.yaml").write_text(SCENARIO, encoding="utf-8")
    (tmp_path / "steps.yaml").write_text(STEPS, encoding="utf-8")
    recordings = tmp_path / "recordings"
    command = [sys.executable, "-m", "simulator", "--recordings", str(recordings), "play"]
    command += [str(tmp_path / "crash.yaml"), "--script", str(tmp_path / "steps.yaml")]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        path = _wait_for_caller_line(recordings, process)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == -signal.SIGKILL
    recording = read_recording(path)
    assert not recording.complete
    kinds = [type(e) for e in recording.events]
    assert kinds[:2] == [Ring, Ring] and Answer in kinds
    says = [e for e in recording.events if isinstance(e, Say)]
    assert [s.who for s in says] == ["agent", "caller"]
    assert says[1].text == "我想问一下开奖结果。"


def _wait_for_caller_line(recordings: Path, process: subprocess.Popen[str]) -> Path:
    """Poll (bounded) until the recording holds the caller's first line."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"play exited early: {process.communicate()}")
        for path in recordings.rglob("*.jsonl"):
            if '"who": "caller"' in path.read_text(encoding="utf-8"):
                return path
        time.sleep(0.05)
    raise AssertionError("no caller line was recorded within 30 s")
