"""courtesy.nin, courtesy.surname, forbidden.phrases: pass, fail, na, context both ways."""

from __future__ import annotations

import pytest

from simulator.grading import Grade
from tests.grading.grading_builder import FAREWELL, MORE_HELP, OPENING, call, standard_call, status


def _reply(text: str, *, caller: str = "我想问一下开奖结果。") -> Grade:
    return (
        call()
        .rings(1)
        .answer(1.0)
        .agent(1.5, 5.0, OPENING)
        .caller(6.0, 8.0, caller)
        .agent(9.0, 12.0, text)
        .agent(12.5, 14.0, MORE_HELP)
        .caller(15.0, 16.0, "没有了。")
        .agent(16.5, 19.0, FAREWELL)
        .hangup(21.0)
        .grade()
    )


def test_nin_passes_and_fails() -> None:
    assert status(standard_call().grade(), "courtesy.nin") == "pass"
    g = _reply("你的问题我记下了，你们那边可以去官网查。")
    result = g.rule("courtesy.nin")
    assert result.status == "fail"
    assert result.at == 9.0
    assert "你的问题" in result.evidence
    assert "您的问题" in result.standard


def test_nin_is_na_when_the_agent_never_spoke() -> None:
    g = call().rings(1).answer(1.0).caller(2.0, 3.0, "喂？").hangup(8.0).grade()
    assert status(g, "courtesy.nin") == "na"


def test_surname_na_without_a_surname() -> None:
    assert status(standard_call().grade(), "courtesy.surname") == "na"


def test_surname_used_later_passes() -> None:
    g = _reply("好的，王先生，开奖结果在官网公布。", caller="我姓王，想问一下开奖结果。")
    assert status(g, "courtesy.surname") == "pass"


def test_surname_given_but_never_used_fails() -> None:
    g = _reply("好的，开奖结果在官网公布。", caller="免贵姓王，想问一下开奖结果。")
    result = g.rule("courtesy.surname")
    assert result.status == "fail"
    assert "王" in result.message and "王先生" in result.standard
    assert result.at == 8.0


def test_surname_with_a_homophone_from_recognition_passes() -> None:
    # The agent's reply was recognized as 汪先生 for 王先生: same sound.
    g = _reply("好的，汪先生，开奖结果在官网公布。", caller="我姓王。")
    assert status(g, "courtesy.surname") == "pass", g.rule("courtesy.surname")


def test_forbidden_phrase_fails_critically_with_catalog_explanation() -> None:
    g = _reply("我不知道，你自己去看吧。")
    result = g.rule("forbidden.phrases")
    assert result.status == "fail"
    assert result.critical
    assert result.at == 9.0
    assert "不知道" in result.message
    assert result.standard and result.source and result.fix
    assert not g.passed


@pytest.mark.parametrize(
    "text",
    [
        "非常抱歉，我这边听不清楚，请您大声一点，好吗？",
        "对不起，您的声音太小，麻烦您说话大声点，好吗？",
        "您好，欢迎致电福彩热线，1024号为您服务。",
    ],
)
def test_standard_wording_that_contains_a_forbidden_core_passes(text: str) -> None:
    g = _reply(text)
    assert status(g, "forbidden.phrases") == "pass", g.rule("forbidden.phrases")


@pytest.mark.parametrize("text", ["大声点！", "喂，喂。", "不清楚。"])
def test_bare_forbidden_words_fail(text: str) -> None:
    assert status(_reply(text), "forbidden.phrases") == "fail"


def test_forbidden_is_na_when_the_agent_never_spoke() -> None:
    g = call().rings(1).answer(1.0).hangup(8.0, "caller").grade()
    assert status(g, "forbidden.phrases") == "na"
