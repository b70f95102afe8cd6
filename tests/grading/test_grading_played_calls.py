"""The shipped scenarios played headless with their good and bad trainee scripts, then
graded from the recordings they wrote: good scripts pass every rule, bad ones fail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator import locations
from simulator.cli import main

SCRIPTS = locations.PROJECT_ROOT / "scenarios" / "scripts"
PAIRS = sorted(p.name.removesuffix(".good.yaml") for p in SCRIPTS.glob("*.good.yaml"))


@pytest.fixture
def recordings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "recordings"
    monkeypatch.setenv("CALLSIM_RECORDINGS_DIR", str(folder))
    return folder


def _play_and_grade(
    scenario: str, script: Path, folder: Path, capsys: pytest.CaptureFixture[str]
) -> dict[str, object]:
    before = set(folder.rglob("*.jsonl")) if folder.exists() else set()
    assert main(["play", scenario, "--script", str(script), "--fast", "--json"]) == 0
    capsys.readouterr()
    (recording,) = set(folder.rglob("*.jsonl")) - before
    assert main(["grade", str(recording), "--json"]) == 0
    graded: dict[str, object] = json.loads(capsys.readouterr().out)
    return graded


@pytest.mark.skipif(not PAIRS, reason="no trainee scripts shipped")
@pytest.mark.parametrize("scenario", PAIRS)
def test_good_script_passes_and_bad_script_fails(
    scenario: str, recordings: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _play_and_grade(scenario, SCRIPTS / f"{scenario}.good.yaml", recordings, capsys)
    failed = [r for r in good["rules"] if r["status"] == "fail"]  # type: ignore[attr-defined]
    assert good["passed"] is True and not failed, failed
    bad_script = SCRIPTS / f"{scenario}.bad.yaml"
    if bad_script.is_file():
        bad = _play_and_grade(scenario, bad_script, recordings, capsys)
        assert bad["passed"] is False
        assert isinstance(bad["score"], int) and bad["score"] < 80
