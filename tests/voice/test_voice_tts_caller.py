"""SpeakingCallerVoice over fakes: pre-synthesis at call start, playback without waiting."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path

import pytest

from simulator.engine.voice import VoicedLine, estimate_duration
from simulator.scenario.models import Voice
from simulator.voice.caller.cache import wav_duration
from simulator.voice.caller.caller_voice import SpeakingCallerVoice
from simulator.voice.caller.player import FakePlayer, PlaybackError, SilentPlayer
from simulator.voice.caller.speaker import FakeSpeaker

LINES = [
    VoicedLine("喂，你好？", Voice()),
    VoicedLine("我要投诉！", Voice(rate=230, volume=1.0)),
    VoicedLine("喂，你好？", Voice()),
]


def test_prepare_synthesizes_every_line_once_and_play_never_synthesizes(tmp_path: Path) -> None:
    speaker, player = FakeSpeaker(tmp_path), FakePlayer()
    voice = SpeakingCallerVoice(speaker, player)
    voice.prepare(LINES)
    assert voice.wait_ready(5.0)
    assert speaker.jobs == 2
    assert len(list(tmp_path.glob("*.wav"))) == 2
    for line in LINES:
        voice.play(line)
    assert speaker.jobs == 2
    assert len(player.played) == 3
    assert player.played[0] == player.played[2] != player.played[1]


def test_durations_and_audio_come_from_the_wav(tmp_path: Path) -> None:
    voice = SpeakingCallerVoice(FakeSpeaker(tmp_path), FakePlayer())
    voice.prepare(LINES)
    wav = voice.audio_file(LINES[1])
    assert wav is not None and wav.parent == tmp_path
    assert voice.duration(LINES[1]) == wav_duration(wav)


def test_a_line_not_prepared_is_synthesized_when_its_turn_comes(tmp_path: Path) -> None:
    speaker, player = FakeSpeaker(tmp_path), FakePlayer()
    voice = SpeakingCallerVoice(speaker, player)
    late = VoicedLine("临时加的一句。", Voice())
    voice.play(late)
    assert speaker.jobs == 1
    assert player.played == [voice.audio_file(late)]


def test_failed_synthesis_keeps_the_line_as_text_with_an_estimated_length(tmp_path: Path) -> None:
    player = FakePlayer()
    voice = SpeakingCallerVoice(FakeSpeaker(tmp_path, fail=True), player)
    voice.prepare(LINES)
    line = LINES[1]
    assert voice.duration(line) == estimate_duration(line.text, line.voice.rate)
    voice.play(line)
    assert player.played == []
    assert voice.audio_file(line) is None
    assert voice.problems


class SlowSpeaker(FakeSpeaker):
    """Never finishes: the caller's turn must not wait for it forever."""

    def synthesize(self, text: str, voice: Voice, *, urgent: bool = False) -> Future[Path]:
        return Future()


def test_waiting_for_synthesis_is_bounded(tmp_path: Path) -> None:
    voice = SpeakingCallerVoice(SlowSpeaker(tmp_path), FakePlayer(), line_timeout=0.05)
    line = LINES[0]
    assert voice.duration(line) == estimate_duration(line.text, line.voice.rate)
    assert not voice.wait_ready(0.05)


class BrokenPlayer(FakePlayer):
    def play(self, path: Path) -> None:
        raise PlaybackError("device unplugged")


def test_a_player_failure_makes_the_rest_of_the_call_silent(tmp_path: Path) -> None:
    voice = SpeakingCallerVoice(FakeSpeaker(tmp_path), BrokenPlayer())
    voice.play(LINES[0])
    assert isinstance(voice.player, SilentPlayer)
    voice.play(LINES[1])
    assert any("device unplugged" in p for p in voice.problems)


def test_stop_reaches_the_player(tmp_path: Path) -> None:
    player = FakePlayer()
    voice = SpeakingCallerVoice(FakeSpeaker(tmp_path), player)
    voice.stop()
    assert player.stops == 1


@pytest.mark.parametrize("volume", [0.2, 1.0])
def test_fake_speaker_follows_rate_and_volume(tmp_path: Path, volume: float) -> None:
    wav = FakeSpeaker(tmp_path).synthesize("你好，请讲。", Voice(rate=120, volume=volume)).result()
    assert wav_duration(wav) == pytest.approx(estimate_duration("你好，请讲。", 120), abs=0.01)
