"""Replay you can hear, for real: a voice call's saved audio reaches a sound device.

The recording is made the way the app makes one: the engine runs a call whose caller
speaks through espeak-ng (pyttsx3 worker) and whose agent is heard on a virtual
microphone (espeak-ng speech in a WAV), and the recorder keeps both sides' WAVs beside
the recording. The replay screen then opens the call's own player (`open_player`, the
PortAudio `SoundDevicePlayer`) on an ALSA `file` device of ours (see
tests/voice/alsa_helpers.py) and plays at 1×; what reached the device is compared with
the saved WAVs sample by sample. The device config does not truncate: every opening of
the device (the probe, each clip) writes a file of its own, named with the rate the
device ran at, so the test sees which clip went out when, and at what rate.

The replay clock is a FakeClock moved by the test; only the device runs in real time,
and each wait for it is bounded by the clip's length. Inside a Textual app sys.stderr is
the app's print capture: the last test keeps the sound's loading working there.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import wave
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pytest

from simulator.clock import FakeClock
from simulator.engine import default_reply_matcher, start_session
from simulator.engine.session import Trainee
from simulator.recording import read_recording
from simulator.recording.events import Say
from simulator.scenario import Scenario
from simulator.tui.app import CallsimApp
from simulator.tui.screens.replay import ReplayScreen
from simulator.voice.caller.caller_voice import SpeakingCallerVoice
from simulator.voice.caller.client import WorkerSpeaker
from simulator.voice.caller.player import FakePlayer, resample_pcm
from simulator.voice.sound import quiet_stderr
from simulator.voice.trainee.mic import WavFileSource
from simulator.voice.trainee.mic_wav import SAMPLE_RATE, AudioClip, read_wav, write_wav
from simulator.voice.trainee.recognizer import FakeRecognizer
from simulator.voice.trainee.vad import speech_bounds
from simulator.voice.trainee.voice_input import VoiceEvent, VoiceInput
from simulator.voice.trainee.voice_input_call import VoiceCallBridge
from tests.tui.tui_helpers import SIZE, make_services, settle
from tests.voice.alsa_helpers import alsa_env, contains, run_json

pytestmark = [
    pytest.mark.audio,
    pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng missing"),
]

ANSWER = 3.0
GREETING = "您好，福彩热线，请问有什么可以帮您？"
GREETING_AT = ANSWER + 0.8
CALLER_LINE = "我想问一下上期双色球的开奖结果。"
CALLER_PAUSE = 9.0  # after the answer: the greeting is over by then
HANGUP_AFTER = 3.0
TAIL = 1.0
"""Seconds into the caller's line where the replay is started a second time."""

DEVICE = """
pcm.callsim_out {{
    type file
    slave.pcm {{ type null }}
    file "{folder}/out-%r.raw"
    truncate false
    format "raw"
}}
pcm.!default "callsim_out"
"""
"""One file per opening (`truncate false` adds .0001, .0002…), named with the device's rate."""

Pcm = npt.NDArray[np.int16]


def _scenario() -> Scenario:
    return Scenario.model_validate(
        {
            "id": "replay-sound",
            "title": "回放声音",
            "persona": "standard",
            "org": "福彩热线",
            "call_time": "2026-11-18T10:00:00+08:00",
            "script": {
                "beats": {
                    "main": {
                        "caller": [{"text": CALLER_LINE, "pause": CALLER_PAUSE}],
                        "hangup": True,
                        "hangup_after": HANGUP_AFTER,
                    }
                }
            },
        }
    )


def _microphone(folder: Path) -> Path:
    """The agent's side from the answer on: the greeting, spoken by espeak-ng, on time."""
    spoken = folder / "greeting.wav"
    subprocess.run(
        ["espeak-ng", "-v", "cmn-latn-pinyin+f2", "-s", "110", "-w", str(spoken), GREETING],
        check=True,
        capture_output=True,
    )
    clip = read_wav(spoken).resampled()
    bounds = speech_bounds(clip)
    assert bounds is not None
    track = np.zeros(round((CALLER_PAUSE + 2.0) * SAMPLE_RATE), dtype=np.float32)
    start = round((GREETING_AT - bounds[0] - ANSWER) * SAMPLE_RATE)
    track[start : start + len(clip.samples)] += clip.samples
    return write_wav(folder / "microphone.wav", AudioClip(track))


def _voice_call(folder: Path) -> Path:
    """A voice call through the engine; its recording keeps both sides' WAVs beside it."""
    clock = FakeClock()
    voice = SpeakingCallerVoice(WorkerSpeaker(cache=folder / "tts"), FakePlayer())
    session = start_session(
        _scenario(),
        Trainee("王芳", "1024"),
        recordings=folder / "recordings",
        clock=clock,
        matcher=default_reply_matcher(),
        voice=voice,
        input_kind="voice",
    )
    try:
        call = session.call
        call.start()
        assert voice.wait_ready(30.0)
        clock.set(ANSWER)
        call.advance()
        call.answer()
        events: list[VoiceEvent] = []
        heard = VoiceInput(
            WavFileSource(_microphone(folder), clock=clock),
            FakeRecognizer([GREETING]),
            clock=clock,
            deliver=events.append,
            audio_dir=folder / "utterances",
            background=False,
        )
        bridge = VoiceCallBridge(call)
        while heard.step():
            for event in events:
                bridge.handle(event)
            events.clear()
            call.advance()
        for event in events:
            bridge.handle(event)
        while not call.ended:
            due = call.next_due()
            assert due is not None
            clock.set(max(clock.now(), call.origin + due))
            call.advance()
    finally:
        session.close()
        voice.close()
    return session.path


# ---------------------------------------------------------------- in the subprocess


def replay_on_the_device(recording: str, device_folder: str) -> None:
    """Run in a fresh interpreter whose ALSA is `DEVICE`: print what the replay did."""
    print(json.dumps(asyncio.run(_replay(Path(recording), Path(device_folder)))))


def _device_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("out-*"))


async def _replay(path: Path, device: Path) -> dict[str, Any]:
    recording = read_recording(path)
    says = [e for e in recording.in_time_order() if isinstance(e, Say)]
    clock = FakeClock()
    app = CallsimApp(make_services(path.parent / "app", clock))
    report: dict[str, Any] = {"plays": []}
    async with app.run_test(size=SIZE) as pilot:
        screen = ReplayScreen(recording, None, None)  # no player given: the device is probed
        await app.push_screen(screen)
        await app.workers.wait_for_complete()  # the probe runs in a worker thread
        await settle(pilot)
        sound = screen.sound
        assert sound is not None, screen.sound_notice
        player: Any = sound.player
        report["player"] = type(player).__name__
        report["after_probe"] = _device_files(device)

        async def play_at(position: float, clip_seconds: float) -> None:
            """Move the replay clock to `position`; note which clip the device then got."""
            clock.set(position)
            screen.tick()
            await settle(pilot)
            current = sound.current
            # The device runs in real time: wait at most the clip's length and a margin.
            finished = player.wait(clip_seconds + 5.0)
            report["plays"].append(
                {
                    "at": position,
                    "who": current.who if current is not None else None,
                    "finished": finished,
                    "files": _device_files(device),
                }
            )

        for say in says:
            await play_at(say.t + 0.01, say.end - say.t)
            # Between the lines (and after the last) nothing more is played.
            await play_at(say.end + 0.05, 0.0)
        # The caller's line again, entered a second into it (as after a jump): its rest.
        caller = next(s for s in says if s.who == "caller")
        await pilot.press("space")  # pause
        assert screen.player is not None
        screen.player.seek(caller.t + TAIL)
        clock.set(clock.now() + 1.0)  # paused: the play head does not move with the clock
        await pilot.press("space")  # play from there
        await settle(pilot)
        report["tail_who"] = sound.current.who if sound.current is not None else None
        report["tail_finished"] = player.wait(caller.end - caller.t + 5.0)
        report["tail_files"] = _device_files(device)
        await pilot.press("escape")
        await settle(pilot)
    return report


# ---------------------------------------------------------------- the test


def _frames(path: Path) -> tuple[Pcm, int]:
    """A saved mono 16-bit WAV's samples and rate (read here with `wave`, not the player)."""
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        rate = wav.getframerate()
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2").astype(np.int16)
    return samples, rate


def _reached(device: Path, name: str) -> tuple[Pcm, int]:
    """What one opening of the device received, and the rate the device ran at."""
    match = re.fullmatch(r"out-(\d+)\.raw(?:\.\d+)?", name)
    assert match, name
    return np.fromfile(device / name, dtype="<i2").astype(np.int16), int(match.group(1))


def _as_the_device_got_it(samples: Pcm, rate: int, device_rate: int) -> Pcm:
    """A clip as it should reach a device running at `device_rate` (the player resamples
    only when the device refuses the file's rate)."""
    return resample_pcm(samples.reshape(-1, 1), rate, device_rate)[:, 0]


def _new(before: list[str], after: list[str]) -> list[str]:
    return [name for name in after if name not in before]


def test_replay_plays_both_recorded_sides_on_a_real_sound_device(tmp_path: Path) -> None:
    path = _voice_call(tmp_path)
    recording = read_recording(path)
    says = [e for e in recording.in_time_order() if isinstance(e, Say)]
    assert [s.who for s in says] == ["agent", "caller"]
    wavs = {s.who: path.parent / s.audio for s in says if s.audio is not None}
    assert sorted(wavs) == ["agent", "caller"] and all(w.is_file() for w in wavs.values())
    clips: dict[str, tuple[Pcm, int]] = {who: _frames(wav) for who, wav in wavs.items()}
    assert clips["agent"][1] != clips["caller"][1]  # a 16 kHz clip and a TTS WAV

    device = tmp_path / "device"
    device.mkdir()
    config = tmp_path / "replay-asound.conf"
    config.write_text(DEVICE.format(folder=device), encoding="utf-8")
    env = alsa_env(tmp_path)
    env["ALSA_CONFIG_PATH"] = str(config)
    code = (
        "from tests.tui.test_tui_replay_sound_real import replay_on_the_device\n"
        f"replay_on_the_device({str(path)!r}, {str(device)!r})\n"
    )
    report = run_json(code, env, timeout=120.0)

    assert report["player"] == "SoundDevicePlayer"
    probe = report["after_probe"]
    assert len(probe) == 1 and not _reached(device, probe[0])[0].any()  # 50 ms of silence
    plays = report["plays"]
    before = probe
    for say, (start, between) in zip(says, zip(plays[::2], plays[1::2], strict=True), strict=True):
        assert start["who"] == say.who and start["finished"]
        opened = _new(before, start["files"])
        assert len(opened) == 1, (say.who, opened)  # this line, once, and nothing else
        got, device_rate = _reached(device, opened[0])
        samples, rate = clips[say.who]
        assert contains(got, _as_the_device_got_it(samples, rate, device_rate)), say.who
        other = "caller" if say.who == "agent" else "agent"
        assert not contains(got, _as_the_device_got_it(*clips[other], device_rate))
        assert between["who"] is None and between["files"] == start["files"]
        before = start["files"]

    # Entered a second into the caller's line: the rest of it, not its beginning.
    assert report["tail_who"] == "caller" and report["tail_finished"]
    opened = _new(before, report["tail_files"])
    assert len(opened) == 1
    got, device_rate = _reached(device, opened[0])
    samples, rate = clips["caller"]
    expected = _as_the_device_got_it(samples, rate, device_rate)
    cut = round(TAIL * device_rate)
    assert contains(got, expected[cut + 1 :])
    head = expected[: cut // 2]
    assert head.any() and not contains(got, head)


class _PrintCapture:
    """Like Textual's capture of print() inside an app: a stderr whose fileno() is -1."""

    def write(self, text: str) -> int:
        return len(text)

    def flush(self) -> None:
        return None

    def fileno(self) -> int:
        return -1


def test_sound_loads_quietly_inside_a_textual_app(
    capfd: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Inside the app the player is opened with sys.stderr replaced; PortAudio's loading
    # must still silence fd 2 (not fail with a bad descriptor and leave the replay mute).
    monkeypatch.setattr(sys, "stderr", _PrintCapture())
    with quiet_stderr():
        os.write(2, b"alsa-lib chatter\n")
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "after\n"
