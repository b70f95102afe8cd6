"""The loader's public functions: what they return for good files and where they look."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from simulator.errors import UserError
from simulator.scenario import (
    Problem,
    Scenario,
    ScenarioFileError,
    TraineeScript,
    find_scenario,
    load_scenario,
    load_scenarios,
    load_trainee_script,
)
from simulator.yamlpos import YamlFileError, load_model_file

FIXTURES = Path(__file__).parent / "fixtures"

MINIMAL = """\
id: {id}
title: 最小场景
persona: standard
org: 福彩热线
call_time: 2026-11-18T10:00:00+08:00
script:
  beats:
    greet:
      caller: [您好]
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_loads_as_a_scenario(tmp_path: Path) -> None:
    scenario = load_scenario(write(tmp_path / "minimal.yaml", MINIMAL.format(id="minimal")))
    assert isinstance(scenario, Scenario)
    assert scenario.id == "minimal"
    assert scenario.script.first_beat == "greet"
    assert scenario.script.beats["greet"].caller[0].text == "您好"
    assert scenario.call_time is not None and scenario.call_time.utcoffset() is not None


def test_the_error_is_a_user_error_carrying_problems(tmp_path: Path) -> None:
    path = write(tmp_path / "other.yaml", MINIMAL.format(id="minimal"))
    with pytest.raises(UserError) as caught:
        load_scenario(path)
    error = caught.value
    assert isinstance(error, ScenarioFileError)
    [problem] = error.problems
    assert isinstance(problem, Problem)
    assert (problem.path, problem.line, problem.column, problem.field) == (path, 1, 5, "id")
    assert (error.path, error.line, error.column) == (path, 1, 5)


def test_problem_renders_as_one_line_with_and_without_position() -> None:
    placed = Problem(Path("a.yaml"), 3, 7, "script.start", "beat 'x' 未定义", "已定义的 beat：y")
    assert str(placed) == "a.yaml:3:7: script.start: beat 'x' 未定义 — 已定义的 beat：y"
    assert str(Problem(Path("a.yaml"), None, None, "", "文件是空的")) == "a.yaml: 文件是空的"


def test_merged_keys_and_anchors_load_and_still_report_positions(tmp_path: Path) -> None:
    text = MINIMAL.format(id="anchors") + (
        "    ask:\n      caller: &lines [好的]\n      on:\n        - goto: ask\n"
        "    again:\n      caller: *lines\n      <<: {hangup: yes, hangup_after: -2}\n"
    )
    path = write(tmp_path / "anchors.yaml", text)
    [problem] = problems_of(path)
    # The bad value came in through the merge key: reported at its beat.
    assert (problem.line, problem.field) == (14, "script.beats.again.hangup_after")


def problems_of(path: Path) -> list[Problem]:
    with pytest.raises(ScenarioFileError) as caught:
        load_scenario(path)
    return caught.value.problems


def test_trainee_script_as_a_list_or_a_mapping() -> None:
    listed = load_trainee_script(FIXTURES / "trainee" / "list-form.yaml")
    assert isinstance(listed, TraineeScript)
    assert [step.do for step in listed.steps] == ["answer", "say", "hangup"]
    assert listed.expect is None
    mapped = load_trainee_script(FIXTURES / "trainee" / "mapping-form.yaml")
    assert mapped.expect is not None
    assert (mapped.expect.passed, mapped.expect.fails) == (False, ["answer.rings"])


def test_load_scenarios_skips_standards_and_scripts_and_reports_bad_files(tmp_path: Path) -> None:
    write(tmp_path / "b-call.yaml", MINIMAL.format(id="b-call"))
    write(tmp_path / "a-call.yaml", MINIMAL.format(id="a-call"))
    write(tmp_path / "broken.yaml", "id: broken\n")
    write(tmp_path / "more" / "c-call.yml", MINIMAL.format(id="c-call"))
    write(tmp_path / "standards" / "phrases.yaml", "groups: []\n")
    write(tmp_path / "scripts" / "a-call.good.yaml", "- do: answer\n")
    write(tmp_path / "exams" / "final.yaml", "scenarios: [a-call]\n")
    write(tmp_path / "notes.txt", "not yaml")
    scenarios, problems = load_scenarios(tmp_path)
    assert [s.id for s in scenarios] == ["a-call", "b-call", "c-call"]
    assert {p.path.name for p in problems} == {"broken.yaml"}


def test_load_scenarios_reports_duplicate_ids_across_folders(tmp_path: Path) -> None:
    write(tmp_path / "same.yaml", MINIMAL.format(id="same"))
    write(tmp_path / "copy" / "same.yaml", MINIMAL.format(id="same"))
    scenarios, problems = load_scenarios(tmp_path)
    assert [s.id for s in scenarios] == ["same"]
    [problem] = problems
    assert problem.message.startswith("id 'same' 与 ")


def test_load_scenarios_of_a_missing_folder_is_a_problem(tmp_path: Path) -> None:
    scenarios, [problem] = load_scenarios(tmp_path / "nowhere")
    assert scenarios == []
    assert problem.message == "场景目录不存在"


def test_find_scenario_looks_in_each_folder_in_order(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    write(second / "x.yaml", MINIMAL.format(id="x"))
    write(second / "nested" / "y.yml", MINIMAL.format(id="y"))
    write(first / "scripts" / "y.yaml", "- do: answer\n")
    assert find_scenario("x", [first, second]) == second / "x.yaml"
    assert find_scenario("y", [first, second]) == second / "nested" / "y.yml"
    assert find_scenario("z", [first, second]) is None
    assert find_scenario("x", second) == second / "x.yaml"


def test_find_scenario_defaults_to_the_scenarios_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "here.yaml", MINIMAL.format(id="here"))
    monkeypatch.setenv("CALLSIM_SCENARIOS_DIR", str(tmp_path))
    assert find_scenario("here") == tmp_path / "here.yaml"


class Catalogish(BaseModel):
    """A stand-in for another YAML model file (the phrase catalog uses the same loader)."""

    model_config = ConfigDict(extra="forbid")
    groups: list[str]
    strict: bool = False


def test_load_model_file_loads_any_model_with_the_same_errors(tmp_path: Path) -> None:
    good = write(tmp_path / "good.yaml", "groups: [greeting, farewell]\n")
    assert load_model_file(good, Catalogish).groups == ["greeting", "farewell"]
    bad = write(tmp_path / "bad.yaml", "groups: [greeting]\nstrcit: true\n")
    with pytest.raises(YamlFileError) as caught:
        load_model_file(bad, Catalogish)
    assert not isinstance(caught.value, ScenarioFileError)
    assert str(caught.value) == f"{bad}:2:1: strcit: 未知的键 'strcit' — 是不是想写 'strict'？"
