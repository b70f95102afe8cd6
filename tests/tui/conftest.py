"""Fixtures shared by the app's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store.engine import Store, open_store
from tests.machine_env import forget_callsim_environment


@pytest.fixture(autouse=True)
def _no_machine_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    """The machine's `CALLSIM_*` settings (a class, a database) stay out of the tests."""
    forget_callsim_environment(monkeypatch)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A real results database (a SQLite file in the test's folder), closed afterwards."""
    opened = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    try:
        yield opened
    finally:
        opened.close()
