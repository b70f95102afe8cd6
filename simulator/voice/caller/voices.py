"""Installed synthesizer voices, and which one speaks Mandarin.

Choosing the Mandarin voice goes by language tags, never by a fixed id, whatever the
platform: SAPI5 (Windows) reports `zh-CN` (Huihui, Yaoyao, Kangkang), NSSpeechSynthesizer
(macOS) `zh_CN` (Tingting), espeak-ng 1.51 `cmn-latn-pinyin` (real Mandarin) and `cmn`
(hanzi read as pinyin with tone digits, in English: "hao two"); older espeak-ng builds
call it `zh`. Mainland Mandarin wins, then a plain `zh`, then Taiwan's Mandarin, then
espeak-ng's `cmn` as the last resort; Cantonese is not Mandarin.
Stdlib only: the synthesis worker imports this at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

_MAINLAND = frozenset(
    {"zh-cn", "zh-hans", "zh-hans-cn", "cmn-hans", "cmn-hans-cn", "zh-cmn", "zh-sg"}
)
_TAIWAN = frozenset({"zh-tw", "zh-hant-tw", "cmn-hant-tw", "cmn-tw"})
_NOT_MANDARIN = ("yue", "zh-hk", "zh-yue", "zh-mo", "hak", "nan")


@dataclass(frozen=True)
class VoiceInfo:
    """One installed synthesizer voice."""

    id: str
    name: str
    languages: tuple[str, ...]


def language_tags(info: VoiceInfo) -> set[str]:
    """The voice's language tags, lower case with `-` (macOS writes `zh_CN`), plus the last
    part of its id (espeak-ng ids such as `sit/cmn-latn-pinyin` name the language)."""
    tags = {lang.lower().replace("_", "-") for lang in info.languages if lang}
    tags.add(info.id.replace("\\", "/").rsplit("/", 1)[-1].lower())
    return tags


def mandarin_rank(info: VoiceInfo) -> int | None:
    """How well a voice speaks Mandarin from hanzi: 0 best, None not Mandarin."""
    tags = language_tags(info)
    if any(tag.startswith(_NOT_MANDARIN) for tag in tags) and not tags & (_MAINLAND | _TAIWAN):
        return None
    if any(tag.startswith("cmn") and "pinyin" in tag for tag in tags) or tags & _MAINLAND:
        return 0
    if "zh" in tags:
        return 1
    if tags & _TAIWAN:
        return 2
    if any(tag == "cmn" or tag.startswith("cmn-") for tag in tags):
        return 3
    return None


def is_chinese(info: VoiceInfo) -> bool:
    """Any Chinese voice (Mandarin, Cantonese, …): what `callsim voices` lists by default."""
    return any(tag.startswith(("zh", "cmn", "yue", "hak", "nan")) for tag in language_tags(info))


def pick_mandarin(voices: Sequence[VoiceInfo]) -> VoiceInfo | None:
    """The voice Mandarin lines are spoken with, or None when there is none."""
    ranked = [(rank, i, v) for i, v in enumerate(voices) if (rank := mandarin_rank(v)) is not None]
    return min(ranked)[2] if ranked else None
