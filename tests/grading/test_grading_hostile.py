"""Grading hostile recordings: every bad file is one line and exit 2, the rest of the batch
is still graded, and a header's `scenario` never loads a YAML from outside the library."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from simulator.cli import main
from simulator.grading.batch import grade_paths
from tests.grading.grading_builder import standard_call

HEADER = '{"kind": "session", "format": 1, "id": "x", "scenario": "test-call"}\n'
HOSTILE = {
    "nested.jsonl": HEADER + "[" * 100_000 + "]" * 100_000 + "\n",
    "digits.jsonl": HEADER + '{"kind": "ring", "t": 0, "n": ' + "9" * 5000 + "}\n",
    "huge-t.jsonl": HEADER + '{"kind": "ring", "t": 1' + "0" * 400 + "}\n",
    "inf-t.jsonl": HEADER + '{"kind": "ring", "t": 1e400}\n',
    "surrogate.jsonl": HEADER + '{"kind": "say", "t": 1, "who": "agent", "text": "\\ud800"}\n',
    "format2.jsonl": HEADER.replace('"format": 1', '"format": 2'),
}
OVERRIDE = """\
id: {id}
title: 改规则
persona: standard
org: 福彩热线
rules:
  opening.greeting: {{enabled: false}}
script:
  beats:
    greet:
      caller: [您好]
"""


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_one_hostile_file_never_loses_the_batch(tmp_path: Path) -> None:
    files = [_write(tmp_path / name, text) for name, text in sorted(HOSTILE.items())]
    files.append(_write(tmp_path / "zz-good.jsonl", standard_call().text()))
    result = grade_paths(files, tmp_path, parallel=False)
    assert len(result.grades) == 1 and result.grades[0].passed
    assert len(result.errors) == len(HOSTILE)
    for error in result.errors:
        assert "\n" not in error and ".jsonl:" in error


def test_grade_prints_one_line_per_hostile_file_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, text in HOSTILE.items():
        _write(tmp_path / "calls" / name, text)
    code = main(["grade", str(tmp_path / "calls"), "--scenario-dir", str(tmp_path)])
    _, err = capsys.readouterr()
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == len(HOSTILE) and "Traceback" not in err


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_devices_and_fifos_are_refused_at_once(
    tmp_path: Path, target: str, capsys: pytest.CaptureFixture[str]
) -> None:
    if target == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs here")
        target = str(tmp_path / "pipe.jsonl")
        os.mkfifo(target)
    elif not Path(target).exists():
        pytest.skip("no /dev/zero")
    code = main(["grade", target, "--scenario-dir", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and "不是普通文件" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("how", ["absolute", "relative"])
def test_a_header_scenario_path_never_loads_a_yaml_from_outside(
    tmp_path: Path, how: str, capsys: pytest.CaptureFixture[str]
) -> None:
    library = tmp_path / "library"
    library.mkdir()
    outside = _write(tmp_path / "evil.yaml", OVERRIDE.format(id="evil"))
    scenario = str(outside.with_suffix("")) if how == "absolute" else "../evil"
    text = standard_call(scenario=scenario).text()
    recording = _write(tmp_path / "calls" / "a.jsonl", text.replace("您好", "喂", 1))
    result = grade_paths([recording], library, parallel=False)
    greeting = {r.id: r for r in result.grades[0].rules}["opening.greeting"]
    assert greeting.status != "na"  # the outside file's override was not applied
    assert any("不是场景 id" in warning for warning in result.warnings)


def test_a_scenario_with_unusable_rule_params_grades_with_defaults(tmp_path: Path) -> None:
    text = OVERRIDE.format(id="silent-x").replace(
        "  opening.greeting: {enabled: false}", "  silent.prompts: {params: {min_prompts: 0}}"
    )
    _write(tmp_path / "silent-x.yaml", text.replace("persona: standard", "persona: silent"))
    recording = _write(
        tmp_path / "calls" / "a.jsonl", standard_call(scenario="silent-x", persona="silent").text()
    )
    result = grade_paths([recording], tmp_path, parallel=False)
    assert len(result.grades) == 1 and not result.errors
    assert any("min_prompts" in warning for warning in result.warnings)
