"""Fixtures shared by the scoreboard's tests."""

from __future__ import annotations

import pytest

from tests.machine_env import forget_callsim_environment


@pytest.fixture(autouse=True)
def _no_machine_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's `CALLSIM_*` settings (a database, a class) stay out of the tests."""
    forget_callsim_environment(monkeypatch)
