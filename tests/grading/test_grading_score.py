"""Score, pass mark, critical fails, scenario overrides, truncated recordings, re-grading."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator import locations
from simulator.grading import RULES, Grade, RuleResult, compute_score, grade
from simulator.recording import parse_recording
from simulator.standards import PhraseMatcher, load_catalog
from tests.grading.grading_builder import (
    FAREWELL,
    MORE_HELP,
    OPENING,
    CallBuilder,
    call,
    standard_call,
    status,
)
from tests.grading.grading_scenarios import scenario_with


def _ids(g: Grade) -> list[str]:
    return [r.id for r in g.rules]


def test_every_rule_id_appears_once_in_catalog_order() -> None:
    g = standard_call().grade()
    assert _ids(g) == [spec.id for spec in RULES]
    for result in g.rules:
        assert result.status in ("pass", "fail", "na")
        assert result.title and result.source and result.stage


def test_score_is_passed_weight_over_applicable_weight() -> None:
    def r(rule_id: str, status: str, weight: int) -> RuleResult:
        return RuleResult(id=rule_id, status=status, weight=weight, stage="opening")  # type: ignore[arg-type]

    assert compute_score((r("a", "pass", 1), r("b", "fail", 1), r("c", "na", 5))) == 50
    assert compute_score((r("a", "pass", 2), r("b", "fail", 1))) == 67
    # Nothing applicable shows nothing done right: 0, not the 100 it used to be.
    assert compute_score((r("a", "na", 1),)) == 0
    assert compute_score((r("a", "pass", 0), r("b", "na", 3))) == 0
    assert compute_score(()) == 0


def _one_fail_call() -> CallBuilder:
    """A standard call that forgets only to ask for other needs: 8 of 9 applicable."""
    return (
        call()
        .rings(2)
        .answer(4.2)
        .agent(4.9, 8.1, OPENING)
        .caller(9.0, 12.5, "我想问一下开奖结果。")
        .agent(13.5, 18.0, "好的，开奖结果已经公布在官网上。")
        .caller(19.0, 20.0, "好的，谢谢。")
        .agent(21.0, 24.0, FAREWELL)
        .hangup(26.0)
    )


def test_one_failed_rule_lowers_the_score_but_passes() -> None:
    g = _one_fail_call().grade()
    assert [r.id for r in g.failed] == ["closing.more_help"]
    applicable = [r for r in g.rules if r.status != "na"]
    assert g.score == round(100 * (len(applicable) - 1) / len(applicable))
    assert g.passed and g.pass_mark == 80


def test_scenario_pass_mark_and_weights_change_the_outcome() -> None:
    strict = scenario_with({}, pass_mark=95)
    g = _one_fail_call().grade(strict)
    assert not g.passed and g.pass_mark == 95
    heavy = scenario_with({"closing.more_help": {"weight": 10}})
    g = _one_fail_call().grade(heavy)
    assert g.rule("closing.more_help").weight == 10
    assert g.score < 80 and not g.passed
    ignored = scenario_with({"closing.more_help": {"weight": 0}})
    assert _one_fail_call().grade(ignored).score == 100


def test_disabled_rule_is_na() -> None:
    off = scenario_with({"closing.more_help": {"enabled": False}})
    g = _one_fail_call().grade(off)
    assert status(g, "closing.more_help") == "na"
    assert g.score == 100


def test_everything_disabled_scores_0() -> None:
    # Deliberately changed: with no rule to judge, the score is 0 and the call not passed
    # (it was 100 and passed, which let a call never answered pass too).
    off = scenario_with({spec.id: {"enabled": False} for spec in RULES})
    g = _one_fail_call().grade(off)
    assert all(r.status == "na" for r in g.rules)
    assert g.score == 0 and not g.passed


def test_a_critical_fail_fails_the_call_whatever_the_score() -> None:
    g = (
        call()
        .rings(1)
        .answer(1.0)
        .agent(1.5, 5.0, OPENING)
        .caller(6.0, 8.0, "请问开奖结果出来了吗？")
        .agent(9.0, 11.0, "我不清楚。")
        .agent(12.0, 14.0, MORE_HELP)
        .caller(15.0, 16.0, "没有了。")
        .agent(16.5, 19.0, FAREWELL)
        .hangup(21.0)
        .grade()
    )
    assert g.failed == (g.rule("forbidden.phrases"),)
    assert g.score >= 80
    assert not g.passed


def test_bad_override_values_fall_back_to_defaults() -> None:
    odd = scenario_with({"opening.latency": {"params": {"max_seconds": "soon"}}})
    late = call().rings(1).answer(1.0).agent(3.5, 6.0, OPENING).hangup(10.0)
    assert status(late.grade(odd), "opening.latency") == "fail"


def test_truncated_recording_grades_what_is_there() -> None:
    text = standard_call().text()
    cut = text[: text.rindex('{"t": 25.8')] + '{"t": 25.8, "end": 28.8, "kind": "sa'
    recording = parse_recording(cut)
    g = grade(recording)
    assert not g.complete
    assert _ids(g) == [spec.id for spec in RULES]
    assert status(g, "opening.greeting") == "pass"
    assert status(g, "closing.more_help") == "pass"
    assert status(g, "closing.farewell") == "na"
    assert status(g, "closing.caller_hangs_up_first") == "na"
    assert g.to_json()["complete"] is False


def test_grading_is_deterministic() -> None:
    a = standard_call().grade().to_json()
    b = standard_call().grade().to_json()
    assert a == b


FORBIDDEN_EXTRA = """
  - text: 官网
    source: "测试 临时禁用语"
    instead: 请您登录我们的网站查询
"""


def _copy_catalog(tmp_path: Path) -> Path:
    scenarios = tmp_path / "scenarios"
    shutil.copytree(locations.standards_dir(), scenarios / "standards")
    return scenarios


def test_regrading_after_a_catalog_change_gives_the_new_verdict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scenarios = _copy_catalog(tmp_path)
    monkeypatch.setenv("CALLSIM_SCENARIOS_DIR", str(scenarios))
    recording = standard_call().build()
    assert grade(recording).rule("forbidden.phrases").status == "pass"
    forbidden = scenarios / "standards" / "forbidden.yaml"
    forbidden.write_text(forbidden.read_text(encoding="utf-8") + FORBIDDEN_EXTRA, encoding="utf-8")
    after = grade(recording).rule("forbidden.phrases")
    assert after.status == "fail"
    assert "官网" in after.message and after.source == "测试 临时禁用语"


def test_an_explicit_matcher_from_another_catalog_is_used(tmp_path: Path) -> None:
    scenarios = _copy_catalog(tmp_path)
    forbidden = scenarios / "standards" / "forbidden.yaml"
    forbidden.write_text(forbidden.read_text(encoding="utf-8") + FORBIDDEN_EXTRA, encoding="utf-8")
    matcher = PhraseMatcher(load_catalog(scenarios / "standards"))
    recording = standard_call().build()
    assert grade(recording, matcher=matcher).rule("forbidden.phrases").status == "fail"
    assert grade(recording).rule("forbidden.phrases").status == "pass"
