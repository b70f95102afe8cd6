"""A classroom machine's `CALLSIM_*` settings (its results database, its class) do not
reach the scoreboard's tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.settings import current


@pytest.fixture(scope="module", autouse=True)
def classroom_machine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The machine's profile, set before any test of this module starts (a wider scope
    than the per-test cleaning, as the shell's variables are)."""
    db = tmp_path_factory.mktemp("machine") / "class.sqlite3"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CALLSIM_CLASS", "春季一班")
        patch.setenv("CALLSIM_DB", f"sqlite:///{db}")
        yield


def test_the_machines_settings_are_not_in_force() -> None:
    settings = current()
    assert (settings.class_name, settings.db) == ("", None)
    assert settings.cache_dir is not None  # the tests' private cache stays
