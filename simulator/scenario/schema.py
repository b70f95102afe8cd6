"""JSON Schema of the scenario and trainee-script formats, for editors.

Generated from the pydantic models (titles and descriptions come from their docstrings),
then adjusted where the YAML is more lenient than the models' own schema: a caller line
may be a plain string, a timeout's `say` a single string. Rule ids and their parameters
come from the grading catalog, so an editor completes them and flags typos.
"""

from __future__ import annotations

import ast
import inspect
import json
import textwrap
from typing import Any

from pydantic import BaseModel, TypeAdapter

from simulator.scenario import models as scenario_models
from simulator.scenario import trainee as trainee_models
from simulator.scenario.models import PERSONA_TITLES, Scenario, TraineeStep
from simulator.scenario.rule_index import RULES as RULE_INDEX
from simulator.scenario.trainee import TraineeScript

JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCENARIO_SCHEMA_ID = "urn:callsim:schema:scenario"
TRAINEE_SCRIPT_SCHEMA_ID = "urn:callsim:schema:trainee-script"


def _attribute_docs(model: type[BaseModel]) -> dict[str, str]:
    """The docstrings written under `model`'s own fields, by field name (as pydantic's
    use_attribute_docstrings reads them: a string right after an annotated name)."""
    (node,) = ast.parse(textwrap.dedent(inspect.getsource(model))).body
    assert isinstance(node, ast.ClassDef)
    docs: dict[str, str] = {}
    for field, after in zip(node.body, node.body[1:], strict=False):
        if (
            isinstance(field, ast.AnnAssign)
            and isinstance(field.target, ast.Name)
            and isinstance(after, ast.Expr)
            and isinstance(after.value, ast.Constant)
            and isinstance(after.value.value, str)
        ):
            docs[field.target.id] = inspect.cleandoc(after.value.value)
    return docs


def _describe_fields() -> None:
    """Give every scenario model's fields their docstrings as descriptions.

    Done here rather than at class creation (see `Strict`). A model already used holds the
    schemas of the models it is made of as they were then, so once any description was
    added every model is rebuilt, in the order they are defined (each after its parts).
    """
    found = [
        model
        for module in (scenario_models, trainee_models)
        for model in vars(module).values()
        if isinstance(model, type)
        and issubclass(model, scenario_models.Strict)
        and model.__module__ == module.__name__
        and model is not scenario_models.Strict
    ]
    changed = False
    for model in found:
        for name, doc in _attribute_docs(model).items():
            field = model.__pydantic_fields__.get(name)
            if field is not None and field.description is None:
                field.description = doc
                changed = True
    if changed:
        for model in found:
            model.model_rebuild(force=True)


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of `scenarios/<id>.yaml`."""
    _describe_fields()
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
    _describe_fields()
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
