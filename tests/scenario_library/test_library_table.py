"""`python -m simulator.scenario.table`: the README's scenario and rule tables."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator import locations
from simulator.grading.catalog import RULES_BY_ID
from simulator.scenario.models import Scenario
from simulator.scenario.table import main, rules_table, scenario_table

README = locations.PROJECT_ROOT / "README.md"


def _scenario(scenario_id: str, persona: str, difficulty: int, trains: str) -> Scenario:
    return Scenario.model_validate(
        {
            "id": scenario_id,
            "title": f"标题 {scenario_id}",
            "persona": persona,
            "difficulty": difficulty,
            "trains": trains,
            "org": "福彩热线",
            "script": {"beats": {"start": {"hangup": True}}},
        }
    )


def test_rows_follow_the_picker_order() -> None:
    table = scenario_table(
        [
            _scenario("sales-b", "sales", 2, "推销"),
            _scenario("angry-b", "angry", 3, "骂人"),
            _scenario("angry-a", "angry", 1, "投诉"),
            _scenario("dialect-a", "dialect", 1, "方言"),
            _scenario("standard-a", "standard", 2, "咨询"),
        ]
    )
    ids = re.findall(r"（`([a-z-]+)`） \| [^|]+（`", table)
    assert ids == ["standard-a", "angry-a", "angry-b", "dialect-a", "sales-b"]
    assert "| 愤怒投诉（`angry`） | ★★★ | 骂人 |" in table


def test_cells_are_escaped_and_fall_back_to_the_description() -> None:
    scenario = _scenario("pipe", "standard", 1, "").model_copy(
        update={"description": "换行\n和 | 竖线"}
    )
    row = scenario_table([scenario]).splitlines()[-1]
    assert "换行 和 \\| 竖线" in row
    assert row.count(" | ") == 3


def test_rules_table_lists_every_library_rule_of_the_catalog() -> None:
    ids = re.findall(r"^\| `([a-z_]+\.[a-z_]+)` ", rules_table(), flags=re.MULTILINE)
    assert len(ids) >= 20
    for rule_id in ids:
        assert RULES_BY_ID[rule_id].weight == 2
        assert RULES_BY_ID[rule_id].personas


@pytest.mark.parametrize(
    ("args", "begin", "end"),
    [
        ([], "<!-- scenario-table:begin -->", "<!-- scenario-table:end -->"),
        (["--rules"], "<!-- library-rules:begin -->", "<!-- library-rules:end -->"),
    ],
)
def test_readme_tables_are_up_to_date(
    args: list[str], begin: str, end: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(args) == 0
    printed = capsys.readouterr().out
    readme = README.read_text(encoding="utf-8")
    shipped = readme.split(begin, 1)[1].split(end, 1)[0].strip()
    assert shipped == printed.strip(), "重新生成：python -m simulator.scenario.table"


def test_a_broken_scenario_is_reported_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.yaml").write_text("id: broken\n", encoding="utf-8")
    assert main([str(tmp_path)]) == 1
    captured = capsys.readouterr()
    assert "broken.yaml:1:1:" in captured.err
    assert captured.out.startswith("| 场景 |")
