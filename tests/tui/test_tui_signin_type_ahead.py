"""Sign-in with keys typed ahead, as a paste or a fast typist delivers them: every key is
posted before the app handles any, and the form still reads what was typed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot
from textual.widgets import Input

from simulator.clock import FakeClock
from simulator.tui.screens.picker import PickerScreen
from simulator.tui.screens.signin import SignInScreen
from tests.tui.tui_helpers import new_app, settle

KEYS = {"enter": "\r", "tab": "\t"}


async def _burst(pilot: Pilot[Any], keys: list[str]) -> None:
    for key in keys:
        pilot.app.post_message(events.Key(key, KEYS.get(key, key)))
    await settle(pilot)
    await settle(pilot)


async def test_a_name_and_number_typed_ahead_sign_in(tmp_path: Path) -> None:
    app = new_app(tmp_path, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _burst(pilot, [*"abc", "enter", *"1024", "enter"])
        assert isinstance(pilot.app.screen, PickerScreen)
        assert app.trainee.name == "abc"
        assert app.trainee.agent_id == "1024"


async def test_enter_typed_ahead_reads_the_name_before_judging_it(tmp_path: Path) -> None:
    app = new_app(tmp_path, FakeClock())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await _burst(pilot, [*"abc", "enter"])
        screen = pilot.app.screen
        assert isinstance(screen, SignInScreen)
        # No 「请填写姓名」 for a name that was typed: the number is asked for next.
        assert str(screen.query_one("#signin-error").render()) == ""
        assert screen.focused is screen.query_one("#signin-agent-id", Input)
