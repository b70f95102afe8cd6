"""Fixtures shared by the app's tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator.store.engine import Store, open_store


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A real results database (a SQLite file in the test's folder), closed afterwards."""
    opened = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    try:
        yield opened
    finally:
        opened.close()
