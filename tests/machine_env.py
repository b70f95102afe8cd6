"""Keeping the machine's own `CALLSIM_*` settings out of a test."""

from __future__ import annotations

import os

import pytest

KEPT = {"CALLSIM_CACHE_DIR"}
"""The one `CALLSIM_*` variable the tests set themselves (a private cache)."""


def forget_callsim_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Remove this machine's `CALLSIM_*` settings for one test: a classroom's
    `CALLSIM_CLASS` changes the sign-in screen, `CALLSIM_CLASS_DEMO` turns the live demo
    on and writes to `CALLSIM_DB`. A test that needs one sets it itself."""
    for name in list(os.environ):
        if name.startswith("CALLSIM_") and name not in KEPT:
            monkeypatch.delenv(name)
