"""Scenario files: the pydantic models and the YAML loader with precise errors."""

from __future__ import annotations

from simulator.scenario.loader import (
    find_scenario,
    load_model_file,
    load_scenario,
    load_scenarios,
    load_trainee_script,
    scenario_files,
    validate_model_file,
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
from simulator.scenario.problems import Problem, ScenarioFileError
from simulator.scenario.trainee import Expectation, TraineeScript

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
    "load_model_file",
    "load_scenario",
    "load_scenarios",
    "load_trainee_script",
    "scenario_files",
    "validate_model_file",
    "validate_scenario_file",
    "validate_trainee_script_file",
]
