"""From Whisper's raw output to an honest transcript: Simplified text and a confidence.

Whisper base on unclear audio can loop, run on past the speech, switch language or
hallucinate; decoding is bounded (see `decode_options`) and whatever still looks like
that is marked low confidence here, with the reasons as short flags.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

# Below this an utterance is shown (and recorded) as doubtful: exp(-0.8), roughly where
# Whisper base's Mandarin output stops being mostly right.
LOW_CONFIDENCE = 0.45

# Whisper's own thresholds: above this compression ratio the text repeats itself; below
# this mean log-probability the decoding is unlikely to be right.
COMPRESSION_RATIO_LIMIT = 2.4
LOG_PROB_LIMIT = -1.0
NO_SPEECH_LIMIT = 0.6

# Mandarin runs 3–6 syllables a second and Whisper spends about one token on a hanzi,
# plus timestamps and punctuation: past 10 tokens a second of audio it is looping.
TOKENS_PER_SECOND = 10.0
TOKEN_HEADROOM = 16
MAX_TOKENS_PER_WINDOW = 220
WINDOW_SECONDS = 30.0
MAX_CHARS_PER_SECOND = 9.0
# A mild penalty on tokens already produced: it broke every decoding loop on the espeak
# test phrases ("您的脸下您的脸下…") without dropping the 您 a sentence says twice, and
# raised grade agreement on them from 9 to 10 of 18.
REPETITION_PENALTY = 1.2
LATIN_SHARE_LIMIT = 0.3
DOUBTFUL_CAP = 0.2

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"(?<=[{_CJK}])\s+|\s+(?=[{_CJK}])")
_HALF_PUNCT = {",": "，", "?": "？", "!": "！", ";": "；", ":": "："}
_PUNCT_AFTER_CJK = re.compile(rf"(?<=[{_CJK}])([,?!;:])")


@dataclass(frozen=True)
class SegmentStats:
    """What Whisper says about one decoded segment."""

    start: float
    end: float
    text: str
    avg_logprob: float
    compression_ratio: float
    no_speech_prob: float


def decode_options(duration: float, *, beam_size: int = 5) -> dict[str, Any]:
    """faster-whisper `transcribe()` options for `duration` seconds of Mandarin speech.

    One temperature only: the fallback ladder (0.2 … 1.0) is what turned two espeak
    phrases into 8–12 s decodes; a doubtful first pass is marked instead of retried.
    """
    return {
        "language": "zh",
        "task": "transcribe",
        "beam_size": beam_size,
        "best_of": 1,
        "temperature": 0.0,
        "condition_on_previous_text": False,
        "compression_ratio_threshold": COMPRESSION_RATIO_LIMIT,
        "log_prob_threshold": LOG_PROB_LIMIT,
        "no_speech_threshold": NO_SPEECH_LIMIT,
        "vad_filter": True,
        "vad_parameters": {"min_silence_duration_ms": 500, "speech_pad_ms": 200},
        "max_new_tokens": token_cap(duration),
        "repetition_penalty": REPETITION_PENALTY,
    }


def token_cap(duration: float) -> int:
    """Most tokens one 30 s window may produce for `duration` seconds of audio."""
    seconds = min(max(duration, 0.0), WINDOW_SECONDS)
    return min(MAX_TOKENS_PER_WINDOW, math.ceil(seconds * TOKENS_PER_SECOND) + TOKEN_HEADROOM)


@lru_cache(maxsize=1)
def _converter() -> Any:
    # OpenCC loads its dictionaries: imported when text is first converted.
    from opencc import OpenCC  # noqa: PLC0415

    return OpenCC("t2s")


def to_simplified(text: str) -> str:
    return str(_converter().convert(text))


def clean_text(pieces: Sequence[str]) -> str:
    """Segments joined as Chinese is written: Simplified, no spaces between hanzi."""
    joined = " ".join(piece.strip() for piece in pieces if piece.strip())
    joined = joined.replace("\ufffd", "")
    joined = to_simplified(joined)
    joined = _SPACE_NEAR_CJK.sub("", joined)
    joined = _PUNCT_AFTER_CJK.sub(lambda m: _HALF_PUNCT[m.group(1)], joined)
    if not any(ch.isalnum() for ch in joined):
        return ""  # "。。。。" is Whisper hearing nothing it could write down
    return re.sub(r"\s+", " ", joined).strip()


def repeats(text: str) -> bool:
    """Whether the text loops: a 3+ character run three times, or a 5+ one twice.

    Whisper's compression ratio only notices loops in long text; an utterance of twenty
    characters that says the same five twice is just as surely a decoding loop.
    """
    letters = "".join(ch for ch in text if ch.isalnum())
    for size, times in ((3, 3), (5, 2)):
        for start in range(len(letters) - size + 1):
            piece = letters[start : start + size]
            if letters.count(piece) >= times:
                return True
    return False


def confidence_of(
    segments: Sequence[SegmentStats], text: str, *, truncated: bool
) -> tuple[float, tuple[str, ...]]:
    """The utterance's confidence (0–1) and why it is doubtful, if it is.

    The base is the mean token probability, exp(mean log-prob), weighted by segment
    length; signs of looping or hallucination cap it well below `LOW_CONFIDENCE`.
    """
    if not text or not segments:
        return 0.0, ("empty",)
    weights = [max(s.end - s.start, 0.1) for s in segments]
    total = sum(weights)
    logprob = sum(w * s.avg_logprob for w, s in zip(weights, segments, strict=True)) / total
    no_speech = sum(w * s.no_speech_prob for w, s in zip(weights, segments, strict=True)) / total
    confidence = math.exp(min(0.0, logprob))
    flags: list[str] = []
    if truncated:
        flags.append("truncated")
    if any(s.compression_ratio > COMPRESSION_RATIO_LIMIT for s in segments) or repeats(text):
        flags.append("repetitive")
    speech = max(0.5, segments[-1].end - segments[0].start)
    letters = [ch for ch in text if ch.isalnum()]
    if len(letters) / speech > MAX_CHARS_PER_SECOND:
        flags.append("too_dense")
    latin = sum(1 for ch in letters if ch.isascii() and ch.isalpha())
    if letters and latin / len(letters) > LATIN_SHARE_LIMIT:
        flags.append("mixed_language")
    if no_speech > NO_SPEECH_LIMIT and logprob < LOG_PROB_LIMIT:
        flags.append("no_speech")  # Whisper's own test for text made up over silence
    if flags:
        confidence = min(confidence, DOUBTFUL_CAP)
    if logprob < LOG_PROB_LIMIT:
        flags.append("unlikely")
    return round(confidence, 3), tuple(flags)
