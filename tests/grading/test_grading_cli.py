"""`callsim grade`: JSON shape, tables, batches, scenario overrides, errors with file:line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.grading import RULES
from tests.grading.grading_builder import OPENING, call, standard_call

RULE_FIELDS = {"id", "status", "weight", "at", "evidence", "message", "standard", "source"}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _late_opening() -> str:
    return call().rings(1).answer(1.0).agent(3.5, 6.0, OPENING).hangup(12.0).text()


def _grade(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["grade", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_for_one_file_is_one_object_per_the_format(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(tmp_path / "a.jsonl", standard_call().text())
    code, out, err = _grade(capsys, str(path), "--json", "--scenario-dir", str(tmp_path))
    assert code == 0, err
    data = json.loads(out)
    assert data["recording"] == str(path)
    assert data["scenario"] == "test-call" and data["persona"] == "standard"
    assert data["score"] == 100 and data["passed"] is True and data["complete"] is True
    assert [r["id"] for r in data["rules"]] == [spec.id for spec in RULES]
    for rule in data["rules"]:
        assert set(rule) >= RULE_FIELDS
        assert rule["status"] in ("pass", "fail", "na")


def test_json_for_a_directory_is_an_array(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "day" / "a.jsonl", standard_call().text())
    _write(tmp_path / "day" / "sub" / "b.jsonl", _late_opening())
    _write(tmp_path / "day" / "notes.txt", "not a recording")
    code, out, _ = _grade(capsys, str(tmp_path / "day"), "--json")
    assert code == 0
    data = json.loads(out)
    assert [Path(d["recording"]).name for d in data] == ["a.jsonl", "b.jsonl"]
    late = {r["id"]: r for r in data[1]["rules"]}["opening.latency"]
    assert late["status"] == "fail" and late["at"] == 3.5


def test_bad_file_gives_file_and_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = standard_call().text().splitlines()
    lines[2] = '{"t": 4.2, "kind": "answer"'  # broken JSON in the middle of the file
    bad = _write(tmp_path / "bad.jsonl", "\n".join(lines) + "\n")
    code, out, err = _grade(capsys, str(bad), "--json")
    assert code == 2
    assert out == ""
    assert f"{bad}:3" in err
    assert len(err.strip().splitlines()) == 1


def test_batch_with_a_bad_file_grades_the_good_ones(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _write(tmp_path / "good.jsonl", standard_call().text())
    bad = _write(tmp_path / "bad.jsonl", '{"kind": "session"}\n{"t": "soon", "kind": "ring"}\n')
    missing = tmp_path / "missing.jsonl"
    code, out, err = _grade(capsys, str(good), str(bad), str(missing), "--json")
    assert code == 2
    data = json.loads(out)
    assert [d["recording"] for d in data] == [str(good)]
    assert f"{bad}:2" in err
    assert str(missing) in err


def test_tables_and_class_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _write(tmp_path / "a.jsonl", standard_call().text())
    b = _write(tmp_path / "b.jsonl", _late_opening())
    code, out, _ = _grade(capsys, str(a), str(b), "--all")
    assert code == 0
    assert "两秒内问候" in out and "✗" in out and "✓" in out and "—" in out
    assert "规范用语" in out and "改进" in out
    assert "通过" in out and "未通过" in out
    assert "班级汇总" in out and "最需要加强" in out
    code, out, _ = _grade(capsys, str(a), str(b), "--summary")
    assert "班级汇总" in out and "两秒内问候" in out and "开场白" not in out


def test_scenario_overrides_from_the_scenario_dir(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenarios = tmp_path / "scenarios"
    source = Path(__file__).resolve().parents[2] / "scenarios" / "standard-inquiry.yaml"
    text = source.read_text(encoding="utf-8").replace("id: standard-inquiry", "id: test-call")
    text += "\nrules:\n  opening.latency:\n    params:\n      max_seconds: 5\n"
    _write(scenarios / "test-call.yaml", text)
    path = _write(tmp_path / "late.jsonl", _late_opening())
    code, out, err = _grade(capsys, str(path), "--json", "--scenario-dir", str(scenarios))
    assert code == 0, err
    rules = {r["id"]: r for r in json.loads(out)["rules"]}
    assert rules["opening.latency"]["status"] == "pass"


def test_broken_scenario_file_warns_and_grades_with_defaults(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _write(tmp_path / "scenarios" / "test-call.yaml", "id: test-call\npersona: nobody\n")
    path = _write(tmp_path / "late.jsonl", _late_opening())
    code, out, err = _grade(
        capsys, str(path), "--json", "--scenario-dir", str(tmp_path / "scenarios")
    )
    assert code == 0
    assert "test-call.yaml" in err and "默认规则" in err
    rules = {r["id"]: r for r in json.loads(out)["rules"]}
    assert rules["opening.latency"]["status"] == "fail"


def test_empty_directory_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _grade(capsys, str(tmp_path), "--json")
    assert code == 2
    assert str(tmp_path) in err


def test_the_installed_command_exits_2_on_bad_input(tmp_path: Path) -> None:
    bad = _write(tmp_path / "bad.jsonl", "this is not json\n")
    done = subprocess.run(
        [sys.executable, "-m", "simulator", "grade", str(bad)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert f"{bad}:1" in done.stderr
    assert "Traceback" not in done.stderr
