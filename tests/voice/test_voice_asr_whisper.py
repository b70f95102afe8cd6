"""The real recognizer: Whisper base (assembled from the bundled packages) on espeak-ng
speech, Silero VAD on the same audio, and `callsim transcribe`."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from pypinyin import lazy_pinyin
from rapidfuzz.distance import Levenshtein

from simulator.cli import main, transcribe_cmd
from simulator.standards import normalize, to_simplified
from simulator.voice.trainee.mic_wav import AudioClip, concatenate, read_wav
from simulator.voice.trainee.recognizer import WhisperRecognizer
from simulator.voice.trainee.vad import SileroDetector, speech_bounds
from tests.voice.voice_asr_helpers import needs_espeak, shared_recognizer, speak

pytestmark = [pytest.mark.asr, pytest.mark.audio, needs_espeak]

PHRASE = "您好，请问您能听到我的声音吗？"


@pytest.fixture(scope="module")
def recognizer() -> WhisperRecognizer:
    return shared_recognizer()


@pytest.fixture(scope="module")
def phrase_wav(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("asr")
    speak(PHRASE, folder, "phrase")
    return folder / "phrase.wav"


def pinyin_similarity(a: str, b: str) -> float:
    pa, pb = lazy_pinyin(normalize(a)), lazy_pinyin(normalize(b))
    return 1.0 - Levenshtein.distance(pa, pb) / max(len(pa), len(pb), 1)


def test_mandarin_comes_back_simplified_without_spaces(
    recognizer: WhisperRecognizer, phrase_wav: Path
) -> None:
    transcript = recognizer.transcribe(read_wav(phrase_wav))
    assert pinyin_similarity(transcript.text, PHRASE) >= 0.8, transcript.text
    assert to_simplified(transcript.text) == transcript.text
    assert " " not in transcript.text
    assert 0.0 < transcript.confidence <= 1.0
    assert transcript.segments and transcript.segments[-1].end <= transcript.duration + 0.1
    assert transcript.asr().raw == transcript.text


@pytest.mark.filterwarnings("ignore:'a(ifc|udioop)' is deprecated:DeprecationWarning")
def test_speech_recognition_audio_is_accepted_and_the_model_is_kept(
    recognizer: WhisperRecognizer, phrase_wav: Path
) -> None:
    import speech_recognition as sr

    model = recognizer._model
    with sr.AudioFile(str(phrase_wav)) as source:
        audio = sr.Recognizer().record(source)
    assert recognizer.recognize(audio) == recognizer.transcribe(read_wav(phrase_wav)).text
    assert recognizer._model is model  # loaded once, not per call


def test_noise_and_silence_give_no_text(recognizer: WhisperRecognizer) -> None:
    rng = np.random.default_rng(0)
    noise = AudioClip(rng.normal(0, 0.1, 16000 * 3).astype(np.float32))
    for clip in (noise, AudioClip.silence(2.0), AudioClip.silence(0.0)):
        transcript = recognizer.transcribe(clip)
        assert transcript.text == "" and transcript.low_confidence


def test_silero_finds_the_speech_in_the_audio(phrase_wav: Path) -> None:
    speech = read_wav(phrase_wav)
    inner = speech_bounds(speech)
    assert inner is not None
    padded = concatenate([AudioClip.silence(1.5), speech, AudioClip.silence(1.0)])
    bounds = speech_bounds(padded, SileroDetector())
    assert bounds is not None
    assert bounds[0] == pytest.approx(1.5 + inner[0], abs=0.04)
    assert bounds[1] == pytest.approx(1.5 + inner[1], abs=0.04)
    assert speech_bounds(AudioClip.silence(1.0)) is None


def test_transcribe_command_prints_text_and_json(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    recognizer: WhisperRecognizer,
    phrase_wav: Path,
) -> None:
    monkeypatch.setattr(transcribe_cmd, "WhisperRecognizer", lambda *a, **k: recognizer)
    assert main(["transcribe", str(phrase_wav)]) == 0
    text = capsys.readouterr().out.strip()
    assert pinyin_similarity(text.removesuffix("（识别可信度低）"), PHRASE) >= 0.8
    assert main(["transcribe", "--json", str(phrase_wav)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["file"] == str(phrase_wav)
    assert data["text"] and 0.0 < data["confidence"] <= 1.0
    assert isinstance(data["low_confidence"], bool)
    first = data["segments"][0]
    assert 0.0 <= first["start"] < first["end"] <= data["duration"] + 0.1
    assert set(first) >= {"start", "end", "text", "confidence"}


def test_transcribe_command_reports_a_missing_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["transcribe", str(tmp_path / "none.wav")]) == 2
    assert "none.wav" in capsys.readouterr().err
