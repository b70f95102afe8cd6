"""The scenario library as the picker shows it: every scenario file, grouped by persona.

Each file goes through the scenario loader, so a broken one is listed with the loader's
`file:line:column` message, and never hides the others.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from simulator import cache
from simulator.errors import UserError
from simulator.scenario.cache_keys import LIBRARY_KIND, library_key
from simulator.scenario.models import PERSONA_TITLES, Scenario

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


def load_library(folder: Path, below: Sequence[Path] = ()) -> Library:
    """Every `*.yaml` directly in `folder` (not `standards/` or `scripts/`), over the
    folders `below` (the shipped library under a trainer's own folder, nearest first): a
    scenario replaces one with the same id from a folder below, in its place.

    A library without problems is kept whole in the disk cache, keyed on every layer's
    folder, files and phrase catalog: a second start reads one entry instead of parsing
    every file. One with problems is loaded afresh, so they are always the files' own.
    """
    layers = [
        (layer, sorted(layer.glob("*.yaml")) + sorted(layer.glob("*.yml")))
        for layer in (*reversed(below), folder)
    ]
    return cache.cached_when(
        LIBRARY_KIND,
        library_key(layers),
        lambda: _load_layers(layers),
        keep=lambda library: not library.problems,
    )


def _load_layers(layers: Sequence[tuple[Path, Sequence[Path]]]) -> Library:
    # The loader brings the YAML machinery and the phrase catalog: imported only when
    # the cache has no entry, and then in the picker's worker, not while the app starts.
    from simulator.scenario.loader import load_scenario  # noqa: PLC0415

    scenarios: list[Scenario] = []
    problems: list[str] = []
    paths: dict[str, Path] = {}
    for _layer, files in layers:
        lower = {scenario.id: index for index, scenario in enumerate(scenarios)}
        for path in files:
            try:
                scenario = load_scenario(path)
            except UserError as exc:  # a bad file is reported in the picker, not fatal
                problems.append(_problem_line(path, exc))
                continue
            replaced = lower.pop(scenario.id, None)
            if replaced is None:
                scenarios.append(scenario)
            else:
                scenarios[replaced] = scenario
            paths[scenario.id] = path
    return Library(tuple(scenarios), tuple(problems), paths)


def _problem_line(path: Path, exc: UserError) -> str:
    text = str(exc).strip().splitlines()
    first = text[0] if text else type(exc).__name__
    return first if str(path) in first else f"{path}: {first}"
