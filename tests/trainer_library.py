"""A trainer's own scenario folder over the shipped library, for the tests of how the two
are layered (`callsim play`, `callsim replay`, `callsim scenarios`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator import locations

LIBRARY = locations.PROJECT_ROOT / "scenarios"


def isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No trainer's folder set, recordings and cache in the test's folder."""
    # Removed now and again after the test: `--scenarios` sets it for the process.
    monkeypatch.delenv(locations.SCENARIOS_ENV_VAR, raising=False)
    monkeypatch.setenv("CALLSIM_RECORDINGS_DIR", str(tmp_path / "recordings"))
    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(tmp_path / "cache"))


def trainer_folder(tmp_path: Path) -> Path:
    """A trainer's folder: the standard inquiry retitled, and a new call of their own."""
    folder = tmp_path / "own"
    folder.mkdir()
    text = (LIBRARY / "standard-inquiry.yaml").read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    (folder / "standard-inquiry.yaml").write_text(
        text.replace(title, "title: 本单位版本的普通咨询"), encoding="utf-8"
    )
    (folder / "my-inquiry.yaml").write_text(
        text.replace("id: standard-inquiry", "id: my-inquiry").replace(
            title, "title: 培训师自编的咨询"
        ),
        encoding="utf-8",
    )
    return folder
