"""`callsim validate`: every problem line, one summary line, exit 0 or 1, never a traceback."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.cli.validate_cmd import run
from simulator.locations import PROJECT_ROOT
from simulator.settings import current

FIXTURES = Path(__file__).parent / "fixtures"
GOOD = """\
id: {id}
title: 最小场景
persona: standard
org: 福彩热线
script:
  beats:
    greet:
      caller: [您好]
"""


def validate(*paths: Path) -> int:
    return run(argparse.Namespace(paths=list(paths)), current())


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_clean_folder_prints_one_summary_and_exits_0(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "one.yaml", GOOD.format(id="one"))
    write(tmp_path / "two.yml", GOOD.format(id="two"))
    write(tmp_path / "scripts" / "one.good.yaml", "- do: answer\n  after: 4\n")
    assert validate(tmp_path) == 0
    assert capsys.readouterr().out == "已检查 3 个文件，全部通过\n"


def test_problems_are_printed_with_a_summary_and_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "one.yaml", GOOD.format(id="one"))
    bad = write(tmp_path / "two.yaml", GOOD.format(id="two").replace("persona", "prsona"))
    assert validate(tmp_path) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"{bad}:3:1: prsona: 未知的键 'prsona' — 是不是想写 'persona'？",
        "已检查 2 个文件，1 个文件有问题，共 1 个问题",
    ]


def test_trainee_scripts_must_name_an_existing_scenario(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "one.yaml", GOOD.format(id="one"))
    orphan = write(tmp_path / "scripts" / "nope.good.yaml", "- do: answer\n")
    assert validate(tmp_path) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == (
        f"{orphan}: 找不到场景 'nope'（脚本文件名以场景 id 开头）"
        " — 命名为 <场景id>.<变体>.yaml；已有场景：one"
    )


def test_files_in_scripts_are_checked_as_trainee_scripts(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "one.yaml", GOOD.format(id="one"))
    script = write(tmp_path / "scripts" / "one.bad.yaml", "- do: say\n")
    assert validate(script) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{script}:1:3: steps[0]: 'say' 步骤需要 text（要说的话）"
    )


def test_files_in_standards_go_to_the_phrase_catalog_validator(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    catalog = write(tmp_path / "standards" / "broken.yaml", "groups:\n  - id: x\n    tilte: y\n")
    assert validate(catalog) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{catalog}:")
    assert out[-1].startswith("已检查 1 个文件，1 个文件有问题，共 ")


def test_missing_paths_and_empty_folders_are_problems(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert validate(tmp_path / "nope.yaml", empty) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"{tmp_path / 'nope.yaml'}: 文件或目录不存在",
        f"{empty}: 目录里没有 .yaml 或 .yml 文件",
        "已检查 0 个文件，2 个文件有问题，共 2 个问题",
    ]


def test_every_fixture_mistake_is_reported_and_nothing_crashes(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert validate(FIXTURES) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[-1].startswith("已检查 ")
    fixture_files = [p for p in FIXTURES.rglob("*.yaml") if p.parent.name != "trainee"]
    reported = {line.split(":", 1)[0] for line in out[:-1]}
    valid = {"list-form.yaml", "mapping-form.yaml"}
    assert {Path(r).name for r in reported} >= {p.name for p in fixture_files} - valid


def test_the_shipped_scenarios_folder_is_clean(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(PROJECT_ROOT)
    assert main(["validate", "scenarios/"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("已检查 ") and out.endswith("全部通过\n")


def test_validate_defaults_to_the_scenarios_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "only.yaml", GOOD.format(id="only"))
    monkeypatch.setenv("CALLSIM_SCENARIOS_DIR", str(tmp_path))
    assert main(["validate"]) == 0
    assert capsys.readouterr().out == "已检查 1 个文件，全部通过\n"


@pytest.mark.parametrize("name", ["binary.yaml", "many-problems.yaml"])
def test_the_real_command_never_shows_a_traceback(name: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "validate", str(FIXTURES / name)],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        cwd=PROJECT_ROOT,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr == ""
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"tests/scenario/fixtures/{name}:")
    assert lines[-1].startswith("已检查 1 个文件，1 个文件有问题")


def test_catalog_and_exam_files_are_checked_by_their_own_validators(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "one.yaml", GOOD.format(id="one"))
    write(tmp_path / "standards" / "phrases.yaml", "groups: [\n")
    write(tmp_path / "exams" / "final.yaml", "not: [a scenario\n")
    assert validate(tmp_path) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'exams' / 'final.yaml'}:")
    assert lines[1].startswith(f"{tmp_path / 'standards' / 'phrases.yaml'}:")
    assert lines[-1].startswith("已检查 3 个文件，2 个文件有问题")
