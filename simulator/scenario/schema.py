"""JSON Schema of the scenario and trainee-script formats, for editors.

Generated from the pydantic models (titles and descriptions come from their docstrings),
then adjusted where the YAML is more lenient than the models' own schema: a caller line
may be a plain string, a timeout's `say` a single string. Rule ids and their parameters
come from the grading catalog, so an editor completes them and flags typos.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter

from simulator.scenario.models import PERSONA_TITLES, Scenario, TraineeStep
from simulator.scenario.rule_index import RULES as RULE_INDEX
from simulator.scenario.trainee import TraineeScript

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCENARIO_SCHEMA_ID = "urn:callsim:schema:scenario"
TRAINEE_SCRIPT_SCHEMA_ID = "urn:callsim:schema:trainee-script"


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of `scenarios/<id>.yaml`."""
    schema = Scenario.model_json_schema()
    defs = schema["$defs"]
    line = defs["CallerLine"]
    defs["CallerLine"] = {
        "title": line["title"],
        "description": line.get("description", ""),
        "anyOf": [
            {"type": "string", "minLength": 1},
            {key: value for key, value in line.items() if key not in {"title", "description"}},
        ],
    }
    say = defs["Timeout"]["properties"]["say"]
    defs["Timeout"]["properties"]["say"] = {
        "title": say.get("title", "Say"),
        "anyOf": [
            {"type": "string", "minLength": 1},
            {k: v for k, v in say.items() if k != "title"},
        ],
    }
    persona = schema["properties"]["persona"]
    persona["description"] = "来电角色：决定适用哪些特殊来电规范（见 STANDARDS.md）"
    persona["enumDescriptions"] = [PERSONA_TITLES.get(p, p) for p in persona["enum"]]
    persona["markdownEnumDescriptions"] = persona["enumDescriptions"]
    schema["properties"]["rules"] = _rules_schema(schema["properties"]["rules"])
    return _with_header(schema, SCENARIO_SCHEMA_ID, "callsim 场景文件")


def _rules_schema(rules: dict[str, Any]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for rule_id, rule in RULE_INDEX.items():
        params = {
            name: {"type": _json_type(default), "default": default}
            for name, default in rule.params.items()
        }
        properties[rule_id] = {
            "$ref": "#/$defs/RuleSetting",
            "description": f"{rule.title}（{rule.source}）",
            "properties": {
                "params": {"type": "object", "properties": params, "additionalProperties": False}
            },
        }
    return {
        **rules,
        "description": "对评分规则的调整：权重、阈值参数，或 enabled: false 关闭",
        "propertyNames": {"enum": list(RULE_INDEX)},
        "properties": properties,
    }


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string"


def trainee_script_schema() -> dict[str, Any]:
    """The JSON Schema of `scenarios/scripts/<id>.<variant>.yaml`: a list of steps or a
    mapping with `steps` and `expect`."""
    adapter: TypeAdapter[list[TraineeStep] | TraineeScript] = TypeAdapter(
        list[TraineeStep] | TraineeScript
    )
    schema = adapter.json_schema()
    schema["description"] = (
        "受训者脚本：步骤列表（- do: answer / say / hold / unhold / hangup），"
        "或带 steps: 和 expect: 的映射"
    )
    fails = schema["$defs"]["Expectation"]["properties"]["fails"]
    fails["items"] = {"enum": list(RULE_INDEX)}
    return _with_header(schema, TRAINEE_SCRIPT_SCHEMA_ID, "callsim 受训者脚本")


def _with_header(schema: dict[str, Any], schema_id: str, title: str) -> dict[str, Any]:
    header = {"$schema": JSON_SCHEMA_DIALECT, "$id": schema_id, "title": title}
    return {**header, **{key: value for key, value in schema.items() if key != "title"}}


def schema_text(schema: dict[str, Any]) -> str:
    """The schema as the file `callsim schema` writes: stable, readable, UTF-8."""
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
