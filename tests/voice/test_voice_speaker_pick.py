"""Choosing the Mandarin voice by language, never by a fixed id."""

from __future__ import annotations

from simulator.voice.caller.voices import VoiceInfo, pick_mandarin

ENGLISH = VoiceInfo("gmw/en", "English", ("en",))
CMN = VoiceInfo("sit/cmn", "Chinese (Mandarin, latin as English)", ("cmn",))
PINYIN = VoiceInfo(
    "sit/cmn-latn-pinyin", "Chinese (Mandarin, latin as Pinyin)", ("cmn-latn-pinyin",)
)
ZH = VoiceInfo("zh", "Mandarin", ("zh",))
YUE = VoiceInfo("sit/yue", "Chinese (Cantonese)", ("yue",))


def test_pinyin_variant_wins_over_plain_cmn_in_any_order() -> None:
    assert pick_mandarin([ENGLISH, CMN, YUE, PINYIN]) == PINYIN
    assert pick_mandarin([PINYIN, CMN]) == PINYIN


def test_older_builds_name_it_zh() -> None:
    assert pick_mandarin([ENGLISH, CMN, ZH]) == ZH


def test_plain_cmn_is_the_last_resort_and_cantonese_is_not_mandarin() -> None:
    assert pick_mandarin([ENGLISH, YUE, CMN]) == CMN
    assert pick_mandarin([ENGLISH, YUE]) is None
    assert pick_mandarin([]) is None


def test_language_tag_is_enough_even_with_an_unusual_id() -> None:
    custom = VoiceInfo("custom/voice7", "My Mandarin", ("cmn-latn-pinyin",))
    assert pick_mandarin([CMN, custom]) == custom
