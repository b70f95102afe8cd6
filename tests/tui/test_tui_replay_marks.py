"""Replay's model without the screen: fails tied to utterances, and the sound's timing."""

from __future__ import annotations

import array
import wave
from pathlib import Path

from simulator.grading.model import Grade, RuleResult
from simulator.recording.events import Answer, Event, Hangup, Ring, Say
from simulator.tui.model.replay_audio import ReplaySound, recorded_clips
from simulator.tui.model.replay_model import fail_marks, next_fail

GREETING = Say(1.0, 4.0, "agent", "您好，福彩热线，请问有什么可以帮您？")
CALLER = Say(4.5, 7.0, "caller", "我的号码是13912345678。")
RUDE = Say(7.5, 9.0, "agent", "这个我不知道。")
EVENTS: list[Event] = [Ring(0.0, 1), Answer(0.5), GREETING, CALLER, RUDE, Hangup(12.0, "caller")]


def _grade(*fails: RuleResult) -> Grade:
    return Grade("", "s", "standard", 50, False, True, fails)


def _fail(
    rule: str, at: float | None, evidence: str = "", *, message: str = "", fix: str = ""
) -> RuleResult:
    return RuleResult(
        rule, "fail", 1, "courtesy", at=at, evidence=evidence, message=message, fix=fix
    )


def test_a_quoted_fail_marks_the_agent_line_it_quotes() -> None:
    marks = fail_marks(
        EVENTS, _grade(_fail("forbidden.phrases", 8.0, "不知道", fix="改说：我帮您查询"))
    )
    assert [(m.rule_id, m.say) for m in marks] == [("forbidden.phrases", RUDE)]
    assert marks[0].at == RUDE.t
    assert marks[0].title == "服务禁用语"
    assert marks[0].reason == "改进：改说：我帮您查询"


def test_an_unquoted_fail_marks_what_was_being_said_then() -> None:
    marks = fail_marks(EVENTS, _grade(_fail("confirm.readback", 6.0, message="号码没有复述")))
    assert marks[0].say == CALLER and marks[0].reason == "号码没有复述"


def test_a_fail_for_something_missing_stays_on_the_timeline_only() -> None:
    marks = fail_marks(EVENTS, _grade(_fail("closing.farewell", 11.0), _fail("x.untimed", None)))
    assert [(m.rule_id, m.say, m.at) for m in marks] == [("closing.farewell", None, 11.0)]
    assert marks[0].reason == "未达到规范要求"


def test_no_grade_no_marks_and_next_fail_wraps_around() -> None:
    assert fail_marks(EVENTS, None) == ()
    grade = _grade(_fail("a.one", 2.0, "福彩热线"), _fail("b.two", 8.0, "不知道"))
    marks = fail_marks(EVENTS, grade)
    assert next_fail(marks, 0.0) is marks[0]
    assert next_fail(marks, marks[0].at) is marks[1]
    assert next_fail(marks, marks[1].at) is marks[0]
    assert next_fail((), 3.0) is None


class Notes:
    def __init__(self) -> None:
        self.played: list[str] = []
        self.stops = 0

    def play(self, path: Path) -> None:
        self.played.append(path.name)

    def stop(self) -> None:
        self.stops += 1


def _wav(path: Path, seconds: float) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(array.array("h", [0] * int(seconds * 8000)).tobytes())


def test_the_interrupting_line_is_heard_and_missing_audio_is_skipped(tmp_path: Path) -> None:
    _wav(tmp_path / "a" / "1.wav", 3.0)
    _wav(tmp_path / "a" / "2.wav", 2.0)
    first = Say(1.0, 4.0, "caller", "喂？", audio="a/1.wav")
    cut_in = Say(2.0, 4.0, "agent", "您好！", audio="a/2.wav")
    lost = Say(5.0, 6.0, "caller", "嗯。", audio="a/gone.wav")
    clips = recorded_clips([lost, cut_in, first], tmp_path)
    assert [say for say, _ in clips] == [first, cut_in]
    notes = Notes()
    sound = ReplaySound(clips, notes)
    sound.sync(1.1, playing=True, speed=1.0)
    sound.sync(2.05, playing=True, speed=1.0)
    assert notes.played == ["1.wav", "2.wav"]
    sound.sync(3.0, playing=True, speed=2.0)  # faster than life: silent
    assert sound.current is None and notes.stops == 1
    sound.sync(4.5, playing=True, speed=1.0)  # between lines: nothing starts
    assert notes.played == ["1.wav", "2.wav"]
    sound.close()
