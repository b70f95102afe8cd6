"""Starting a recorded call: header, file, and the persona's voice, the same for app and play."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from simulator.clock import FakeClock
from simulator.engine.session import Trainee, start_session
from simulator.recording import read_recording
from simulator.scenario.voices import persona_voice
from tests.engine.helpers import LiteralMatcher, scenario

SCRIPT = {"beats": {"开场": {"caller": ["你们怎么回事！"]}}}


def test_the_session_writes_its_header_at_once_and_records_under_the_trainee(
    tmp_path: Path,
) -> None:
    session = start_session(
        scenario(SCRIPT, persona="angry", call_time="2026-10-01T10:00:00+08:00"),
        Trainee("../王 小明", "2048"),
        recordings=tmp_path,
        clock=FakeClock(),
        matcher=LiteralMatcher(),
        mode="exam",
        now=datetime(2026, 11, 22, 9, 15, 2),
    )
    path = session.path
    assert path.parent == tmp_path / "2026-11-22" / "王_小明"
    header = read_recording(path).header
    assert (header.persona, header.agent_id, header.trainee, header.mode) == (
        "angry",
        "2048",
        "../王 小明",
        "exam",
    )
    assert header.call_time == "2026-10-01T10:00:00+08:00"
    session.close()


def test_the_caller_speaks_in_the_personas_voice_unless_the_scenario_says_otherwise(
    tmp_path: Path,
) -> None:
    angry = start_session(
        scenario(SCRIPT, persona="angry"),
        Trainee("a"),
        recordings=tmp_path,
        clock=FakeClock(),
        matcher=LiteralMatcher(),
    )
    assert angry.call.scenario.voice == persona_voice("angry")
    slowed = start_session(
        scenario(SCRIPT, persona="angry", voice={"rate": 120}),
        Trainee("b"),
        recordings=tmp_path,
        clock=FakeClock(),
        matcher=LiteralMatcher(),
    )
    assert slowed.call.scenario.voice.rate == 120
    assert slowed.call.scenario.voice.volume == persona_voice("angry").volume
    angry.close()
    slowed.close()
