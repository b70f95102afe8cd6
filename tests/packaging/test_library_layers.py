"""The shipped library and a trainer's own folder over it: added scenarios, same id
replaces, their `standards/` replaces the catalog; `callsim scenarios export` copies it."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator import locations
from simulator.cli import main
from simulator.cli.scenarios_cmd import LIBRARY_SUFFIXES
from simulator.scenario.loader import find_scenario
from tests.trainer_library import LIBRARY, isolate, trainer_folder

SCRIPT = LIBRARY / "scripts" / "standard-inquiry.good.yaml"


@pytest.fixture(autouse=True)
def clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    isolate(tmp_path, monkeypatch)


@pytest.fixture
def own(tmp_path: Path) -> Path:
    return trainer_folder(tmp_path)


def test_in_a_checkout_the_library_is_the_scenarios_folder() -> None:
    assert locations.library_dir() == LIBRARY
    assert locations.scenario_dirs() == [LIBRARY]
    assert locations.standards_dir() == LIBRARY / "standards"


def test_the_trainers_folder_comes_first_and_the_library_fills_in(
    own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(locations.SCENARIOS_ENV_VAR, str(own))
    assert locations.scenario_dirs() == [own, LIBRARY]
    assert find_scenario("standard-inquiry") == own / "standard-inquiry.yaml"
    assert find_scenario("my-inquiry") == own / "my-inquiry.yaml"
    assert find_scenario("silent-call") == LIBRARY / "silent-call.yaml"
    # No standards/ of their own: the shipped catalog is graded against.
    assert locations.standards_dir() == LIBRARY / "standards"
    (own / "standards").mkdir()
    assert locations.standards_dir() == own / "standards"


@pytest.mark.parametrize(
    ("scenario", "title"),
    [
        ("my-inquiry", "培训师自编的咨询"),
        ("standard-inquiry", "本单位版本的普通咨询"),
        ("silent-call", "无声电话"),
    ],
)
def test_play_by_id_sees_the_layers(
    own: Path, scenario: str, title: str, capsys: pytest.CaptureFixture[str]
) -> None:
    script = SCRIPT if scenario != "silent-call" else LIBRARY / "scripts" / "silent-call.good.yaml"
    argv = ["--scenarios", str(own), "play", scenario, "--script", str(script), "--fast"]
    assert main(argv) == 0
    assert f"场景：{title}" in capsys.readouterr().out


def test_export_copies_the_library_and_never_overwrites(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy"
    assert main(["scenarios", "export", str(target)]) == 0
    shipped = sorted(
        p.relative_to(LIBRARY) for p in LIBRARY.rglob("*") if p.suffix in LIBRARY_SUFFIXES
    )
    assert sorted(p.relative_to(target) for p in target.rglob("*") if p.is_file()) == shipped
    assert (target / "standards" / "forbidden.yaml").read_bytes() == (
        LIBRARY / "standards" / "forbidden.yaml"
    ).read_bytes()
    capsys.readouterr()
    (target / "standard-inquiry.yaml").write_text("# 我改过的\n", encoding="utf-8")
    assert main(["scenarios", "export", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(target) in err and "不是空的" in err
    assert (target / "standard-inquiry.yaml").read_text(encoding="utf-8") == "# 我改过的\n"


def test_an_exported_folder_validates_and_is_the_default_for_validate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "copy"
    assert main(["scenarios", "export", str(target)]) == 0
    capsys.readouterr()
    monkeypatch.setenv(locations.SCENARIOS_ENV_VAR, str(target))
    assert main(["validate"]) == 0
    files = sum(1 for p in target.rglob("*.yaml"))
    assert capsys.readouterr().out.startswith(f"已检查 {files} 个文件，全部通过")


def test_the_picker_shows_the_library_under_the_trainers_folder(own: Path) -> None:
    from simulator.tui.model.library import load_library

    shipped = load_library(LIBRARY)
    layered = load_library(own, (LIBRARY,))
    ids = [scenario.id for scenario in layered.scenarios]
    assert ids == [scenario.id for scenario in shipped.scenarios] + ["my-inquiry"]
    replaced = layered.by_id("standard-inquiry")
    assert replaced is not None and replaced.title == "本单位版本的普通咨询"
    assert layered.paths["standard-inquiry"] == own / "standard-inquiry.yaml"
    assert layered.paths["silent-call"] == LIBRARY / "silent-call.yaml"
    # Without layers a folder is read alone, as before.
    assert [s.id for s in load_library(own).scenarios] == ["my-inquiry", "standard-inquiry"]


def test_the_app_layers_a_folder_given_on_the_command_line(
    own: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simulator.tui.app import make_app
    from simulator.tui.model.services import Services

    assert Services().library_below == ()
    assert make_app(scenarios=own).services.library_below == (LIBRARY,)
    assert make_app(scenarios=LIBRARY).services.library_below == ()
    monkeypatch.setenv(locations.SCENARIOS_ENV_VAR, str(own))
    services = Services()
    assert (services.scenarios_dir, services.library_below) == (own, (LIBRARY,))


def test_a_missing_trainers_folder_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope"
    assert main(["--scenarios", str(missing), "validate"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(missing) in err and "场景文件夹不存在" in err


def test_grading_looks_scenarios_up_in_the_layers(own: Path) -> None:
    from simulator.grading.batch import ScenarioLookup

    lookup = ScenarioLookup([own, LIBRARY])
    replaced, shipped = lookup.get("standard-inquiry"), lookup.get("silent-call")
    assert replaced is not None and replaced.title == "本单位版本的普通咨询"
    assert shipped is not None and shipped.id == "silent-call"
    assert ScenarioLookup([own]).get("silent-call") is None
    assert ScenarioLookup([own / "missing", LIBRARY]).get("silent-call") is not None


def test_the_exam_list_layers_the_shipped_exams_too(own: Path) -> None:
    from simulator.tui.model.exam_run import load_exams

    (own / "exams").mkdir()
    text = (LIBRARY / "exams" / "basic-certification.yaml").read_text(encoding="utf-8")
    (own / "exams" / "basic.yaml").write_text(
        text.replace("title: 新员工上岗考试（基础）", "title: 本单位上岗考试").replace(
            "scenarios:\n", "scenarios:\n  - my-inquiry\n"
        ),
        encoding="utf-8",
    )
    shelf = load_exams(own, below=(LIBRARY,))
    assert shelf.problems == ()
    titles = {exam.id: exam.title for exam, _ in shelf.exams}
    assert titles == {"basic-certification": "本单位上岗考试", "special-calls": "特殊来电处理考试"}
    # Read alone, the trainer's folder has its one exam, and no shipped scenario to use.
    alone = load_exams(own)
    assert [exam.id for exam, _ in alone.exams] == [] and len(alone.problems) == 1
