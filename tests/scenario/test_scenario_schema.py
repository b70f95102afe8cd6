"""`callsim schema`: the JSON Schema editors use, and the shipped copies are up to date."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from simulator.cli.schema_cmd import run
from simulator.grading.catalog import RULES
from simulator.locations import PROJECT_ROOT
from simulator.scenario import KNOWN_PERSONAS, PERSONA_TITLES
from simulator.scenario.schema import (
    SCENARIO_SCHEMA_ID,
    scenario_schema,
    schema_text,
    trainee_script_schema,
)
from simulator.settings import current

SHIPPED = {
    "scenario.schema.json": scenario_schema,
    "trainee-script.schema.json": trainee_script_schema,
}
REGENERATE = {
    "scenario.schema.json": "callsim schema -o scenarios/scenario.schema.json",
    "trainee-script.schema.json": (
        "callsim schema --trainee-script -o scenarios/trainee-script.schema.json"
    ),
}


@pytest.mark.parametrize("name", sorted(SHIPPED))
def test_the_shipped_schema_is_up_to_date(name: str) -> None:
    shipped = (PROJECT_ROOT / "scenarios" / name).read_text(encoding="utf-8")
    assert shipped == schema_text(SHIPPED[name]()), f"regenerate it: {REGENERATE[name]}"


def test_the_scenario_schema_describes_the_format() -> None:
    schema = scenario_schema()
    assert schema["$id"] == SCENARIO_SCHEMA_ID
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"id", "title", "persona", "org", "script"}
    persona = schema["properties"]["persona"]
    assert persona["enum"] == list(KNOWN_PERSONAS)
    assert persona["enumDescriptions"] == [PERSONA_TITLES[p] for p in KNOWN_PERSONAS]
    defs = schema["$defs"]
    # Descriptions come from the models' docstrings, field docstrings included.
    assert defs["Beat"]["description"].startswith("A moment of the call")
    assert "Not spoken" in defs["Beat"]["properties"]["note"]["description"]
    # A caller line may be written as a plain string.
    assert {"type": "string", "minLength": 1} in defs["CallerLine"]["anyOf"]
    assert {"type": "string", "minLength": 1} in defs["Timeout"]["properties"]["say"]["anyOf"]


def test_rule_ids_and_their_params_come_from_the_catalog() -> None:
    rules = scenario_schema()["properties"]["rules"]
    assert rules["propertyNames"]["enum"] == [rule.id for rule in RULES]
    dead_air = rules["properties"]["response.dead_air"]["properties"]["params"]
    assert dead_air["properties"]["max_seconds"] == {"type": "number", "default": 10.0}
    assert dead_air["additionalProperties"] is False


def test_the_trainee_script_schema_takes_a_list_or_a_mapping() -> None:
    schema = trainee_script_schema()
    kinds = [option.get("type") or option.get("$ref") for option in schema["anyOf"]]
    assert kinds == ["array", "#/$defs/TraineeScript"]
    step = schema["$defs"]["TraineeStep"]["properties"]["do"]
    assert step["enum"] == ["answer", "say", "hold", "unhold", "hangup"]


def test_the_command_prints_or_writes_the_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(argparse.Namespace(trainee_script=False, output=None), current()) == 0
    assert json.loads(capsys.readouterr().out)["$id"] == SCENARIO_SCHEMA_ID
    target = tmp_path / "t.json"
    assert run(argparse.Namespace(trainee_script=True, output=target), current()) == 0
    assert target.read_text(encoding="utf-8") == schema_text(trainee_script_schema())


def test_models_used_before_the_schema_is_written_still_give_every_description() -> None:
    """The field descriptions are added when the schema is written, not at import: in a
    fresh process whose models already validated a script and a scenario, the schemas
    still come out exactly as shipped."""
    import subprocess
    import sys

    code = (
        "from simulator.scenario.schema import schema_text, scenario_schema, "
        "trainee_script_schema\n"
        "from simulator.scenario.trainee import TraineeScript\n"
        "from simulator.scenario.models import CallerLine\n"
        "TraineeScript.model_validate({'steps': [{'do': 'answer'}], 'expect': {'passed': True}})\n"
        "CallerLine.model_validate({'text': '喂'})\n"
        "import sys\n"
        "sys.stdout.write(schema_text(trainee_script_schema()) + '\\0' "
        "+ schema_text(scenario_schema()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    trainee, scenario = done.stdout.split("\0")
    assert trainee == (PROJECT_ROOT / "scenarios" / "trainee-script.schema.json").read_text("utf-8")
    assert scenario == (PROJECT_ROOT / "scenarios" / "scenario.schema.json").read_text("utf-8")
