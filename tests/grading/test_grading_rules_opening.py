"""answer.rings, opening.greeting, opening.latency, opening.holiday, opening.wait_apology:
pass, fail, na."""

from __future__ import annotations

from tests.grading.grading_builder import FAREWELL, OPENING, call, standard_call, status


def test_standard_call_passes_the_opening() -> None:
    g = standard_call().grade()
    for rule_id in ("answer.rings", "opening.greeting", "opening.latency"):
        assert status(g, rule_id) == "pass", g.rule(rule_id)
    assert status(g, "opening.holiday") == "na"


def test_answer_on_ring_three_passes_on_ring_four_fails() -> None:
    on_three = call().rings(3).answer(7.5).agent(8.0, 11.0, OPENING).hangup(20.0).grade()
    assert status(on_three, "answer.rings") == "pass"
    on_four = call().rings(4).answer(9.5).agent(10.0, 13.0, OPENING).hangup(20.0).grade()
    result = on_four.rule("answer.rings")
    assert result.status == "fail"
    assert result.at == 9.5
    assert "第 4 声" in result.message


def test_answer_rings_extrapolates_a_missing_ring_event() -> None:
    # Rings 1–2 recorded 3 s apart; ring 4 would start at 9.0, so 10.0 is too late.
    g = call().rings(2).answer(10.0).agent(10.5, 13.0, OPENING).hangup(20.0).grade()
    assert status(g, "answer.rings") == "fail"
    g = call().rings(2).answer(8.0).agent(8.5, 11.0, OPENING).hangup(20.0).grade()
    assert status(g, "answer.rings") == "pass"


def test_answer_rings_threshold_from_scenario_params() -> None:
    from tests.grading.grading_scenarios import scenario_with

    g = call().rings(4).answer(9.5).agent(10.0, 13.0, OPENING).hangup(20.0)
    assert status(g.grade(scenario_with({"answer.rings": {"params": {"max_rings": 4}}})),
                  "answer.rings") == "pass"  # fmt: skip


def test_missed_call_fails_with_evidence_and_everything_else_is_na() -> None:
    g = call().rings(8).hangup(24.0, "caller").grade()
    result = g.rule("answer.rings")
    assert result.status == "fail"
    assert "未接听" in result.message and result.evidence
    assert all(r.status == "na" for r in g.rules if r.id != "answer.rings")
    assert g.score == 0 and not g.passed


def test_unfinished_ringing_is_na() -> None:
    g = call().rings(2).build()
    from simulator.grading import grade

    assert grade(g).rule("answer.rings").status == "na"


def test_greeting_needs_hello_identification_and_offer() -> None:
    g = call().rings(1).answer(1.0).agent(1.5, 3.0, "喂，你好").hangup(10.0).grade()
    result = g.rule("opening.greeting")
    assert result.status == "fail"
    assert result.evidence == "开场白：「喂，你好」"
    assert "自报单位名称或工号" in result.message
    assert "福彩热线" in result.standard and "1024号" in result.standard
    assert result.fix and result.source


def test_greeting_without_offer_of_help_fails() -> None:
    g = call().rings(1).answer(1.0).agent(1.5, 3.0, "您好，福彩热线。").hangup(10.0).grade()
    assert status(g, "opening.greeting") == "fail"
    assert "可以帮您" in g.rule("opening.greeting").message


def test_greeting_identification_by_work_number_or_name() -> None:
    for text in (
        "您好，工号幺零二四为您服务，请问有什么可以帮您？",
        "您好，2048号很高兴为您服务。",
        "您好，我是小李，请问有什么可以帮您的吗？",
    ):
        g = call(org="").rings(1).answer(1.0).agent(1.5, 4.0, text).hangup(10.0).grade()
        assert status(g, "opening.greeting") == "pass", (text, g.rule("opening.greeting"))


def test_greeting_with_recognition_errors_passes() -> None:
    # Recognizer homophones: 福财 for 福彩, 邦您 for 帮您, the work number in Chinese numerals.
    text = "您好，欢迎致电福财热线，一零二四号为您服务，请问有什么可以邦您？"
    g = call(input="voice").rings(1).answer(1.0).agent(1.5, 6.0, text).hangup(10.0).grade()
    assert status(g, "opening.greeting") == "pass", g.rule("opening.greeting")


def test_greeting_names_the_org_said_in_full() -> None:
    """A short form keeps a character of each word: 福彩热线 is 福利彩票的服务热线."""
    text = "您好，欢迎致电福利彩票的服务热线，请问有什么可以帮您？"
    g = call(agent_id="").rings(1).answer(1.0).agent(1.5, 6.0, text).hangup(10.0).grade()
    assert status(g, "opening.greeting") == "pass", g.rule("opening.greeting")
    other = "您好，欢迎致电福建彩虹公司热线，请问有什么可以帮您？"  # 福…彩…热线, too far apart
    g = call(agent_id="").rings(1).answer(1.0).agent(1.5, 6.0, other).hangup(10.0).grade()
    assert status(g, "opening.greeting") == "fail"


def test_no_opening_after_answer_fails_greeting_and_latency() -> None:
    g = call().rings(1).answer(1.0).hangup(10.0, "agent").grade()
    assert status(g, "opening.greeting") == "fail"
    assert status(g, "opening.latency") == "fail"


def test_unfinished_call_without_opening_is_na() -> None:
    g = call().rings(1).answer(1.0).build()
    from simulator.grading import grade

    result = grade(g)
    assert result.rule("opening.greeting").status == "na"
    assert result.rule("opening.latency").status == "na"
    assert not result.complete


def test_latency_over_two_seconds_fails() -> None:
    g = call().rings(1).answer(1.0).agent(3.5, 6.0, OPENING).hangup(10.0).grade()
    result = g.rule("opening.latency")
    assert result.status == "fail"
    assert result.at == 3.5
    assert "2.5" in result.message
    ok = call().rings(1).answer(1.0).agent(3.0, 6.0, OPENING).hangup(10.0).grade()
    assert status(ok, "opening.latency") == "pass"


def test_holiday_wish_on_national_day() -> None:
    holiday = "2026-10-01T10:00:00+08:00"
    wished = "您好，节日快乐！欢迎致电福彩热线，1024号为您服务，请问有什么可以帮您？"
    g = call(call_time=holiday).rings(1).answer(1.0).agent(1.5, 6.0, wished).hangup(20.0).grade()
    assert status(g, "opening.holiday") == "pass", g.rule("opening.holiday")
    plain = call(call_time=holiday).rings(1).answer(1.0).agent(1.5, 6.0, OPENING).hangup(20.0)
    result = plain.grade().rule("opening.holiday")
    assert result.status == "fail"
    assert "国庆节" in result.message
    assert "快乐" in result.standard


def test_holiday_is_na_on_an_ordinary_day_or_without_call_time() -> None:
    g = call(call_time="2026-11-18T10:00:00+08:00").rings(1).answer(1.0).agent(1.5, 6.0, OPENING)
    assert status(g.hangup(20.0).grade(), "opening.holiday") == "na"
    g = call(call_time="").rings(1).answer(1.0).agent(1.5, 6.0, OPENING).hangup(20.0)
    assert status(g.grade(), "opening.holiday") == "na"


def test_weekend_wish_only_when_the_scenario_turns_it_on() -> None:
    from tests.grading.grading_scenarios import scenario_with

    friday_evening = "2026-11-20T19:00:00+08:00"
    g = call(call_time=friday_evening).rings(1).answer(1.0).agent(1.5, 6.0, OPENING).hangup(20.0)
    assert status(g.grade(), "opening.holiday") == "na"
    weekend = scenario_with({"opening.holiday": {"params": {"weekend": True}}})
    assert status(g.grade(weekend), "opening.holiday") == "fail"
    wished = "您好，周末快乐！欢迎致电福彩热线，1024号为您服务，请问有什么可以帮您？"
    ok = call(call_time=friday_evening).rings(1).answer(1.0).agent(1.5, 6.0, wished)
    assert (
        status(ok.agent(7.0, 9.0, FAREWELL).hangup(20.0).grade(weekend), "opening.holiday")
        == "pass"
    )


LATE_SORRY = "您好，对不起，让您久等了，欢迎致电福彩热线，1024号为您服务，请问有什么可以帮您？"


def test_a_late_answer_that_opens_with_an_apology_passes() -> None:
    # Ring 4 starts at 9.0: answering at 9.5 kept the caller waiting past three rings.
    g = call().rings(4).answer(9.5).agent(10.0, 14.0, LATE_SORRY).hangup(30.0).grade()
    assert status(g, "answer.rings") == "fail"
    result = g.rule("opening.wait_apology")
    assert result.status == "pass", result
    assert "对不起" in result.message and result.at == 10.0


def test_a_late_answer_without_an_apology_fails_with_the_fix() -> None:
    g = call().rings(4).answer(9.5).agent(10.0, 14.0, OPENING).hangup(30.0).grade()
    result = g.rule("opening.wait_apology")
    assert result.status == "fail"
    assert result.at == 10.0
    assert "超过 3 声" in result.message and "没有向客户致歉" in result.message
    assert result.evidence == f"9.5 秒接听；开场白：「{OPENING}」"
    assert result.standard.startswith("您好，对不起，让您久等了！欢迎致电福彩热线，1024号")
    assert result.fix and "让您久等了" in result.fix
    assert result.source.startswith("000 规范的问候语 (3)")


def test_an_apology_in_other_words_or_misheard_still_counts() -> None:
    # Matched through the catalog's apology / hold_thanks groups, not one literal string.
    for text in (
        "您好，不好意思让您等了这么久，福彩热线1024号，请问有什么可以帮您？",
        "您好，非常感谢您的耐心等候，福彩热线1024号为您服务，请问有什么可以帮您？",
        "您好，很抱歉刚才线路繁忙，福彩热线1024号为您服务，请问有什么可以帮您？",
    ):
        g = call().rings(5).answer(12.5).agent(13.0, 17.0, text).hangup(30.0).grade()
        assert status(g, "opening.wait_apology") == "pass", (text, g.rule("opening.wait_apology"))


def test_an_answer_in_time_or_no_answer_is_na() -> None:
    on_time = call().rings(3).answer(7.5).agent(8.0, 11.0, OPENING).hangup(20.0).grade()
    assert status(on_time, "opening.wait_apology") == "na"
    missed = call().rings(8).hangup(24.0, "caller").grade()
    assert status(missed, "opening.wait_apology") == "na"


def test_a_late_answer_without_any_opening() -> None:
    from simulator.grading import grade

    going_on = call().rings(4).answer(9.5).build()
    assert grade(going_on).rule("opening.wait_apology").status == "na"
    silent = call().rings(4).answer(9.5).hangup(20.0, "agent").grade()
    result = silent.rule("opening.wait_apology")
    assert result.status == "fail" and result.at == 9.5


def test_wait_apology_follows_the_scenario_ring_limit() -> None:
    from tests.grading.grading_scenarios import scenario_with

    g = call().rings(4).answer(9.5).agent(10.0, 13.0, OPENING).hangup(20.0)
    four = scenario_with({"opening.wait_apology": {"params": {"max_rings": 4}}})
    assert status(g.grade(four), "opening.wait_apology") == "na"
