"""Forbidden phrases (服务禁用语): found in context, and standard wording never flagged."""

from __future__ import annotations

import pytest

from simulator.standards import Catalog, ForbiddenPhrase, PhraseMatcher, normalize

PASS = [
    "非常抱歉，我这边听不清楚，请您大声一点，好吗？",
    "对不起，您的声音太小，麻烦您说话大声点，好吗？",
    "抱歉！您的电话声音太小，我这边听不清楚，请您换一部电话再打过来，好吗？",
    "您好",
    "您好，很高兴为您服务",
    "您知不知道您的户号在哪里？",  # 知不知道 is no 不知道
    "不知道您是否方便留下联系电话？",
    "请问您还有哪里不清楚的地方吗？",
    "请问您清楚了吗？",
    "对不起，由于我没有听清楚您的问题，请您再重复一遍，好吗？",
    "千里大声一点，好吗",  # the recognizer's 「请您大声一点，好吗」
    "千里大声一点",  # the recognizer's 「请您大声一点」
    "请您稍等，我帮您查询一下",
    "为您转接，请不要挂机",
    "感谢您的来电，再见！",
]

FAIL = [
    ("大声点", "大声点"),
    ("听不到，大声一点。", "听不到大声一点"),
    ("大声一点！", "大声一点"),
    ("我不清楚", "我不清楚"),
    # one syllable away from the exception 「有不清楚」: still the forbidden 「不清楚」
    ("这个我也不清楚。", "不清楚"),
    ("也不清楚", "不清楚"),
    ("这个我不清楚，你找别人", "我不清楚"),
    ("不知道", "不知道"),
    ("这个嘛，不知到", "不知道"),  # a recognizer's spelling, same sound
    ("你知不知道", "你知不知道"),
    ("喂", "喂"),
    ("喂喂", "喂"),
    ("喂？", "喂"),
    ("喂，说话呀", "喂"),
    ("喂您好请问有什么可以帮您", "喂"),
    ("好的，喂？您还在吗", "喂"),
    ("嘿，讲话！", "嘿"),
    ("说吧。", "说吧"),
    ("你等一下", "你等一下"),
    ("着什么急呀？忙着呢", "着什么急"),
    ("刚才不是告诉你了吗", "不是告诉你了吗"),
    ("这事不归我管", "不归我管"),
    ("喂，说话呀！再不说话我就挂了啊！", "再不说话我就挂了"),
]


@pytest.mark.parametrize("text", PASS)
def test_standard_wording_passes(matcher: PhraseMatcher, text: str) -> None:
    assert matcher.forbidden(text) == []


@pytest.mark.parametrize(("text", "core"), FAIL)
def test_forbidden_wording_fails(matcher: PhraseMatcher, text: str, core: str) -> None:
    hits = matcher.forbidden(text)
    # A hit is the seed's phrase, or a family's pattern whose span covers the same words.
    assert any(set(core) & set(hit.span) for hit in hits), (text, hits)


def test_hit_carries_entry_source_and_instead(matcher: PhraseMatcher) -> None:
    (hit,) = matcher.forbidden("你问我，我问谁？")
    assert hit.text == "你问我我问谁"
    assert hit.source.startswith("000 服务禁用语")
    assert hit.instead.startswith("对不起，您咨询的问题我暂时无法确定")
    assert (hit.span, hit.start, hit.end, hit.by) == ("你问我我问谁", 0, 6, "exact")
    assert hit.family == "ignorance"
    assert isinstance(hit.entry, ForbiddenPhrase)


def test_nested_hits_keep_the_longer_phrase(matcher: PhraseMatcher) -> None:
    assert [hit.text for hit in matcher.forbidden("我不清楚")] == ["我不清楚"]
    hits = matcher.forbidden("我不知道，你等一下")
    assert [hit.text for hit in hits] == ["我不知道", "你等一下"]
    assert hits[0].start < hits[1].start


def test_standalone_words_only_alone_or_as_opener(matcher: PhraseMatcher) -> None:
    assert matcher.forbidden("很高兴为您服务") == []  # wei inside a word
    assert matcher.forbidden("您好，为您查询到以下信息") == []
    # A lone 「wei」 however it is written: the line is only its sound, whatever the model says.
    for heard_as_wei in ("位？", "为？", "唯唯"):
        assert [hit.by for hit in matcher.forbidden(heard_as_wei)] == ["pinyin"], heard_as_wei
    assert matcher.forbidden("位置？") == []
    # 「为」 begins a word here: no lone 喂 is heard (the model's own verdict on a bare
    # 「为什么？」 sits at its short-line limit and is its business, not the sound rule's).
    assert [hit for hit in matcher.forbidden("为什么？") if hit.by != "model"] == []
    assert matcher.forbidden("为什么呢？我帮您查一下。") == []
    assert matcher.forbidden("您说吧，我在听") == []  # not a lone 说吧


def test_bare_ni_is_not_a_forbidden_phrase(matcher: PhraseMatcher) -> None:
    # 你 vs 您 is the separate courtesy.nin rule.
    assert matcher.forbidden("你好，请问有什么可以帮你") == []


# -- data-driven over the shipped catalog --------------------------------------------------


def test_every_entry_is_detected_in_a_sentence(catalog: Catalog, matcher: PhraseMatcher) -> None:
    for entry in catalog.forbidden:
        text = entry.text if entry.standalone else f"好的，{entry.text}，谢谢"
        hits = matcher.forbidden(text)
        assert any(normalize(entry.text) in normalize(hit.text) for hit in hits), entry.text
        # Said on its own too.
        assert matcher.forbidden(entry.text), entry.text


def test_every_exception_passes(catalog: Catalog, matcher: PhraseMatcher) -> None:
    texts = {normalize(e.text) for e in catalog.forbidden}
    for entry in catalog.forbidden:
        for exception in entry.exceptions:
            hits = matcher.forbidden(f"好的，{exception}。")
            # Only entries other than this one may still match (another entry's core).
            assert all(hit.entry is not entry for hit in hits), (entry.text, exception)
            assert all(normalize(hit.text) in texts for hit in hits)


def _as_said(text: str) -> str:
    """A catalog wording as an agent says it: a number where `{n}` stands, a pause for …."""
    return text.replace("{n}", "24").replace("…", "，")


def test_no_standard_phrase_is_forbidden(catalog: Catalog, matcher: PhraseMatcher) -> None:
    # What callers say (caller_… groups: 「喂？还在吗？」「说话呀」) is nobody's standard wording.
    agents = [group for group in catalog.groups.values() if not group.said_by_caller]
    assert len(agents) < len(catalog.groups)
    for group in agents:
        for phrase in group.phrases:
            assert matcher.forbidden(_as_said(phrase.text)) == [], (group.id, phrase.text)
        for keyword in group.keywords:
            assert matcher.forbidden(_as_said(keyword)) == [], (group.id, keyword)


def test_no_instead_is_forbidden(catalog: Catalog, matcher: PhraseMatcher) -> None:
    for entry in catalog.forbidden:
        assert matcher.forbidden(entry.instead) == [], (entry.text, entry.instead)


def test_every_entry_cites_a_seed_standard(catalog: Catalog) -> None:
    for entry in catalog.forbidden:
        assert entry.source.startswith(("000 ", "002 ")), entry.text
        assert entry.instead
