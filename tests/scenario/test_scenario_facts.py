"""`facts:`: what the agent may look up, validated like every other field and shipped
with the scenarios that ask for something to be looked up."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from simulator.cli.validate_cmd import run
from simulator.locations import PROJECT_ROOT
from simulator.scenario.models import Scenario
from simulator.settings import current
from simulator.tui.model.library import load_library

SCENARIO = """\
id: facts-demo
title: 资料示例
persona: standard
org: 福彩热线
facts:
  兑奖地点: 市福彩中心兑奖大厅
  {line}
script:
  beats:
    greet:
      caller: [您好]
"""


def _write(tmp_path: Path, line: str) -> Path:
    path = tmp_path / "facts-demo.yaml"
    path.write_text(SCENARIO.format(line=line), encoding="utf-8")
    return path


def test_facts_keep_their_written_order(tmp_path: Path) -> None:
    path = _write(tmp_path, "需携带: 彩票原件、身份证")
    assert run(argparse.Namespace(paths=[path]), current()) == 0
    library = load_library(tmp_path)
    scenario = library.by_id("facts-demo")
    assert scenario is not None
    assert list(scenario.facts.items()) == [
        ("兑奖地点", "市福彩中心兑奖大厅"),
        ("需携带", "彩票原件、身份证"),
    ]


@pytest.mark.parametrize(
    ("line", "where"),
    [("需携带: ''", ":7:"), ("需携带: [彩票, 身份证]", ":7:")],
    ids=["empty", "not-text"],
)
def test_a_bad_fact_is_named_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, where: str
) -> None:
    path = _write(tmp_path, line)
    assert run(argparse.Namespace(paths=[path]), current()) == 1
    out = capsys.readouterr().out
    assert f"{path}{where}" in out and "facts.需携带" in out
    assert "Traceback" not in out


@pytest.mark.parametrize(
    "name", ["standard-inquiry", "hold-lookup", "callback-question", "holiday-national-day"]
)
def test_scenarios_that_send_the_agent_to_look_something_up_ship_facts(name: str) -> None:
    scenario = load_library(PROJECT_ROOT / "scenarios").by_id(name)
    assert isinstance(scenario, Scenario) and scenario.facts
