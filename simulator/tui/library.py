"""The scenario library as the picker shows it: every scenario file, grouped by persona.

Loading prefers the project's scenario loader (precise `file:line:col` errors) and falls
back to reading the YAML and validating the model, so the app works while the loader is
absent. A broken file never hides the others: it is listed as a problem instead.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from simulator.scenario.models import KNOWN_PERSONAS, PERSONA_TITLES, Scenario

# Core personas first, in the order a new hire meets them; the rest alphabetically.
CORE_ORDER = ("standard", "angry", "silent", "offtopic", "media")


@dataclass(frozen=True)
class Library:
    """The scenarios that loaded, and one line per file that did not."""

    scenarios: tuple[Scenario, ...] = ()
    problems: tuple[str, ...] = ()
    paths: dict[str, Path] = field(default_factory=dict)

    def by_id(self, scenario_id: str) -> Scenario | None:
        for scenario in self.scenarios:
            if scenario.id == scenario_id:
                return scenario
        return None

    def grouped(self) -> list[tuple[str, list[Scenario]]]:
        """(persona title, scenarios by difficulty then id) in picker order."""
        personas = sorted(
            {s.persona for s in self.scenarios},
            key=lambda p: (p not in CORE_ORDER, CORE_ORDER.index(p) if p in CORE_ORDER else 0, p),
        )
        groups = []
        for persona in personas:
            members = sorted(
                (s for s in self.scenarios if s.persona == persona),
                key=lambda s: (s.difficulty, s.id),
            )
            groups.append((persona_title(persona), members))
        return groups


def persona_title(persona: str) -> str:
    return PERSONA_TITLES.get(persona, persona)


def difficulty_stars(level: int) -> str:
    return "★" * level + "☆" * (3 - level)


def one_line(scenario: Scenario) -> str:
    """What the scenario trains, in one line (falls back to the description)."""
    text = scenario.trains or scenario.description or scenario.title
    return " ".join(text.split())


def load_library(folder: Path) -> Library:
    """Every `*.yaml` directly in `folder` (not `standards/` or `scripts/`)."""
    loader = _project_loader()
    scenarios: list[Scenario] = []
    problems: list[str] = []
    paths: dict[str, Path] = {}
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    for path in files:
        try:
            scenario = loader(path)
        except Exception as exc:  # a bad file is reported in the picker, not fatal
            problems.append(_problem_line(path, exc))
            continue
        if scenario.persona not in KNOWN_PERSONAS:
            problems.append(f"{path}: 未知角色 {scenario.persona}")
            continue
        scenarios.append(scenario)
        paths[scenario.id] = path
    return Library(tuple(scenarios), tuple(problems), paths)


def _project_loader() -> Callable[[Path], Scenario]:
    try:
        module = importlib.import_module("simulator.scenario.loader")
    except ModuleNotFoundError:
        return _fallback_load
    load = getattr(module, "load_scenario", None)
    return load if callable(load) else _fallback_load


def _fallback_load(path: Path) -> Scenario:
    from ruamel.yaml import YAML

    data: Any = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return Scenario.model_validate(data)


def _problem_line(path: Path, exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    return first if str(path) in first else f"{path}: {first}"
