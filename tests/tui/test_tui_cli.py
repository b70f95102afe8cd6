"""`callsim` with no subcommand and `callsim run` open the app; bad paths exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main
from simulator.tui.app import CallsimApp


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[CallsimApp]:
    """Apps that would have been run (the terminal is not taken over in tests)."""
    apps: list[CallsimApp] = []

    def run(self: CallsimApp, *args: object, **kwargs: object) -> None:
        apps.append(self)

    monkeypatch.setattr(CallsimApp, "run", run)
    return apps


def test_no_subcommand_opens_the_app(
    opened: list[CallsimApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `--recordings` sets the environment variable; this restores it after the test.
    monkeypatch.setenv("CALLSIM_RECORDINGS_DIR", "")
    assert main(["--recordings", str(tmp_path)]) == 0
    assert len(opened) == 1
    assert opened[0].services.recordings_dir == tmp_path


def test_run_takes_a_scenario_folder_and_a_scenario(
    opened: list[CallsimApp], tmp_path: Path
) -> None:
    assert main(["run", "--scenarios", str(tmp_path), "--scenario", "silent-call"]) == 0
    assert opened[0].services.scenarios_dir == tmp_path
    assert opened[0].start_scenario == "silent-call"


def test_a_missing_scenario_folder_is_one_line_and_exit_2(
    opened: list[CallsimApp], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--scenarios", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nope" in err and "场景文件夹不存在" in err
    assert opened == []


def test_a_missing_mic_file_is_one_line_and_exit_2(
    opened: list[CallsimApp], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--mic-file", str(tmp_path / "none.wav")]) == 2
    assert "none.wav" in capsys.readouterr().err


def test_run_exam_opens_the_app_on_that_exam(opened: list[CallsimApp]) -> None:
    from tests.tui.tui_helpers import FIXTURES

    scenarios = FIXTURES / "scenarios"
    exam = scenarios / "exams" / "two-calls.yaml"
    assert main(["run", "--scenarios", str(scenarios), "--exam", str(exam)]) == 0
    assert opened[0].start_exam == exam


def test_a_broken_exam_file_is_reported_with_its_line_before_the_app_opens(
    opened: list[CallsimApp], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests.tui.tui_helpers import FIXTURES

    exam = tmp_path / "exam.yaml"
    exam.write_text("id: quiz\ntitle: 测验\nscenarios:\n  - no-such-call\n", encoding="utf-8")
    scenarios = str(FIXTURES / "scenarios")
    assert main(["run", "--scenarios", scenarios, "--exam", str(exam)]) == 2
    err = capsys.readouterr().err
    assert f"{exam}:4:" in err and "no-such-call" in err and "Traceback" not in err
    assert opened == []
