"""Scenario files: the pydantic models and the YAML loader with precise errors."""

from __future__ import annotations

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

__all__ = [
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
]
