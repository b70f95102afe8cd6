"""The real Speaker: pyttsx3 + espeak-ng in the worker process, into WAV files (no mocks)."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.engine.voice import estimate_duration
from simulator.scenario.models import Voice
from simulator.scenario.voices import persona_voice
from simulator.voice.caller.cache import wav_duration, wav_levels
from simulator.voice.caller.client import WorkerSpeaker
from simulator.voice.caller.speaker import SpeakerError, SpeakerUnavailable

pytestmark = pytest.mark.audio

LINE = "我已经打了三次电话了，你们到底有没有人管？我要投诉！"


@pytest.fixture(scope="module")
def speaker(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WorkerSpeaker]:
    worker = WorkerSpeaker(cache=tmp_path_factory.mktemp("tts"))
    yield worker
    worker.close()


def synth(speaker: WorkerSpeaker, text: str, voice: Voice) -> Path:
    return speaker.synthesize(text, voice).result(timeout=20)


def test_mandarin_is_chosen_by_language(speaker: WorkerSpeaker) -> None:
    # espeak-ng 1.51 (Debian): plain `cmn` reads hanzi as English digits; pinyin is Mandarin.
    assert speaker.voice.id.endswith("cmn-latn-pinyin")
    assert any(v.id.endswith("/cmn") for v in speaker.voices())
    assert speaker.engine_id.startswith("espeak-ng ")


def test_real_mandarin_has_a_plausible_length_and_is_not_silent(speaker: WorkerSpeaker) -> None:
    for rate in (130, 170, 260):
        levels = wav_levels(synth(speaker, LINE, Voice(rate=rate)))
        expected = estimate_duration(LINE, rate)
        assert 0.75 * expected < levels.duration < 1.25 * expected, (rate, levels, expected)
        assert levels.rms > 0.03
        assert levels.peak > 0.3


def test_rate_and_volume_change_the_audio_measurably(speaker: WorkerSpeaker) -> None:
    slow = wav_levels(synth(speaker, LINE, Voice(rate=120)))
    fast = wav_levels(synth(speaker, LINE, Voice(rate=240)))
    assert slow.duration > 1.8 * fast.duration
    quiet = wav_levels(synth(speaker, LINE, Voice(volume=0.3)))
    loud = wav_levels(synth(speaker, LINE, Voice(volume=1.0)))
    assert quiet.rms < 0.5 * loud.rms
    low = synth(speaker, LINE, Voice(pitch=10))
    high = synth(speaker, LINE, Voice(pitch=90))
    assert low.read_bytes() != high.read_bytes()


def test_personas_sound_different(speaker: WorkerSpeaker) -> None:
    text = "你好，我想问一下你们这边的情况。"
    angry = wav_levels(synth(speaker, text, persona_voice("angry")))
    drawling = wav_levels(synth(speaker, text, persona_voice("offtopic")))
    faint = wav_levels(synth(speaker, text, persona_voice("silent")))
    assert angry.duration < 0.7 * drawling.duration
    assert faint.rms < 0.5 * angry.rms


def test_each_line_is_synthesized_once_then_served_from_the_cache(speaker: WorkerSpeaker) -> None:
    voice = Voice(rate=181)
    first = synth(speaker, "缓存测试，第一次。", voice)
    jobs = speaker.jobs
    again = speaker.synthesize("缓存测试，第一次。", voice)
    assert again.done() and again.result() == first
    assert speaker.jobs == jobs
    assert synth(speaker, "缓存测试，第一次。", Voice(rate=182)) != first


def test_nothing_reaches_the_terminal(
    speaker: WorkerSpeaker, capfd: pytest.CaptureFixture[str]
) -> None:
    synth(speaker, "终端不应该出现任何输出。", Voice(rate=175))
    out, err = capfd.readouterr()
    assert out == ""
    assert err == ""


def test_phone_digits_take_as_long_as_reading_them_one_by_one(speaker: WorkerSpeaker) -> None:
    digits = wav_duration(synth(speaker, "电话13812345678", Voice()))
    as_number = wav_duration(synth(speaker, "电话十三亿八千一百二十三万四千五百六十七", Voice()))
    assert digits != as_number
    assert 0.6 * estimate_duration("电话13812345678", 170) < digits


def test_a_dead_worker_fails_lines_instead_of_hanging(tmp_path: Path) -> None:
    worker = WorkerSpeaker(cache=tmp_path)
    worker._proc.kill()
    worker._proc.wait(timeout=5)
    started = time.monotonic()
    with pytest.raises(SpeakerError):
        worker.synthesize("还在吗？", Voice()).result(timeout=5)
    assert time.monotonic() - started < 5
    worker.close()


def test_a_worker_that_cannot_start_is_reported(tmp_path: Path) -> None:
    failing = [sys.executable, "-c", 'print(\'{"type": "failed", "error": "boom"}\')']
    with pytest.raises(SpeakerUnavailable, match="boom"):
        WorkerSpeaker(cache=tmp_path, command=failing)
    started = time.monotonic()
    with pytest.raises(SpeakerUnavailable, match="did not start"):
        WorkerSpeaker(
            cache=tmp_path,
            command=[sys.executable, "-c", "import time; time.sleep(30)"],
            start_timeout=0.5,
        )
    assert time.monotonic() - started < 5
