"""Scenario files: the pydantic models and the YAML loader with precise errors."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from simulator.scenario.errors import ScenarioFileError
    from simulator.scenario.loader import (
        find_scenario,
        load_scenario,
        load_scenarios,
        load_trainee_script,
        scenario_files,
        validate_scenario_file,
        validate_trainee_script_file,
    )
    from simulator.scenario.models import (
        KNOWN_PERSONAS,
        PERSONA_TITLES,
        Beat,
        CallerLine,
        Reaction,
        Ringing,
        RuleSetting,
        Scenario,
        Script,
        Timeout,
        TraineeStep,
        Voice,
    )
    from simulator.scenario.trainee import Expectation, TraineeScript
    from simulator.yamlpos import Problem

# Every name is imported on first use. The loader and its error types bring the YAML
# machinery and the phrase catalog (pypinyin, numpy) with them, and the models pydantic:
# a module of this package that needs neither (the scenario lookup by id, the cache keys
# `callsim grade` reads its cached scenario terms by) must not load them by being inside
# the package.
_LAZY: dict[str, str] = {
    "ScenarioFileError": "simulator.scenario.errors",
    "Problem": "simulator.yamlpos",
    "Expectation": "simulator.scenario.trainee",
    "TraineeScript": "simulator.scenario.trainee",
    **dict.fromkeys(
        (
            "KNOWN_PERSONAS",
            "PERSONA_TITLES",
            "Beat",
            "CallerLine",
            "Reaction",
            "Ringing",
            "RuleSetting",
            "Scenario",
            "Script",
            "Timeout",
            "TraineeStep",
            "Voice",
        ),
        "simulator.scenario.models",
    ),
    **dict.fromkeys(
        (
            "find_scenario",
            "load_scenario",
            "load_scenarios",
            "load_trainee_script",
            "scenario_files",
            "validate_scenario_file",
            "validate_trainee_script_file",
        ),
        "simulator.scenario.loader",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "KNOWN_PERSONAS",
    "PERSONA_TITLES",
    "Beat",
    "CallerLine",
    "Expectation",
    "Problem",
    "Reaction",
    "Ringing",
    "RuleSetting",
    "Scenario",
    "ScenarioFileError",
    "Script",
    "Timeout",
    "TraineeScript",
    "TraineeStep",
    "Voice",
    "find_scenario",
    "load_scenario",
    "load_scenarios",
    "load_trainee_script",
    "scenario_files",
    "validate_scenario_file",
    "validate_trainee_script_file",
]
