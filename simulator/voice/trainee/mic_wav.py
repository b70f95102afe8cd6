"""Audio as the recognizer wants it: 16 kHz mono float32 clips, read from and written to WAV.

Whisper and Silero VAD both work at 16 kHz; espeak-ng writes 22,050 Hz and microphones
often run at 44.1 or 48 kHz, so everything is resampled on the way in. Only the standard
library's `wave` and NumPy are used, so reading a WAV never loads the speech model.
"""

from __future__ import annotations

import math
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from simulator.errors import UserError

if TYPE_CHECKING:
    import speech_recognition as sr

SAMPLE_RATE = 16_000
FloatArray = npt.NDArray[np.float32]

# The level meter's floor: quieter than this shows as an empty bar.
LEVEL_FLOOR_DB = -60.0


@dataclass(frozen=True, eq=False)
class AudioClip:
    """Mono float32 samples in [-1, 1] at `sample_rate` (16 kHz unless said otherwise)."""

    samples: FloatArray
    sample_rate: int = SAMPLE_RATE

    @property
    def duration(self) -> float:
        return len(self.samples) / self.sample_rate

    def slice(self, start: float, end: float) -> AudioClip:
        """The part between `start` and `end` seconds (clamped to the clip)."""
        a = max(0, round(start * self.sample_rate))
        b = min(len(self.samples), round(end * self.sample_rate))
        return AudioClip(self.samples[a : max(a, b)], self.sample_rate)

    def resampled(self, rate: int = SAMPLE_RATE) -> AudioClip:
        return AudioClip(resample(self.samples, self.sample_rate, rate), rate)

    def pcm16(self) -> bytes:
        """Little-endian 16-bit PCM, as WAV files and SpeechRecognition carry it."""
        clipped = np.clip(self.samples, -1.0, 1.0)
        return (clipped * 32767.0).astype("<i2").tobytes()

    def to_audio_data(self) -> sr.AudioData:
        """The same audio as SpeechRecognition's `AudioData`."""
        # SpeechRecognition is imported when audio is read, not at start-up.
        import speech_recognition as sr  # noqa: PLC0415

        return sr.AudioData(self.pcm16(), self.sample_rate, 2)

    @classmethod
    def from_audio_data(cls, audio: sr.AudioData) -> AudioClip:
        """A 16 kHz clip from SpeechRecognition's `AudioData` (microphone, AudioFile)."""
        raw = audio.get_raw_data(convert_width=2)
        samples = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
        return AudioClip(samples, int(audio.sample_rate)).resampled()

    @classmethod
    def silence(cls, seconds: float, rate: int = SAMPLE_RATE) -> AudioClip:
        return cls(np.zeros(round(seconds * rate), dtype=np.float32), rate)


def concatenate(clips: list[AudioClip]) -> AudioClip:
    """Clips one after another (all at 16 kHz)."""
    if not clips:
        return AudioClip.silence(0.0)
    parts = [c.resampled().samples for c in clips]
    return AudioClip(np.concatenate(parts).astype(np.float32))


def resample(samples: FloatArray, rate_in: int, rate_out: int) -> FloatArray:
    """Band-limited resampling through the spectrum (exact for whole utterances)."""
    if rate_in == rate_out or len(samples) == 0:
        return samples.astype(np.float32, copy=False)
    n_out = max(1, round(len(samples) * rate_out / rate_in))
    spectrum = np.fft.rfft(samples.astype(np.float64))
    keep = min(len(spectrum), n_out // 2 + 1)
    out = np.fft.irfft(spectrum[:keep], n_out) * (n_out / len(samples))
    return out.astype(np.float32)


def wav_problem(path: Path, exc: Exception) -> str:
    """What is wrong with a file `wave` could not read, in Chinese (never empty)."""
    try:
        with path.open("rb") as file:
            head = file.read(12)
    except OSError as error:
        return f"无法打开（{error.strerror or error}）"
    if not head:
        return "文件是空的"
    if not head.startswith(b"RIFF"):
        return "这不是 WAV 音频文件（文件开头没有 RIFF 标记，可能是改了扩展名的其他文件）"
    if head[8:12] != b"WAVE":
        return "这是 RIFF 文件，但不是 WAVE 音频"
    if isinstance(exc, EOFError):
        return "文件不完整，在音频数据之前就结束了"
    if "unknown format" in str(exc):
        return "音频不是 PCM 编码（例如压缩或浮点格式）"
    return f"文件头无法识别（{exc}）" if str(exc) else "文件头无法识别"


def read_wav(path: Path) -> AudioClip:
    """A WAV file (PCM 8/16/24/32-bit, any rate, any channels) as a 16 kHz mono clip."""
    if not path.is_file():
        raise UserError("找不到音频文件", path=path, hint="请检查路径")
    try:
        with wave.open(str(path), "rb") as wav:
            width = wav.getsampwidth()
            channels = wav.getnchannels()
            rate = wav.getframerate()
            frames = wav.readframes(wav.getnframes())
    except (wave.Error, EOFError) as exc:
        raise UserError(
            f"无法读取 WAV 文件：{wav_problem(path, exc)}",
            path=path,
            hint="需要 PCM 编码的 .wav 文件（例如用 sox 或 ffmpeg 转换）",
        ) from exc
    samples = _pcm_to_float(frames, width)
    if channels > 1:
        samples = samples[: len(samples) - len(samples) % channels]
        samples = samples.reshape(-1, channels).mean(axis=1).astype(np.float32)
    return AudioClip(samples, rate).resampled()


def write_wav(path: Path, clip: AudioClip) -> Path:
    """Write `clip` as a 16-bit mono WAV (the folder is created)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(clip.sample_rate)
        wav.writeframes(clip.pcm16())
    return path


def level(samples: FloatArray) -> float:
    """Loudness for a meter: 0 (silence, ≤ -60 dBFS) to 1 (full scale), linear in dB."""
    if len(samples) == 0:
        return 0.0
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    if rms <= 0.0:
        return 0.0
    db = 20.0 * math.log10(rms)
    return min(1.0, max(0.0, (db - LEVEL_FLOOR_DB) / -LEVEL_FLOOR_DB))


def rms(samples: FloatArray) -> float:
    if len(samples) == 0:
        return 0.0
    return float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))


def _pcm_to_float(frames: bytes, width: int) -> FloatArray:
    if width == 1:
        data = np.frombuffer(frames, dtype=np.uint8).astype(np.float32)
        return ((data - 128.0) / 128.0).astype(np.float32)
    if width == 2:
        return (np.frombuffer(frames, dtype="<i2").astype(np.float32) / 32768.0).astype(np.float32)
    if width == 3:
        raw = np.frombuffer(frames, dtype=np.uint8).reshape(-1, 3)
        ints = (
            raw[:, 0].astype(np.int32)
            | (raw[:, 1].astype(np.int32) << 8)
            | (raw[:, 2].astype(np.int32) << 16)
        )
        ints = np.where(ints >= 1 << 23, ints - (1 << 24), ints)
        return (ints.astype(np.float32) / float(1 << 23)).astype(np.float32)
    if width == 4:
        data = np.frombuffer(frames, dtype="<i4").astype(np.float64)
        return (data / float(1 << 31)).astype(np.float32)
    raise UserError(f"不支持 {width * 8} 位的 WAV 采样", hint="请转换为 16 位 PCM")
