"""`callsim say` and `callsim voices`, with real espeak-ng, and without it."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main
from simulator.voice.caller.cache import wav_levels
from simulator.voice.caller.player import read_pcm
from tests.voice.alsa_helpers import alsa_env, contains, played, run_json


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(tmp_path / "cache"))


@pytest.fixture
def no_espeak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.mark.audio
def test_say_writes_a_wav_in_the_personas_voice(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    angry, drawling = tmp_path / "out" / "angry.wav", tmp_path / "offtopic.wav"
    assert main(["say", "你好，我想问一下情况。", "-o", str(angry), "--persona", "angry"]) == 0
    assert (
        main(["say", "你好，我想问一下情况。", "-o", str(drawling), "--persona", "offtopic"]) == 0
    )
    out = capsys.readouterr().out
    assert out.count("已保存") == 2 and "cmn-latn-pinyin" in out
    fast, slow = wav_levels(angry), wav_levels(drawling)
    assert fast.rms > 0.03 and slow.rms > 0.03
    assert fast.duration < 0.7 * slow.duration


@pytest.mark.audio
def test_say_with_overrides(tmp_path: Path) -> None:
    out = tmp_path / "quiet.wav"
    assert main(["say", "你好", "-o", str(out), "--volume", "0.2", "--rate", "120"]) == 0
    assert wav_levels(out).peak < 0.3


def test_say_rejects_an_out_of_range_rate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["say", "你好", "-o", str(tmp_path / "x.wav"), "--rate", "999"]) == 2
    assert "--rate" in capsys.readouterr().err


@pytest.mark.audio
def test_say_without_a_sound_device_says_how_to_save_instead(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CALLSIM_AUDIO_DEVICE", "callsim_no_such_device")
    assert main(["say", "你好"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "-o" in err[0]


@pytest.mark.audio
def test_voices_lists_chinese_voices_and_names_the_mandarin_one(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["voices"]) == 0
    out = capsys.readouterr().out
    listed = [line.split()[0] for line in out.splitlines() if line.startswith("  ")]
    assert "sit/cmn" in listed and "sit/cmn-latn-pinyin" in listed
    assert "普通话使用：sit/cmn-latn-pinyin" in out
    assert "gmw/en" not in out


@pytest.mark.parametrize("argv", [["say", "你好", "-o", "x.wav"], ["voices"]])
def test_without_espeak_one_chinese_line_and_exit_2(
    argv: list[str], no_espeak: None, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert "未找到 espeak-ng" in lines[0]
    assert captured.out == ""


@pytest.mark.audio
def test_say_plays_the_line_on_a_sound_device(tmp_path: Path) -> None:
    """Real espeak-ng through real PortAudio into an ALSA device (see alsa_helpers)."""
    env = alsa_env(tmp_path)
    saved = tmp_path / "line.wav"
    code = f"""
import json
from simulator.cli import main
said = main(["say", "您好，请讲", "--device", "callsim_out"])
saved = main(["say", "您好，请讲", "-o", "{saved}"])
print(json.dumps([said, saved]))
"""
    assert run_json(code, env) == [0, 0]
    frames, _ = read_pcm(saved)
    assert contains(played(tmp_path), frames[:, 0])
