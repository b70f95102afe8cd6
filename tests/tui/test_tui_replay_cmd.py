"""`callsim replay FILE` finds the recording's scenario as `callsim play` does: the
trainer's folder first, then the shipped library under it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.scenario.models import Scenario
from simulator.tui.replay_app import ReplayApp
from tests.trainer_library import isolate, trainer_folder


@pytest.fixture(autouse=True)
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[Scenario | None]:
    """The scenario each replay opened with (the app itself is not run here)."""
    seen: list[Scenario | None] = []

    def run(self: ReplayApp) -> None:
        seen.append(self.scenario)

    monkeypatch.setattr(ReplayApp, "run", run)
    return seen


@pytest.fixture
def own(tmp_path: Path) -> Path:
    return trainer_folder(tmp_path)


def _recording(tmp_path: Path, scenario: str) -> Path:
    lines = [
        {"kind": "session", "format": 1, "id": "r1", "scenario": scenario, "persona": "normal"},
        {"t": 0.0, "kind": "ring", "n": 1},
        {"t": 1.0, "kind": "answer"},
        {"t": 1.5, "end": 3.0, "kind": "say", "who": "agent", "text": "您好，请讲。"},
        {"t": 4.0, "kind": "hangup", "who": "caller"},
    ]
    path = tmp_path / f"{scenario}.jsonl"
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    return path


CASES = [
    ("my-inquiry", "培训师自编的咨询"),
    ("standard-inquiry", "本单位版本的普通咨询"),
    ("silent-call", "无声电话"),  # only in the shipped library
]


@pytest.mark.parametrize(("scenario", "title"), CASES)
def test_replay_under_the_trainers_folder_sees_the_layers(
    tmp_path: Path, own: Path, opened: list[Scenario | None], scenario: str, title: str
) -> None:
    file = _recording(tmp_path, scenario)
    assert main(["--scenarios", str(own), "replay", str(file), "--no-sound"]) == 0
    assert len(opened) == 1 and opened[0] is not None and opened[0].title.startswith(title)


@pytest.mark.parametrize(("scenario", "title"), CASES)
def test_replay_scenario_dir_lies_over_the_library(
    tmp_path: Path, own: Path, opened: list[Scenario | None], scenario: str, title: str
) -> None:
    file = _recording(tmp_path, scenario)
    assert main(["replay", str(file), "--scenario-dir", str(own), "--no-sound"]) == 0
    assert len(opened) == 1 and opened[0] is not None and opened[0].title.startswith(title)
