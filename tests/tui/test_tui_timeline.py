"""The call timeline: where the seconds went, drawn to any width."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from simulator.recording import Answer, Event, Hangup, Hold, Ring, Say
from simulator.tui.model.timeline_model import Span, call_times
from simulator.tui.widgets.timeline import render_timeline, summary_line

CALL: list[Event] = [
    Ring(0.0, 1),
    Ring(3.0, 2),
    Answer(4.2),
    Say(4.9, 8.1, "agent", "您好"),
    Say(9.0, 12.5, "caller", "我想问一下开奖结果。"),
    Hold(14.0, True),
    Hold(22.0, False),
    Say(22.5, 25.0, "agent", "感谢您的耐心等待"),
    Say(26.0, 28.0, "caller", "好的"),
    Hangup(40.0, "caller"),
]


def test_call_times_measure_rings_greeting_holds_and_silences() -> None:
    times = call_times(CALL)
    assert times.rings == (0.0, 3.0)
    assert times.answer == 4.2
    assert times.greeting == Span(4.2, 4.9)
    assert times.holds == (Span(14.0, 22.0),)
    assert times.gaps == (Span(12.5, 14.0), Span(28.0, 40.0))
    assert times.longest_gap == 12.0
    assert round(times.talk_seconds, 3) == 35.8


def test_a_reply_that_overlaps_the_caller_leaves_no_silence() -> None:
    events: list[Event] = [
        Answer(0.0),
        Say(1.0, 5.0, "caller", "喂"),
        Say(4.0, 6.0, "agent", "您好"),
    ]
    assert call_times(events).gaps == ()


def test_a_hold_still_open_runs_to_now() -> None:
    times = call_times([Answer(0.0), Hold(2.0, True)], now=9.0)
    assert times.holds == (Span(2.0, 9.0),)
    assert times.total == 9.0


def test_rows_are_labelled_and_marks_sit_where_they_happened() -> None:
    rows = render_timeline(call_times(CALL), 46)
    assert [row.plain[:2] for row in rows] == ["事件", "客户", "坐席", "保持", "静默", "秒 "]
    plot = [row.plain.split("│", 1)[1] for row in rows]  # 40 cells for 40 s
    assert [len(cells) for cells in plot] == [40] * 6
    assert plot[0][:6] == "♪  ♪▲┄" and plot[0][39] == "■"
    assert plot[1][8:14] == " ████ "
    assert plot[3][13:23] == " " + "▒" * 8 + " "
    assert plot[4][11:16] == " ░░░ " and plot[4][26:] == " " + "░" * 13
    # Seconds count from the answer (4.2 s after the first ring), as the transcript does.
    assert plot[5].startswith("    0         10")


def test_a_silence_past_the_limit_is_red_and_a_slow_greeting_too() -> None:
    rows = render_timeline(call_times(CALL), 46, greeting_limit=0.5)
    silence = rows[4]
    assert any("red" in str(span.style) for span in silence.spans)
    assert any("red" in str(span.style) for span in rows[0].spans)
    assert "问候 0.7s" in summary_line(call_times(CALL)).plain
    assert "响铃 2 声后接听" in summary_line(call_times(CALL)).plain


def test_the_replay_cursor_is_drawn_in_reverse() -> None:
    rows = render_timeline(call_times(CALL), 46, cursor=10.0)
    for row in rows:
        column = row.plain.index("│") + 1 + 10
        assert [s.start for s in row.spans if "reverse" in str(s.style)] == [column]


events = st.lists(
    st.one_of(
        st.builds(Ring, st.floats(0, 500), st.integers(1, 9)),
        st.builds(Answer, st.floats(0, 500)),
        st.builds(Hold, st.floats(0, 500), st.booleans()),
        st.builds(Hangup, st.floats(0, 500), st.sampled_from(["agent", "caller"])),
        st.builds(
            lambda t, d, who: Say(t, t + d, who, "话"),
            st.floats(0, 500),
            st.floats(0, 60),
            st.sampled_from(["agent", "caller"]),
        ),
    ),
    max_size=30,
)


@settings(max_examples=150, deadline=None)
@given(events, st.integers(0, 300), st.none() | st.floats(0, 600))
def test_any_call_draws_rows_of_exactly_the_width(
    call: list[Event], width: int, cursor: float | None
) -> None:
    rows = render_timeline(call_times(call), width, cursor=cursor)
    assert len(rows) == 6
    assert {cell_len(row.plain) for row in rows} == {max(20, width)}
