"""One clock for every time a trainee reads: seconds since the answer.

The transcript during the call, the report's evidence and the report's timeline all
count from the answer, so a line shown at 00:50 in the call is quoted at 00:50 in the
report; and evidence that is not the agent's words is not introduced as 「您说」."""

from __future__ import annotations

from simulator.grading.model import RuleResult
from simulator.recording import Answer, Ring, Say, read_recording
from simulator.recording.reader import Recording
from simulator.tui.screens.report import answered_at, rule_lines
from simulator.tui.widgets.meters import clock_text
from simulator.tui.widgets.transcript import line_text
from tests.tui.tui_helpers import FIXTURES

INQUIRY = FIXTURES / "recordings" / "2026-03-02" / "李明" / "2026-03-02T09-30-00-002a.jsonl"


def _fail(at: float | None, evidence: str) -> RuleResult:
    return RuleResult("response.dead_air", "fail", 10, "response", at=at, evidence=evidence)


def test_evidence_is_timed_from_the_answer_like_the_transcript() -> None:
    answered = 10.0
    said = Say(60.7, 62.0, "agent", "喂")
    transcript = line_text("agent", said.text, said.t - answered).plain
    report = rule_lines(_fail(said.t, "「喂」"), answered).plain
    assert transcript.startswith("00:50 ")
    assert "您说：00:50 「喂」" in report
    assert "60.7" not in report


def test_a_ring_or_a_silence_is_recorded_not_said() -> None:
    rings = rule_lines(_fail(7.0, "7.0 秒接听，此时已响到第 3 声"), 7.0).plain
    assert "记录：00:00 7.0 秒接听" in rings and "您说" not in rings
    silence = rule_lines(_fail(40.0, "客户说完「好的」，坐席 12 秒没有回应"), 10.0).plain
    assert "记录：00:30 客户说完" in silence


def test_before_the_answer_the_clock_is_negative_and_unanswered_calls_show_none() -> None:
    assert clock_text(-3.2) == "-00:03"
    assert clock_text(-0.4) == "00:00"
    unanswered = rule_lines(_fail(4.0, "没有接听事件：来电未被接起"), None).plain
    assert "记录：没有接听事件" in unanswered


def test_the_origin_is_the_recordings_answer() -> None:
    recording = read_recording(INQUIRY)
    answer = next(e.t for e in recording.events if isinstance(e, Answer))
    assert answered_at(recording) == answer
    rings_only = Recording(recording.header, (Ring(0.0, 1),), recording.path)
    assert answered_at(rings_only) is None
