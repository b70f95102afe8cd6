"""Fixtures shared by the packaging tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator import cache


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache of this test's own, switched on, with no trainer's folder in force; the
    folder its entries go to."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(folder))
    monkeypatch.delenv(cache.DISABLE_ENV_VAR, raising=False)
    monkeypatch.delenv("CALLSIM_SCENARIOS_DIR", raising=False)
    return folder / cache.FOLDER
