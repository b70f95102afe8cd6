"""Installed synthesizer voices, and which one speaks Mandarin.

Choosing the Mandarin voice goes by language, never by a fixed id: espeak-ng 1.51 offers
`cmn` (hanzi read as pinyin with tone digits, in English: "hao two") and
`cmn-latn-pinyin` (real Mandarin); older builds call it `zh`. The pinyin variant wins,
then `zh`, then `cmn`. Stdlib only: the synthesis worker imports this at start-up.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class VoiceInfo:
    """One installed synthesizer voice."""

    id: str
    name: str
    languages: tuple[str, ...]


def mandarin_rank(info: VoiceInfo) -> int | None:
    """How well a voice speaks Mandarin from hanzi: 0 best, None not Mandarin."""
    tags = {lang.lower() for lang in info.languages}
    tags.add(info.id.rsplit("/", 1)[-1].lower())
    if any(tag.startswith("cmn") and "pinyin" in tag for tag in tags):
        return 0
    if tags & {"zh", "zh-cn", "zh-hans", "cmn-hans", "zh-cmn"}:
        return 1
    if any(tag == "cmn" or tag.startswith("cmn-") for tag in tags):
        return 2
    return None


def pick_mandarin(voices: Sequence[VoiceInfo]) -> VoiceInfo | None:
    """The voice Mandarin lines are spoken with, or None when there is none."""
    ranked = [(rank, i, v) for i, v in enumerate(voices) if (rank := mandarin_rank(v)) is not None]
    return min(ranked)[2] if ranked else None
