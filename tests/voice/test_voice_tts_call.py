"""Whole calls through the engine with the caller voice the factory gives on this machine:
real speech, no sound device, and no espeak-ng at all (text-only)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulator.clock import FakeClock
from simulator.engine import EstimatedVoice, HeadlessDriver, estimate_duration, start_session
from simulator.engine.session import Trainee
from simulator.engine.voice import CallerVoice
from simulator.recording import read_recording
from simulator.recording.events import Say
from simulator.scenario.models import Scenario
from simulator.scenario.voices import with_persona_voice
from simulator.voice import make_caller_voice
from simulator.voice.caller.cache import tts_cache_dir, wav_duration
from simulator.voice.caller.caller_voice import SpeakingCallerVoice
from simulator.voice.caller.client import WorkerSpeaker
from simulator.voice.caller.factory import NO_DEVICE, NO_ESPEAK
from simulator.voice.caller.player import FakePlayer, SilentPlayer
from tests.voice.voice_tts_helpers import CALLER_LINES, AnyReply, scenario, trainee_steps


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(tmp_path / "cache"))


def run_call(scn: Scenario, voice: CallerVoice, recordings: Path) -> tuple[list[Say], Path]:
    session = start_session(
        scn,
        Trainee("语音测试"),
        recordings=recordings,
        clock=FakeClock(),
        matcher=AnyReply(),
        voice=voice,
    )
    try:
        HeadlessDriver(session.call, trainee_steps()).run()
    finally:
        session.close()
    recording = read_recording(session.path)
    says = [e for e in recording.events if isinstance(e, Say) and e.who == "caller"]
    return says, session.path


@pytest.mark.audio
def test_lines_are_synthesized_at_call_start_and_played_without_synthesis(tmp_path: Path) -> None:
    speaker = WorkerSpeaker()
    player = FakePlayer()
    voice = SpeakingCallerVoice(speaker, player)
    scn = with_persona_voice(scenario("angry"))
    session = start_session(
        scn,
        Trainee("语音测试"),
        recordings=tmp_path,
        clock=FakeClock(),
        matcher=AnyReply(),
        voice=voice,
    )
    try:
        session.call.start()
        assert voice.wait_ready(20.0)
        assert speaker.jobs == len(CALLER_LINES)
        assert len(list(tts_cache_dir().glob("*.wav"))) == len(CALLER_LINES)
        HeadlessDriver(session.call, trainee_steps()).run()
        assert speaker.jobs == len(CALLER_LINES), "a caller line waited for synthesis"
        assert len(player.played) == len(CALLER_LINES)
    finally:
        session.close()
        voice.close()
    says = [
        e for e in read_recording(session.path).events if isinstance(e, Say) and e.who == "caller"
    ]
    assert [s.text for s in says] == list(CALLER_LINES)
    for say, heard in zip(says, player.played, strict=True):
        assert say.audio is not None
        wav = session.path.parent / say.audio
        assert wav.read_bytes() == heard.read_bytes(), "the saved audio is what was played"
        assert say.end - say.t == pytest.approx(wav_duration(wav), abs=0.002)


@pytest.mark.audio
def test_without_a_sound_device_lines_are_synthesized_but_not_played(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLSIM_AUDIO_DEVICE", "callsim_no_such_device")
    voice, notice = make_caller_voice()
    assert notice == NO_DEVICE.format(device="callsim_no_such_device")
    assert isinstance(voice, SpeakingCallerVoice) and isinstance(voice.player, SilentPlayer)
    try:
        says, path = run_call(scenario(), voice, tmp_path)
    finally:
        voice.close()
    assert len(says) == 3
    assert all(s.audio and (path.parent / s.audio).is_file() for s in says)


def test_without_espeak_the_call_runs_text_only_with_realistic_timing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    voice, notice = make_caller_voice()
    assert isinstance(voice, EstimatedVoice)
    assert notice == NO_ESPEAK
    scn = with_persona_voice(scenario("offtopic"))
    says, _ = run_call(scn, voice, tmp_path / "recordings")
    assert [s.text for s in says] == list(CALLER_LINES)
    for say in says:
        assert say.audio is None
        expected = estimate_duration(say.text, scn.voice.rate)
        assert say.end - say.t == pytest.approx(expected, abs=0.002)
    assert not list(tmp_path.glob("cache/tts/*.wav"))


def test_text_only_on_request_has_no_notice() -> None:
    voice, notice = make_caller_voice(speak=False)
    assert isinstance(voice, EstimatedVoice)
    assert notice is None


def test_importing_the_voice_package_loads_no_audio_library() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, simulator.voice, simulator.voice.caller, simulator.voice.trainee, "
        "simulator.voice.sound; heavy = ('pyttsx3', 'sounddevice', 'faster_whisper'); "
        "print(sorted(m for m in sys.modules if m.startswith(heavy)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ),
    )
    assert done.stdout.strip() == "[]"
