"""The platform's voices through pyttsx3, on fakes: driver selection, voice choice by
language tags, the per-driver quirks (pitch, callbacks, AIFF) and the text-only fallbacks.

This machine is Linux: SAPI5 and NSSpeechSynthesizer are stood in for by a fake pyttsx3
engine that behaves as their drivers do. espeak-ng itself is tested for real elsewhere
(test_voice_speaker_real.py, test_voice_tts_*.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from array import array
from pathlib import Path
from types import SimpleNamespace
from typing import Any, ClassVar

import pytest

from simulator.engine.voice import EstimatedVoice
from simulator.voice.caller.aiff import aiff_to_wav, is_aiff
from simulator.voice.caller.cache import write_wav
from simulator.voice.caller.caller_voice import SpeakingCallerVoice
from simulator.voice.caller.client import WorkerSpeaker
from simulator.voice.caller.drivers import (
    NsssDriver,
    Sapi5Driver,
    SynthDriver,
    adapter_for,
    driver_for,
)
from simulator.voice.caller.espeak import EspeakDriver
from simulator.voice.caller.factory import NO_MANDARIN, make_caller_voice
from simulator.voice.caller.speaker import FakeSpeaker, NoMandarinVoice, Speaker
from simulator.voice.caller.voices import VoiceInfo, is_chinese, pick_mandarin
from simulator.voice.caller.worker import _Synth

# ---------------------------------------------------------------- driver selection


@pytest.mark.parametrize(
    ("platform", "driver"),
    [("win32", "sapi5"), ("darwin", "nsss"), ("linux", "espeak"), ("freebsd14", "espeak")],
)
def test_each_platform_gets_its_own_driver(platform: str, driver: str) -> None:
    assert driver_for(platform) == driver
    assert adapter_for(driver).name == driver


def test_an_unknown_driver_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown speech driver 'festival'"):
        adapter_for("festival")


def test_a_driver_whose_modules_are_missing_says_what_to_install() -> None:
    problem = Sapi5Driver().problem() if sys.platform != "win32" else NsssDriver().problem()
    assert problem is not None
    assert "来电者的话只显示为文字" in problem and "make run" in problem


# ---------------------------------------------------------------- voice choice

SAPI5 = [
    VoiceInfo(r"HKEY_LOCAL_MACHINE\...\TTS_MS_EN-US_DAVID_11.0", "Microsoft David", ("en-US",)),
    VoiceInfo(r"HKEY_LOCAL_MACHINE\...\TTS_MS_ZH-HK_TRACY_11.0", "Microsoft Tracy", ("zh-HK",)),
    VoiceInfo(r"HKEY_LOCAL_MACHINE\...\TTS_MS_ZH-TW_HANHAN_11.0", "Microsoft Hanhan", ("zh-TW",)),
    VoiceInfo(r"HKEY_LOCAL_MACHINE\...\TTS_MS_ZH-CN_HUIHUI_11.0", "Microsoft Huihui", ("zh-CN",)),
]
NSSS = [
    VoiceInfo("com.apple.voice.compact.en-US.Samantha", "Samantha", ("en_US",)),
    VoiceInfo("com.apple.voice.compact.zh-HK.Sinji", "Sinji", ("zh_HK",)),
    VoiceInfo("com.apple.voice.compact.zh-TW.Meijia", "Meijia", ("zh_TW",)),
    VoiceInfo("com.apple.voice.compact.zh-CN.Tingting", "Tingting", ("zh_CN",)),
]


@pytest.mark.parametrize("voices", [SAPI5, NSSS, SAPI5[::-1], NSSS[::-1]])
def test_the_mainland_mandarin_voice_is_chosen_by_its_language_tag(
    voices: list[VoiceInfo],
) -> None:
    chosen = pick_mandarin(voices)
    assert chosen is not None and chosen.name in ("Microsoft Huihui", "Tingting")


def test_taiwan_mandarin_is_next_and_cantonese_never() -> None:
    assert pick_mandarin(SAPI5[:3]) == SAPI5[2]
    assert pick_mandarin(NSSS[:3]) == NSSS[2]
    assert pick_mandarin(SAPI5[:2]) is None
    assert pick_mandarin(NSSS[:2]) is None


def test_chinese_voices_are_listed_whatever_the_tag_style() -> None:
    assert [v.name for v in NSSS if is_chinese(v)] == ["Sinji", "Meijia", "Tingting"]
    assert [v.name for v in SAPI5 if is_chinese(v)] == [
        "Microsoft Tracy",
        "Microsoft Hanhan",
        "Microsoft Huihui",
    ]


# ---------------------------------------------------------------- the worker on a fake engine


class FakeEngine:
    """pyttsx3's Engine as its SAPI5 / NSSS / espeak drivers behave, minus the speech."""

    def __init__(self, voices: list[VoiceInfo], *, aiff: bool = False, callback: bool = True):
        self._voices = [
            SimpleNamespace(id=v.id, name=v.name, languages=v.languages) for v in voices
        ]
        self.aiff = aiff
        self.callback = callback
        self.properties: dict[str, Any] = {}
        self.callbacks: dict[str, Any] = {}
        self._pending: tuple[str, str] | None = None

    def connect(self, topic: str, cb: Any) -> None:
        self.callbacks[topic] = cb

    def getProperty(self, name: str) -> Any:
        return self._voices if name == "voices" else self.properties.get(name)

    def setProperty(self, name: str, value: Any) -> None:
        self.properties[name] = value

    def save_to_file(self, text: str, filename: str) -> None:
        self._pending = (text, filename)

    def runAndWait(self) -> None:
        if self._pending is None:
            return
        _, filename = self._pending
        self._pending = None
        path = Path(filename)
        if self.aiff:
            make_aiff(path, [1000, -1000] * 11025, 22050)
        else:
            write_wav(path, array("h", [1000, -1000] * 11025), 22050)
        if self.callback:
            self.callbacks["finished-utterance"](name=None, completed=True)


def make_aiff(path: Path, samples: list[int], rate: int) -> None:
    """A 16-bit mono AIFF, as NSSpeechSynthesizer writes (via sox, a real encoder)."""
    raw = path.with_suffix(".raw")
    raw.write_bytes(b"".join(s.to_bytes(2, "little", signed=True) for s in samples))
    subprocess.run(
        [
            "sox",
            "-t",
            "raw",
            "-r",
            str(rate),
            "-e",
            "signed",
            "-b",
            "16",
            "-c",
            "1",
            str(raw),
            "-t",
            "aiff",
            str(path),
        ],
        check=True,
    )
    raw.unlink()


JOB = {"id": 1, "text": "您好", "voice": "x", "rate": 170, "pitch": 40, "volume": 0.8}


def synthesize(driver: SynthDriver, engine: FakeEngine, tmp_path: Path) -> dict[str, Any]:
    synth = _Synth(driver, engine)
    return synth.synthesize({**JOB, "path": str(tmp_path / "line.wav")})


def test_sapi5_sets_no_pitch_and_a_whole_file_needs_no_callback(tmp_path: Path) -> None:
    engine = FakeEngine(SAPI5, callback=False)
    result = synthesize(Sapi5Driver(), engine, tmp_path)
    assert result["ok"] and result["seconds"] == pytest.approx(1.0)
    assert "pitch" not in engine.properties
    assert engine.properties["rate"] == 170 and engine.properties["volume"] == 0.8


def test_nsss_aiff_output_becomes_a_wav(tmp_path: Path) -> None:
    result = synthesize(NsssDriver(), FakeEngine(NSSS, aiff=True), tmp_path)
    assert result["ok"] and result["seconds"] == pytest.approx(1.0)
    with wave.open(result["path"], "rb") as wav:
        assert wav.getframerate() == 22050 and wav.getsampwidth() == 2
        first = int.from_bytes(wav.readframes(1), "little", signed=True)
    assert first == 1000


def test_espeak_trusts_only_its_callback(tmp_path: Path) -> None:
    class QuickEspeak(EspeakDriver):
        callback_timeout: ClassVar[float] = 0.05

    result = synthesize(QuickEspeak(), FakeEngine([], callback=False), tmp_path)
    assert not result["ok"] and "timed out" in result["error"]
    engine = FakeEngine([])
    assert synthesize(QuickEspeak(), engine, tmp_path)["ok"]
    assert engine.properties["pitch"] == 40


def test_the_worker_reports_the_platforms_voices(tmp_path: Path) -> None:
    synth = _Synth(Sapi5Driver(), FakeEngine(SAPI5))
    assert synth.voices == SAPI5 and synth.version == "sapi5"
    assert pick_mandarin(synth.voices) == SAPI5[3]


def test_aiff_conversion_refuses_what_is_not_aiff(tmp_path: Path) -> None:
    wav = tmp_path / "a.wav"
    write_wav(wav, array("h", [0, 1, 2]), 22050)
    assert not is_aiff(wav)
    with pytest.raises(ValueError, match="not an AIFF"):
        aiff_to_wav(wav, tmp_path / "b.wav")


# ---------------------------------------------------------------- fallbacks


def fake_worker(voice: VoiceInfo | None, voices: list[VoiceInfo]) -> list[str]:
    """A worker command that says `ready` with these voices, then serves nothing."""
    hello = {
        "type": "ready",
        "driver": "sapi5",
        "engine": "sapi5",
        "voice": None if voice is None else vars(voice) | {"languages": list(voice.languages)},
        "voices": [vars(v) | {"languages": list(v.languages)} for v in voices],
    }
    script = f"import sys; print({json.dumps(json.dumps(hello))}, flush=True); sys.stdin.read()"
    return [sys.executable, "-c", script]


def test_a_platform_without_mandarin_is_no_speaker_but_its_voices_can_be_listed(
    tmp_path: Path,
) -> None:
    english = SAPI5[:1]
    with pytest.raises(NoMandarinVoice):
        WorkerSpeaker(cache=tmp_path, command=fake_worker(None, english))
    speaker = WorkerSpeaker(
        cache=tmp_path, command=fake_worker(None, english), require_mandarin=False
    )
    try:
        assert speaker.mandarin is None and speaker.voices() == english
        with pytest.raises(NoMandarinVoice):
            _ = speaker.voice
    finally:
        speaker.close()


def test_a_worker_that_cannot_start_its_driver_fails_fast(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "simulator.voice.caller.worker", "--driver", "festival"],
        input="",
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert done.returncode == 3
    assert json.loads(done.stdout)["type"] == "failed"


class FakeDriver(SynthDriver):
    name = "sapi5"
    voice_hint = Sapi5Driver.voice_hint

    def __init__(self, problem: str | None = None) -> None:
        self._problem = problem

    def problem(self) -> str | None:
        return self._problem


def test_no_synthesizer_is_text_only_with_the_drivers_own_notice() -> None:
    voice, notice = make_caller_voice(driver=FakeDriver("缺少 comtypes，来电者的话只显示为文字"))
    assert isinstance(voice, EstimatedVoice)
    assert notice == "缺少 comtypes，来电者的话只显示为文字"


def test_no_mandarin_voice_is_text_only_with_where_to_get_one() -> None:
    def no_mandarin(driver: SynthDriver) -> Speaker:
        raise NoMandarinVoice("sapi5 has no Mandarin voice")

    voice, notice = make_caller_voice(driver=FakeDriver(), speaker_factory=no_mandarin)
    assert isinstance(voice, EstimatedVoice)
    assert notice == NO_MANDARIN.format(hint=Sapi5Driver.voice_hint)
    assert "Windows 设置" in notice


def test_a_working_synthesizer_speaks_without_a_notice(tmp_path: Path) -> None:
    voice, notice = make_caller_voice(
        play=False, driver=FakeDriver(), speaker_factory=lambda d: FakeSpeaker(tmp_path)
    )
    assert isinstance(voice, SpeakingCallerVoice)
    voice.close()
    assert notice is None


def test_voices_lists_what_the_platform_offers_even_without_mandarin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.cli import main
    from simulator.voice.caller import client

    def platform_speaker(**kwargs: Any) -> WorkerSpeaker:
        return WorkerSpeaker(cache=tmp_path, command=fake_worker(None, SAPI5[:2]), **kwargs)

    monkeypatch.setattr(client, "WorkerSpeaker", platform_speaker)
    assert main(["voices", "--all"]) == 0
    out = capsys.readouterr().out
    assert "Microsoft David" in out and "Microsoft Tracy" in out
    assert "没有普通话语音" in out and "普通话使用" not in out
