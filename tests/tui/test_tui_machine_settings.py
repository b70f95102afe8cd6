"""A classroom machine's `CALLSIM_*` settings do not reach the app's tests: the sign-in
and the live demo look the same on every machine (snapshots included)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from simulator.clock import FakeClock
from simulator.settings import current
from simulator.tui.screens.signin import SignInScreen
from tests.tui.tui_helpers import SIZE, new_app, wait_for_screen


@pytest.fixture(scope="module", autouse=True)
def classroom_machine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The machine's profile, set before any test of this module starts (a wider scope
    than the per-test cleaning, as the shell's variables are)."""
    db = tmp_path_factory.mktemp("machine") / "class.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CALLSIM_CLASS", "春季一班")
        patch.setenv("CALLSIM_CLASS_DEMO", "on")
        patch.setenv("CALLSIM_DB", f"sqlite:///{db}")
        yield


def test_the_machines_settings_are_not_in_force() -> None:
    settings = current()
    assert (settings.class_name, settings.class_demo, settings.db) == ("", "", None)
    assert current().cache_dir is not None  # the tests' private cache stays


async def test_the_sign_in_does_not_show_the_machines_class(tmp_path: Path) -> None:
    async with new_app(tmp_path, FakeClock()).run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, SignInScreen)
        assert screen.query_one("#signin-class", Input).value == ""
