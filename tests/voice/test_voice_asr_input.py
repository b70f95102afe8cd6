"""VoiceInput on a fake clock: endpointing, push-to-talk, the worker thread, the call
bridge, and the audio sources (WAV file as microphone, a stand-in PortAudio stream).

A loudness detector and a scripted recognizer stand in for Silero and Whisper, so the
times here are exact; the real models are tested in test_voice_asr_whisper.py."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from simulator.clock import FakeClock, MonotonicClock
from simulator.recording.events import Asr, Say
from simulator.voice.sound import DeviceInfo
from simulator.voice.trainee import mic as mic_module
from simulator.voice.trainee.mic import MicrophoneError, MicrophoneSource, WavFileSource
from simulator.voice.trainee.mic_wav import AudioClip, concatenate, read_wav, write_wav
from simulator.voice.trainee.recognizer import FakeRecognizer
from simulator.voice.trainee.vad import FRAME_SECONDS, EnergyDetector
from simulator.voice.trainee.voice_input import (
    RecognitionFailed,
    SourceEnded,
    SpeechEnded,
    SpeechStarted,
    UtteranceDiscarded,
    UtteranceRecognized,
    VoiceEvent,
    VoiceInput,
)
from simulator.voice.trainee.voice_input_call import VoiceCallBridge
from tests.voice.voice_asr_helpers import tone


def timeline(*parts: tuple[str, float]) -> AudioClip:
    """("quiet", 1.0), ("talk", 2.0), … as one clip."""
    return concatenate([tone(s) if kind == "talk" else AudioClip.silence(s) for kind, s in parts])


def voice_input(
    clip: AudioClip,
    replies: Any = ("您好",),
    *,
    start: float = 100.0,
    tmp_path: Path,
    **kw: Any,
) -> tuple[VoiceInput, list[VoiceEvent], FakeClock]:
    clock = FakeClock(start)
    events: list[VoiceEvent] = []
    vi = VoiceInput(
        WavFileSource(clip, clock=clock),
        FakeRecognizer(replies),
        clock=clock,
        deliver=events.append,
        detector=EnergyDetector(0.05),
        audio_dir=tmp_path,
        background=kw.pop("background", False),
        **kw,
    )
    return vi, events, clock


def kinds(events: list[VoiceEvent]) -> list[str]:
    return [type(e).__name__ for e in events]


def test_hands_free_utterance_times_come_from_the_audio(tmp_path: Path) -> None:
    clip = timeline(("quiet", 1.0), ("talk", 2.0), ("quiet", 1.5), ("talk", 1.0), ("quiet", 1))
    vi, events, clock = voice_input(clip, ["您好", "请稍等"], tmp_path=tmp_path)
    vi.run()
    assert kinds(events) == [
        "SpeechStarted",
        "SpeechEnded",
        "UtteranceRecognized",
        "SpeechStarted",
        "SpeechEnded",
        "UtteranceRecognized",
        "SourceEnded",
    ]
    first, second = (e for e in events if isinstance(e, UtteranceRecognized))
    assert first.onset == pytest.approx(101.0, abs=FRAME_SECONDS)
    assert first.end == pytest.approx(103.0, abs=FRAME_SECONDS)
    assert second.onset == pytest.approx(104.5, abs=FRAME_SECONDS)
    assert second.end == pytest.approx(105.5, abs=FRAME_SECONDS)
    assert (first.text, second.text) == ("您好", "请稍等")
    assert first.asr == Asr(confidence=0.9, raw="您好")
    # The WAV of an utterance: the speech plus 0.3 s before and 0.2 s after.
    assert read_wav(first.audio).duration == pytest.approx(2.5, abs=0.07)
    assert clock.now() == pytest.approx(100.0 + clip.duration, abs=FRAME_SECONDS)


def test_onset_is_reported_once_speech_has_lasted(tmp_path: Path) -> None:
    clip = timeline(("quiet", 1.0), ("talk", 1.0), ("quiet", 1.0))
    clock = FakeClock()
    seen: list[tuple[float, VoiceEvent]] = []
    vi = VoiceInput(
        WavFileSource(clip, clock=clock),
        FakeRecognizer(["好"]),
        clock=clock,
        deliver=lambda e: seen.append((clock.now(), e)),
        detector=EnergyDetector(0.05),
        audio_dir=tmp_path,
        background=False,
    )
    vi.run()
    heard_at, started = seen[0]
    assert isinstance(started, SpeechStarted)
    assert started.t == pytest.approx(1.0, abs=FRAME_SECONDS)
    assert 1.2 <= heard_at <= 1.35  # after min_speech (0.25 s) of it, not at the end
    ended_at = next(t for t, e in seen if isinstance(e, SpeechEnded))
    assert ended_at == pytest.approx(2.6, abs=0.1)  # after 0.6 s of quiet


def test_a_click_is_not_speech(tmp_path: Path) -> None:
    clip = timeline(("quiet", 1.0), ("talk", 0.1), ("quiet", 1.0))
    vi, events, _ = voice_input(clip, tmp_path=tmp_path)
    vi.run()
    assert kinds(events) == ["SourceEnded"]


def test_push_to_talk_uses_the_speech_inside_the_key_press(tmp_path: Path) -> None:
    clip = timeline(("talk", 1.0), ("quiet", 1.0), ("talk", 1.0), ("quiet", 2.0))
    vi, events, clock = voice_input(clip, ["请您稍等"], tmp_path=tmp_path, mode="push_to_talk")
    while clock.now() < 101.5:  # the first burst is ignored: the key is up
        vi.step()
    vi.press()
    while clock.now() < 103.6:
        vi.step()
    vi.release()
    vi.run()
    said = [e for e in events if isinstance(e, UtteranceRecognized)]
    assert len(said) == 1
    assert said[0].onset == pytest.approx(102.0, abs=FRAME_SECONDS)
    assert said[0].end == pytest.approx(103.0, abs=FRAME_SECONDS)


def test_push_to_talk_without_speech_is_discarded(tmp_path: Path) -> None:
    vi, events, clock = voice_input(
        timeline(("quiet", 2.0)), tmp_path=tmp_path, mode="push_to_talk"
    )
    vi.step()
    vi.press()
    while clock.now() < 101.0:
        vi.step()
    vi.release()
    vi.run()
    assert kinds(events) == ["UtteranceDiscarded", "SourceEnded"]


def test_empty_recognition_and_failures_are_reported(tmp_path: Path) -> None:
    def recognize(clip: AudioClip) -> str:
        raise RuntimeError("model broke")

    clip = timeline(("quiet", 0.5), ("talk", 1.0), ("quiet", 1.0))
    vi, events, _ = voice_input(clip, [""], tmp_path=tmp_path)
    vi.run()
    assert isinstance(events[2], UtteranceDiscarded)
    vi, events, _ = voice_input(clip, recognize, tmp_path=tmp_path)
    vi.run()
    assert isinstance(events[2], RecognitionFailed) and "model broke" in events[2].message


def test_recognition_runs_in_a_worker_thread(tmp_path: Path) -> None:
    threads: list[str] = []

    def recognize(clip: AudioClip) -> str:
        threads.append(threading.current_thread().name)
        return "好的"

    clip = timeline(("quiet", 0.5), ("talk", 1.0), ("quiet", 1.0))
    vi, events, _ = voice_input(clip, recognize, tmp_path=tmp_path, background=True)
    vi.run()
    vi.close()  # waits for the recognition under way
    assert threads == ["callsim-recognizer"]
    assert any(isinstance(e, UtteranceRecognized) for e in events)


def _guessing_run(
    tmp_path: Path, clip: AudioClip, pause_noticed_at: float
) -> tuple[VoiceInput, list[VoiceEvent], list[float]]:
    """Hands-free in the background: the audio up to `pause_noticed_at`, then (once the
    worker has taken the pause's guess) the rest. Returns what the recognizer heard."""
    heard: list[float] = []
    called = threading.Event()

    def recognize(audio: AudioClip) -> str:
        heard.append(audio.duration)
        called.set()
        return f"第{len(heard)}次"

    vi, events, clock = voice_input(clip, recognize, tmp_path=tmp_path, background=True)
    while clock.now() < 100.0 + pause_noticed_at:
        vi.step()
    assert called.wait(5.0), "the pause was not recognized ahead"
    vi.run()
    vi.close()
    return vi, events, heard


def test_a_pause_is_recognized_ahead_and_used_when_it_ends_the_reply(tmp_path: Path) -> None:
    clip = timeline(("quiet", 0.5), ("talk", 1.5), ("quiet", 1.5))
    vi, events, heard = _guessing_run(tmp_path, clip, 2.3)
    assert len(heard) == 1 and vi.guesses_used == 1  # recognized once, during the pause
    (said,) = [e for e in events if isinstance(e, UtteranceRecognized)]
    assert said.text == "第1次"
    assert said.end == pytest.approx(102.0, abs=FRAME_SECONDS)
    assert read_wav(said.audio).duration == pytest.approx(heard[0], abs=1e-3)
    # The recognizer's thread and the capture loop deliver independently: the transcript
    # and the end of the file may arrive in either order.
    assert kinds(events)[:2] == ["SpeechStarted", "SpeechEnded"]
    assert sorted(kinds(events)[2:]) == ["SourceEnded", "UtteranceRecognized"]


def test_a_guess_is_dropped_when_the_trainee_speaks_on(tmp_path: Path) -> None:
    clip = timeline(("quiet", 0.5), ("talk", 1.0), ("quiet", 0.4), ("talk", 1.0), ("quiet", 1.5))
    _, events, heard = _guessing_run(tmp_path, clip, 1.8)
    (said,) = [e for e in events if isinstance(e, UtteranceRecognized)]
    assert said.end == pytest.approx(102.9, abs=FRAME_SECONDS)  # one reply, both parts
    # The first pause's guess (first part + rolls) is not what the reply says; the
    # whole reply is recognized once more (ahead in the final pause, or after it).
    assert heard[0] == pytest.approx(1.5, abs=0.07)
    assert len(heard) == 2 and heard[1] == pytest.approx(2.9, abs=0.07)
    assert said.text == "第2次"


def test_push_to_talk_and_inline_runs_make_no_guesses(tmp_path: Path) -> None:
    clip = timeline(("quiet", 0.5), ("talk", 1.0), ("quiet", 0.4), ("talk", 1.0), ("quiet", 1.5))
    vi, events, _ = voice_input(clip, ["好的"], tmp_path=tmp_path)
    vi.run()
    assert [e.text for e in events if isinstance(e, UtteranceRecognized)] == ["好的"]
    assert len(vi.recognizer.heard) == 1  # type: ignore[attr-defined]
    vi, events, clock = voice_input(clip, ["好的"], tmp_path=tmp_path, mode="push_to_talk")
    vi.press()
    while clock.now() < 103.5:
        vi.step()
    vi.release()
    vi.run()
    assert len(vi.recognizer.heard) == 1  # type: ignore[attr-defined]


def test_capture_thread_on_the_real_clock(tmp_path: Path) -> None:
    clip = timeline(("quiet", 0.2), ("talk", 0.5), ("quiet", 0.1))
    clock = MonotonicClock()
    events: list[VoiceEvent] = []
    done = threading.Event()

    def deliver(event: VoiceEvent) -> None:
        events.append(event)
        if isinstance(event, SourceEnded):
            done.set()

    vi = VoiceInput(
        WavFileSource(clip, clock=clock, pace="instant"),
        FakeRecognizer(["好"]),
        clock=clock,
        deliver=deliver,
        detector=EnergyDetector(0.05),
        audio_dir=tmp_path,
    )
    vi.start()
    assert done.wait(10.0)
    vi.close()
    # The WAV ends 0.1 s after the speech: the utterance is closed at the end of the file
    # and recognized in the worker (which may finish after the source has ended).
    assert kinds(events)[:2] == ["SpeechStarted", "SpeechEnded"]
    assert sorted(kinds(events)[2:]) == ["SourceEnded", "UtteranceRecognized"]


def test_level_follows_the_audio(tmp_path: Path) -> None:
    vi, _, _ = voice_input(timeline(("quiet", 0.1), ("talk", 0.1)), tmp_path=tmp_path)
    vi.step()
    assert vi.level == 0.0
    vi.run()
    assert vi.level > 0.5


def test_calibration_raises_the_gate_in_a_noisy_room(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    noise = AudioClip((rng.normal(0, 0.02, 16000)).astype(np.float32))
    vi, _, _ = voice_input(noise, tmp_path=tmp_path)
    measured = vi.calibrate(0.5)
    assert measured == pytest.approx(0.02, rel=0.2)
    assert vi.endpointer.gate == pytest.approx(0.05, rel=0.2)


# ---------------------------------------------------------------- the bridge


class RecordingCall:
    """The part of Call the bridge uses, remembering what it was told."""

    def __init__(self, origin: float) -> None:
        self.origin = origin
        self.log: list[Any] = []

    def agent_started(self) -> None:
        self.log.append("started")

    def agent_cancelled(self) -> None:
        self.log.append("cancelled")

    def agent_said(
        self,
        text: str,
        onset: float,
        end: float | None = None,
        *,
        audio: Path | None = None,
        asr: Asr | None = None,
        corrected: bool = False,
    ) -> Say:
        say = Say(onset, end or onset, "agent", text, str(audio), asr, corrected)
        self.log.append(say)
        return say


def _recognized(tmp_path: Path, text: str = "千里大声一点") -> UtteranceRecognized:
    from simulator.voice.trainee.recognizer import Transcript

    audio = write_wav(tmp_path / "u.wav", tone(0.5))
    return UtteranceRecognized(105.0, 107.5, audio, Transcript(text, 0.31, model_text=text))


def test_bridge_exam_mode_grades_what_was_recognized(tmp_path: Path) -> None:
    call = RecordingCall(origin=100.0)
    bridge = VoiceCallBridge(call)
    bridge.handle(SpeechStarted(105.0))
    say = bridge.handle(_recognized(tmp_path))
    assert call.log[0] == "started"
    assert isinstance(say, Say)
    assert (say.t, say.end, say.text) == (5.0, 7.5, "千里大声一点")  # call time
    assert say.asr == Asr(0.31, "千里大声一点") and not say.corrected
    assert say.audio == str(tmp_path / "u.wav")


def test_bridge_practice_mode_lets_the_trainee_correct(tmp_path: Path) -> None:
    call = RecordingCall(origin=100.0)
    bridge = VoiceCallBridge(call, review=True)
    pending = bridge.handle(_recognized(tmp_path))
    assert pending is not None and not isinstance(pending, Say)
    assert pending.low_confidence and call.log == []
    say = bridge.confirm(pending, "请您大声一点")
    assert say.text == "请您大声一点" and say.corrected
    assert say.asr == Asr(0.31, "千里大声一点")
    assert bridge.pending == []
    unchanged = bridge.confirm(bridge.handle(_recognized(tmp_path)))  # type: ignore[arg-type]
    assert not unchanged.corrected


def test_bridge_cancels_when_nothing_was_said() -> None:
    call = RecordingCall(origin=0.0)
    bridge = VoiceCallBridge(call)
    bridge.handle(SpeechStarted(1.0))
    bridge.handle(UtteranceDiscarded(1.0, 1.3, "没有识别出文字"))
    assert call.log == ["started", "cancelled"]


# ---------------------------------------------------------------- sources


def test_wav_source_paces_itself_on_the_real_clock(tmp_path: Path) -> None:
    path = write_wav(tmp_path / "a.wav", tone(0.2))
    slept: list[float] = []
    clock = FakeClock()

    source = WavFileSource(path, clock=clock, pace="realtime", sleep=slept.append)
    first = source.read()
    assert first is not None and first.t == 0.0
    assert slept == [pytest.approx(512 / 16000)]


class StandInStream:
    """What PortAudio's RawInputStream looks like to MicrophoneSource: a 48 kHz device
    (16 kHz is refused, as a bare hardware device does)."""

    def __init__(self, clock: FakeClock, *, samplerate: int, blocksize: int, **_: object) -> None:
        if samplerate != 48000:
            raise RuntimeError("Invalid sample rate")
        self.clock = clock
        self.samplerate = samplerate
        self.blocksize = blocksize
        self.started = False
        self.closed = False
        signal = np.sin(2 * np.pi * 200 * np.arange(48000) / 48000) * 0.5
        self._data = (signal * 32767).astype("<i2").tobytes()
        self._at = 0

    def start(self) -> None:
        self.started = True

    def read(self, frames: int) -> tuple[bytes, bool]:
        self.clock.advance(frames / self.samplerate)
        chunk = self._data[self._at : self._at + frames * 2]
        self._at += frames * 2
        return chunk, False

    def abort(self) -> None:
        self.started = False

    def close(self) -> None:
        self.closed = True


def test_microphone_chunks_are_16k_and_clock_stamped(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock(50.0)
    streams: list[StandInStream] = []

    def factory(**kwargs: Any) -> StandInStream:
        stream = StandInStream(clock, **kwargs)
        streams.append(stream)
        return stream

    info = DeviceInfo(3, "USB 耳麦", "ALSA", inputs=1, outputs=0, default_rate=48000.0)
    monkeypatch.setattr(mic_module, "find_device", lambda device, kind: info)
    source = MicrophoneSource(clock=clock, device=3, stream_factory=factory)
    source.open()
    assert streams[0].blocksize == 1536  # 32 ms at the device's rate
    chunks = [source.read() for _ in range(10)]
    assert all(c is not None for c in chunks)
    assert chunks[0] is not None and chunks[0].t == 50.0
    total = sum(len(c.samples) for c in chunks if c is not None)
    assert abs(total - 5120) <= 4  # 10 × 1536 samples at 48 kHz = 0.32 s
    last = chunks[-1]
    assert last is not None and last.t == pytest.approx(50.0 + (total - len(last.samples)) / 16000)
    source.close()
    assert streams[0].closed and not streams[0].started


def test_a_microphone_that_does_not_open_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = FakeClock()

    def refuse(**kwargs: Any) -> StandInStream:
        raise RuntimeError("Device unavailable")

    monkeypatch.setattr(mic_module, "find_device", lambda device, kind: None)
    source = MicrophoneSource(clock=clock, device="USB", stream_factory=refuse)
    with pytest.raises(MicrophoneError, match="找不到可用的麦克风（USB）"):
        source.open()
