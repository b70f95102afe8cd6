"""The live view's model: what a call looks like at each step, whatever the rows hold."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from simulator.scoreboard.live_model import meter_lines, replay, step_positions
from simulator.store.live import LIVE_KINDS, LiveEvent

NOW = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)


def ev(seq: int, kind: str, t: float | None, **data: object) -> LiveEvent:
    return LiveEvent("c", seq, kind, t, dict(data), NOW)


CALL = [
    ev(0, "start", 0.0, trainee="欧阳娜", title="保持查询", limits={"hold": 15, "dead_air": 10}),
    ev(1, "ring", 0.0, n=1),
    ev(2, "meters", 1.0, rings=1, state="ringing"),
    ev(3, "answer", 2.0),
    ev(4, "agent", 2.5, text="您好", end=3.0),
    ev(5, "hold", 4.0, on=True),
    ev(6, "meters", 12.0, hold=8.0, talk=10.0),
    ev(7, "rule", 21.0, rule="hold.checkin", title="每15秒通报进展", status="fail", detail="x"),
    ev(8, "hold", 22.0, on=False),
    ev(9, "end", 30.0, who="caller", reason="caller_hung_up"),
    ev(10, "rule", 21.0, rule="hold.checkin", title="每15秒通报进展", status="fail", detail="x"),
    ev(11, "graded", None, score=55, passed=False),
]


def test_each_step_shows_the_call_as_it_was() -> None:
    steps = step_positions(CALL)
    assert [CALL[i].kind for i in steps][:3] == ["ring", "answer", "agent"]
    assert 2 not in steps and 6 not in steps  # meter readings are not steps
    on_hold = replay(CALL, 6)
    assert on_hold.phase == "保持中"
    assert "保持 8/15 秒" in meter_lines(on_hold)
    assert replay(CALL, 3).phase == "通话中" and replay(CALL, 1).phase == "响铃中"
    final = replay(CALL)
    assert final.phase == "已评分" and final.score == 55 and final.ended == "来电者挂机"
    assert list(final.rules) == ["hold.checkin"]  # the final verdict replaces, in place
    assert "保持 --" in meter_lines(final)
    assert replay(CALL, -1).trainee == ""  # before the first event: nothing yet


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
    max_leaves=8,
)
KEYS = st.sampled_from(
    ["n", "text", "on", "rule", "title", "status", "score", "limits", "rings", "talk", "hold",
     "silence", "waiting", "reason", "trainee"]
)  # fmt: skip


@given(
    st.lists(
        st.tuples(
            st.sampled_from([*LIVE_KINDS, "graded", "unknown"]),
            st.none() | st.floats(allow_nan=True),
            st.dictionaries(KEYS, JSONISH, max_size=6),
        ),
        max_size=25,
    ),
    st.none() | st.integers(-3, 30),
)
def test_rows_from_any_machine_never_break_the_view(rows, upto) -> None:
    events = [LiveEvent("c", i, kind, t, data, NOW) for i, (kind, t, data) in enumerate(rows)]
    state = replay(events, upto)
    assert len(meter_lines(state)) == 4
    assert state.phase
