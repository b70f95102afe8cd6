"""Hostile YAML: impossible dates, endless integers, lone surrogates, oversized files and
rule parameters the rules cannot use. Each is one `file:line` problem; a folder is still
checked file by file; scenario ids from recordings never reach outside the library."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from simulator.cli.validate_cmd import run
from simulator.scenario import ScenarioFileError, find_scenario
from simulator.scenario.loader import load_scenario, load_trainee_script
from simulator.settings import current

GOOD = """\
id: {id}
title: 最小场景
persona: {persona}
org: 福彩热线
{extra}script:
  beats:
    greet:
      caller: [您好]
"""


def scenario(folder: Path, name: str, extra: str = "", persona: str = "standard") -> Path:
    path = folder / f"{name}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(GOOD.format(id=name, persona=persona, extra=extra), encoding="utf-8")
    return path


def problems_of(path: Path) -> list[str]:
    with pytest.raises(ScenarioFileError) as caught:
        load_scenario(path)
    return [str(problem) for problem in caught.value.problems]


HOSTILE = {
    "date": ("call_time: 2026-02-30\n", 5, "不存在的日期"),
    "digits": ("max_duration: " + "9" * 5000 + "\n", 5, "数字太长"),
    "surrogate": ('call_time: "\\ud800"\n', 5, "ud800"),
}


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_a_hostile_scalar_is_one_problem_with_its_line(tmp_path: Path, kind: str) -> None:
    extra, line, words = HOSTILE[kind]
    found = problems_of(scenario(tmp_path, "hostile", extra))
    assert any(f":{line}:" in p and words in p for p in found), found


@pytest.mark.parametrize("kind", sorted(HOSTILE))
def test_validate_goes_on_past_a_hostile_file(
    tmp_path: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    extra = HOSTILE[kind][0]
    scenario(tmp_path, "a-hostile", extra)
    scenario(tmp_path, "b-broken", "max_duration: -1\n")
    code = run(argparse.Namespace(paths=[tmp_path]), current())
    out = capsys.readouterr().out
    assert code == 1
    assert "a-hostile.yaml:5:" in out and "b-broken.yaml:5:" in out
    assert "已检查 2 个文件" in out and "Traceback" not in out


@pytest.mark.parametrize(
    ("folder", "text"),
    [
        ("scripts", "- do: say\n  text: 您好\n  after: " + "9" * 5000 + "\n"),
        ("scripts", '- do: say\n  text: "\\ud800"\n'),
        ("exams", "id: e\ntitle: 考试\nscenarios: [hostile]\nopens: 2026-02-30\n"),
        ("standards", "groups:\n  - id: g\n    n: " + "9" * 5000 + "\n"),
    ],
)
def test_other_yaml_files_get_one_line_too(
    tmp_path: Path, folder: str, text: str, capsys: pytest.CaptureFixture[str]
) -> None:
    scenario(tmp_path, "hostile")
    path = tmp_path / folder / "hostile.bad.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    run(argparse.Namespace(paths=[tmp_path]), current())
    out = capsys.readouterr().out
    assert any(line.startswith(f"{path}:") for line in out.splitlines()) or str(path) in out
    assert "Traceback" not in out


def test_a_script_with_a_lone_surrogate_is_refused_on_load(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    path.write_text('- do: say\n  text: "\\ud800"\n', encoding="utf-8")
    with pytest.raises(ScenarioFileError) as caught:
        load_trainee_script(path)
    assert ":2:" in str(caught.value) and "ud800" in str(caught.value)


def test_a_scenario_near_two_megabytes_is_refused_on_size(tmp_path: Path) -> None:
    path = scenario(tmp_path, "big", "notes: |\n" + "  一行说明\n" * 150_000)
    assert path.stat().st_size > 1_500_000
    found = problems_of(path)
    assert len(found) == 1 and "文件太大" in found[0] and "别名" not in found[0]


def test_many_values_without_aliases_do_not_blame_aliases(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text("x: [" + "1, " * 120_000 + "1]\n", encoding="utf-8")
    found = problems_of(path)
    assert "别名" not in found[0] and "内容过多" in found[0]


@pytest.mark.parametrize(
    ("rules", "words"),
    [
        ("silent.prompts: {params: {min_prompts: 0}}", "min_prompts: 0 超出范围"),
        ("silent.prompts: {params: {min_prompts: 1.5}}", "应为整数"),
        ("silent.spacing: {params: {max_seconds: .nan}}", "NaN"),
        ("silent.spacing: {params: {max_seconds: .inf}}", "无穷大"),
        ("silent.spacing: {params: {max_seconds: 1.0e+300}}", "超出范围"),
        ("silent.spacing: {params: {min_seconds: 9}}", "min_seconds 不能大于 max_seconds"),
        ("answer.rings: {params: {max_rings: " + "9" * 400 + "}}", "max_rings"),
    ],
)
def test_rule_parameters_outside_their_range_are_refused(
    tmp_path: Path, rules: str, words: str
) -> None:
    path = scenario(tmp_path, "silent-x", f"rules:\n  {rules}\n", persona="silent")
    found = problems_of(path)
    assert any(":6:" in p and words in p for p in found), found


def test_rule_parameters_within_range_still_load(tmp_path: Path) -> None:
    rules = "rules:\n  silent.prompts: {params: {min_prompts: 1}}\n"
    assert load_scenario(scenario(tmp_path, "silent-ok", rules, persona="silent")).rules


@pytest.mark.parametrize(
    "scenario_id", ["/etc/passwd", "../outside", "a/../../outside", "sub/x", "..", "x\n"]
)
def test_a_scenario_id_that_is_a_path_is_never_looked_up(tmp_path: Path, scenario_id: str) -> None:
    library = tmp_path / "library"
    scenario(tmp_path, "outside")
    scenario(library / "sub", "x")
    (library / "ok.yaml").write_text("", encoding="utf-8")
    assert find_scenario(scenario_id, library) is None
    assert find_scenario(str(tmp_path / "outside"), library) is None
    assert find_scenario("x", library) == library / "sub" / "x.yaml"
