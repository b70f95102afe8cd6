"""The call engine on a fake clock: rings, answer, beats, branches, timeouts, holds, ends."""

from __future__ import annotations

import pytest

from simulator.engine import CallEnded, CallerLineStarted, CallState
from tests.engine.helpers import make_call, run_until, says, scenario

GREET = "您好，福彩热线，1024号为您服务，请问有什么可以帮您？"


def basic_script() -> dict[str, object]:
    return {
        "beats": {
            "开场": {
                "on": [{"said": ["帮您"], "goto": "提问"}, {"forbidden": True, "goto": "生气"}],
                "timeout": {"after": 8, "say": "喂？有人吗？"},
            },
            "提问": {
                "caller": ["我想问一下开奖结果。", "是昨天的双色球。"],
                "on": [{"said": ["再见"], "goto": "挂机"}],
            },
            "生气": {"caller": ["你这是什么态度！"], "hangup": True, "hangup_after": 0.5},
            "挂机": {"caller": ["好的，再见。"], "hangup": True},
        }
    }


def test_phone_rings_every_interval_until_the_caller_gives_up() -> None:
    call, clock, events, notices, _ = make_call(scenario(basic_script(), ringing={"give_up": 4}))
    call.start()
    run_until(call, clock, 60)
    assert [(e.t, e.n) for e in events if e.kind == "ring"] == [(0, 1), (3, 2), (6, 3), (9, 4)]
    assert events[-1].kind == "hangup" and events[-1].who == "caller" and events[-1].t == 12
    assert isinstance(notices[-1], CallEnded) and notices[-1].reason == "caller_gave_up_ringing"
    assert call.state is CallState.ENDED and call.answered_at is None


def test_answer_stops_the_rings_and_the_first_beat_waits_for_the_agent() -> None:
    call, clock, events, _, _ = make_call(scenario(basic_script()))
    call.start()
    run_until(call, clock, 4.2)
    call.answer()
    run_until(call, clock, 7.5)
    assert [e.kind for e in events] == ["ring", "ring", "answer"]
    assert call.answered_at == 4.2 and call.beat == "开场"


def test_a_matching_reply_moves_the_caller_to_the_next_beat_after_its_reaction_time() -> None:
    call, clock, events, _, voice = make_call(scenario(basic_script()))
    call.start()
    run_until(call, clock, 4.0)
    call.answer()
    run_until(call, clock, 6.0)
    call.agent_started()
    call.agent_said(GREET, onset=5.0)
    run_until(call, clock, 20)
    assert says(events, "agent") == [(5.0, 6.0, GREET)]
    # reaction 0.5 s, then two 2-second lines back to back
    assert says(events, "caller") == [
        (6.5, 8.5, "我想问一下开奖结果。"),
        (8.5, 10.5, "是昨天的双色球。"),
    ]
    assert voice.played == ["我想问一下开奖结果。", "是昨天的双色球。"]
    assert call.last_caller_end == 10.5


def test_a_forbidden_phrase_sends_the_caller_down_the_angry_branch_and_it_hangs_up() -> None:
    call, clock, events, notices, _ = make_call(scenario(basic_script()))
    call.start()
    call.answer()
    run_until(call, clock, 1.0)
    call.agent_said("喂，说话呀", onset=0.5)
    run_until(call, clock, 30)
    assert says(events, "caller") == [(1.5, 3.5, "你这是什么态度！")]
    assert events[-1].kind == "hangup" and events[-1].who == "caller" and events[-1].t == 4.0
    assert isinstance(notices[-1], CallEnded) and notices[-1].reason == "caller_hung_up"


def test_silence_makes_the_caller_speak_up_once_per_repeat() -> None:
    call, clock, events, _, _ = make_call(scenario(basic_script()))
    call.start()
    call.answer()
    run_until(call, clock, 30)
    assert says(events, "caller") == [(8.0, 10.0, "喂？有人吗？")]


def test_timeouts_repeat_and_then_go_to_their_target() -> None:
    script = basic_script()
    script["beats"]["开场"]["timeout"] = {  # type: ignore[index]
        "after": 5,
        "say": ["喂？"],
        "repeat": 2,
    }
    call, clock, events, _, _ = make_call(scenario(script))
    call.start()
    call.answer()
    run_until(call, clock, 40)
    assert [t for t, _, _ in says(events, "caller")] == [5.0, 12.0]


def test_timeout_waits_while_the_agent_is_typing_and_while_on_hold() -> None:
    call, clock, events, _, _ = make_call(scenario(basic_script()))
    call.start()
    call.answer()
    run_until(call, clock, 7.0)
    call.agent_started()
    run_until(call, clock, 20.0)
    assert says(events, "caller") == []
    call.agent_said("嗯", onset=7.0)  # no branch matches: the caller stays and waits again
    call.hold(True)
    run_until(call, clock, 40.0)
    assert says(events, "caller") == []
    call.hold(False)
    run_until(call, clock, 48.5)
    assert says(events, "caller") == [(48.0, 50.0, "喂？有人吗？")]


def test_lines_due_during_a_hold_wait_for_the_agent_to_come_back() -> None:
    call, clock, events, _, _ = make_call(scenario(basic_script()))
    call.start()
    call.answer()
    call.agent_said(GREET, onset=0.0)
    call.hold(True)
    run_until(call, clock, 10.0)
    assert says(events, "caller") == []
    call.hold(False)
    run_until(call, clock, 20.0)
    assert [t for t, _, _ in says(events, "caller")] == [10.0, 12.0]
    assert [(e.t, e.on) for e in events if e.kind == "hold"] == [(0.0, True), (10.0, False)]


def test_a_reply_mid_line_drops_the_unspoken_lines_and_waits_for_the_current_one() -> None:
    script = basic_script()
    script["beats"]["提问"]["on"] = [{"said": ["稍等"], "goto": "挂机"}]  # type: ignore[index]
    call, clock, events, _, _ = make_call(scenario(script))
    call.start()
    call.answer()
    call.agent_said(GREET, onset=0.0)
    run_until(call, clock, 1.0)  # first caller line runs 0.5–2.5
    call.agent_said("请您稍等", onset=0.8, end=1.0)
    run_until(call, clock, 30.0)
    texts = [text for _, _, text in says(events, "caller")]
    assert texts == ["我想问一下开奖结果。", "好的，再见。"]
    assert says(events, "caller")[1][0] == 3.0  # 2.5 end of line + 0.5 reaction


def test_agent_hangup_stops_the_voice_and_ends_the_call() -> None:
    call, clock, events, notices, voice = make_call(scenario(basic_script()))
    call.start()
    call.answer()
    call.agent_said(GREET, onset=0.0)
    run_until(call, clock, 1.5)
    call.hangup()
    assert voice.stops == 1
    assert events[-1].kind == "hangup" and events[-1].who == "agent" and events[-1].t == 1.5
    assert isinstance(notices[-1], CallEnded) and notices[-1].reason == "agent_hung_up"
    before = len(events)
    run_until(call, clock, 100)
    call.agent_said("还在吗", onset=100)
    call.hold(True)
    assert len(events) == before  # nothing is recorded after the end


def test_the_caller_hangs_up_at_the_maximum_duration() -> None:
    call, clock, events, notices, _ = make_call(
        scenario({"beats": {"沉默": {}}}, persona="silent", max_duration=60)
    )
    call.start()
    call.answer()
    run_until(call, clock, 500)
    assert events[-1].kind == "hangup" and events[-1].t == 60
    assert isinstance(notices[-1], CallEnded) and notices[-1].reason == "max_duration"


def test_every_line_is_prepared_at_start_with_its_own_voice() -> None:
    script = basic_script()
    script["beats"]["生气"]["caller"] = [{"text": "你这是什么态度！", "rate": 230}]  # type: ignore[index]
    call, _, _, _, voice = make_call(scenario(script, voice={"rate": 150}))
    call.start()
    prepared = {line.text: line.voice.rate for line in voice.prepared}
    assert prepared == {
        "喂？有人吗？": 150,
        "我想问一下开奖结果。": 150,
        "是昨天的双色球。": 150,
        "你这是什么态度！": 230,
        "好的，再见。": 150,
    }


def test_notices_tell_the_ui_what_the_caller_is_saying() -> None:
    call, clock, _, notices, _ = make_call(scenario(basic_script()))
    call.start()
    call.answer()
    call.agent_said(GREET, onset=0.0)
    run_until(call, clock, 1.0)
    started = [n for n in notices if isinstance(n, CallerLineStarted)]
    assert started == [CallerLineStarted("我想问一下开奖结果。", 0.5, 2.5, "提问")]
    assert call.caller_speaking


def test_a_call_starts_only_once() -> None:
    call, _, _, _, _ = make_call(scenario(basic_script()))
    call.start()
    with pytest.raises(RuntimeError):
        call.start()
