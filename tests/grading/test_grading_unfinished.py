"""Calls that were not taken to their end never pass.

A recording without its hang-up (the app killed mid-call) and a call never answered
(missed, rejected, or no events at all) used to grade 100 and `passed` when no rule
applied. Now such a call is never passed, a call with no applicable rule scores 0, and
the output says why in Chinese.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.grading import RULES, Grade, grade
from simulator.grading.render import verdict
from simulator.recording import parse_recording
from tests.grading.grading_builder import CallBuilder, call, standard_call
from tests.grading.grading_scenarios import scenario_with

NO_HANGUP = "通话未完成（录音没有挂机记录），不能判为合格"


def without_hangup(builder: CallBuilder) -> CallBuilder:
    builder.lines = [line for line in builder.lines if line["kind"] != "hangup"]
    return builder


def test_a_killed_call_that_went_well_so_far_is_not_passed() -> None:
    g = without_hangup(standard_call()).grade()
    assert not g.complete
    assert g.score >= 80  # what is there was done right…
    assert not g.passed  # …but it is not a whole call
    assert g.unfinished == NO_HANGUP


@pytest.mark.parametrize(
    ("builder", "why"),
    [
        (call().rings(8).hangup(24.0, "caller"), "电话未接听（客户在响铃中挂断），不能判为合格"),
        (call().rings(2).hangup(4.0, "agent"), "电话未接听（坐席挂断了来电），不能判为合格"),
        (call().rings(2), f"电话未接听，{NO_HANGUP}"),
        (call(), f"电话未接听（录音里没有任何通话事件），{NO_HANGUP}"),
    ],
    ids=["missed", "rejected", "killed-while-ringing", "no-events"],
)
def test_a_call_never_answered_scores_0_and_is_not_passed(builder: CallBuilder, why: str) -> None:
    g = builder.grade()
    assert (g.score, g.passed, g.unfinished) == (0, False, why)
    assert [r.id for r in g.rules] == [spec.id for spec in RULES]


def test_an_unanswered_call_scores_0_even_with_the_ring_rule_off() -> None:
    off = scenario_with({"answer.rings": {"enabled": False}}, pass_mark=0)
    g = call().rings(8).hangup(24.0, "caller").grade(off)
    assert all(r.status == "na" for r in g.rules)
    assert (g.score, g.passed) == (0, False)


def test_a_recording_cut_off_mid_line_is_not_passed() -> None:
    text = standard_call().text().rstrip("\n")  # the hangup line itself was half written
    g = grade(parse_recording(text[:-3]))
    assert not g.complete and not g.passed
    assert g.unfinished == "通话未完成（录音没有挂机记录），不能判为合格"
    whole = standard_call().text() + '{"t": 32.0, "kind": "sa'
    g = grade(parse_recording(whole))
    assert not g.complete and not g.passed
    assert g.unfinished == "录音不完整（最后一行被截断），不能判为合格"


def test_a_finished_call_has_no_unfinished_reason() -> None:
    g = standard_call().grade()
    assert g.complete and g.passed and g.unfinished == ""
    assert "不能判为合格" not in verdict(g).plain


def test_the_verdict_line_says_why() -> None:
    line = verdict(without_hangup(standard_call()).grade()).plain
    assert "未通过" in line and NO_HANGUP in line


def _grade_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(["grade", *argv])
    return code, capsys.readouterr().out


def test_grade_text_and_json_of_an_unanswered_call(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "missed.jsonl"
    path.write_text(call().rings(2).text(), encoding="utf-8")
    code, out = _grade_cli(capsys, str(path), "--scenario-dir", str(tmp_path))
    assert code == 0
    # Where the terminal wraps the verdict is rich's business (and differs once a Textual
    # app has run in the same process, as earlier tests do): read it as one line.
    out = out.replace("\n", "")
    assert "0 分（及格 80）· 未通过" in out and "电话未接听" in out and "不能判为合格" in out
    code, out = _grade_cli(capsys, str(path), "--json", "--scenario-dir", str(tmp_path))
    data = json.loads(out)
    assert (data["score"], data["passed"], data["complete"]) == (0, False, False)
    # The format is unchanged: the same keys as a finished call's, and the rules say why.
    finished = Grade("", "", "", 100, True, True, ()).to_json()
    assert set(data) == set(finished)
    assert "电话未接听" in {r["message"] for r in data["rules"]}
