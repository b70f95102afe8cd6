"""Timers never get a zero delay: Textual 8.2 divides by a timer's interval when it stops
one as its screen closes (ZeroDivisionError, Textualize/textual#6370), which killed the
app when a trainee pressed Enter just as the caller hung up."""

from __future__ import annotations

import ast
import math
from pathlib import Path

import pytest

from simulator.clock import FakeClock
from simulator.timers import MIN_TIMER_SECONDS, timer_delay
from simulator.tui.screens.picker import PickerScreen
from tests.tui.tui_helpers import SIZE, new_app, start_call, wait_for_screen

SOURCE = Path(__file__).resolve().parents[2] / "simulator"


@pytest.mark.parametrize("seconds", [0.0, -0.2, 1e-320, 5e-324, MIN_TIMER_SECONDS / 2, math.nan])
def test_a_timer_delay_is_never_below_the_floor(seconds: float) -> None:
    assert timer_delay(seconds) == MIN_TIMER_SECONDS


@pytest.mark.parametrize("seconds", [MIN_TIMER_SECONDS, 0.05, 2.0])
def test_a_timer_delay_above_the_floor_is_kept(seconds: float) -> None:
    assert timer_delay(seconds) == seconds


def test_every_timer_in_the_package_goes_through_the_floor() -> None:
    unguarded = []
    for path in sorted(SOURCE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in {"set_timer", "set_interval"}
            ):
                continue
            first = node.args[0] if node.args else None
            guarded = (
                isinstance(first, ast.Call)
                and isinstance(first.func, ast.Name)
                and first.func.id == "timer_delay"
            )
            if not guarded:
                unguarded.append(f"{path.relative_to(SOURCE.parent)}:{node.lineno}")
    assert unguarded == []


async def test_leaving_the_call_with_a_wake_up_due_now_does_not_crash(tmp_path: Path) -> None:
    clock = FakeClock()
    app = new_app(tmp_path, clock, scenario_id="standard-inquiry")
    async with app.run_test(size=SIZE) as pilot:
        screen = await start_call(pilot)
        live = screen.live
        assert live is not None
        due = live.call.next_due()
        assert due is not None
        # The engine's next work falls due this very instant (the real clock got there
        # between the tick and the redraw); every key and notice redraws the status.
        clock.set(live.call.origin + due)
        screen._show_status()
        app.pop_screen()  # while that wake-up is still pending
        await wait_for_screen(pilot, PickerScreen)
        await pilot.pause(0.01)
    assert app.return_code in (None, 0)
