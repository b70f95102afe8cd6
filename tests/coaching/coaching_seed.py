"""Seeding a trainee's history in a real results database, call by call."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from simulator.coaching.exercised import library_exercises
from simulator.grading.model import Grade
from simulator.recording.events import SessionHeader
from simulator.scenario.loader import load_scenarios
from simulator.scenario.models import Scenario
from simulator.store.engine import Store
from simulator.store.repository import save_result
from simulator.store.samples import judged_grade

SCENARIOS_DIR = Path(__file__).resolve().parents[2] / "scenarios"
T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)

_LIBRARY: list[Scenario] = []


def library() -> list[Scenario]:
    """The shipped scenario library (loaded once per test run)."""
    if not _LIBRARY:
        scenarios, _ = load_scenarios(SCENARIOS_DIR)
        _LIBRARY.extend(scenarios)
    return list(_LIBRARY)


def exercises() -> dict[str, frozenset[str]]:
    return library_exercises(library(), SCENARIOS_DIR)


def graded(scenario: Scenario, fails: Iterable[str] = ()) -> Grade:
    """A grade of `scenario`: the rules it exercises pass except `fails`, the rest na."""
    return judged_grade(scenario, exercises()[scenario.id], set(fails))


def seed(
    store: Store, trainee: str, calls: Iterable[tuple[str, Iterable[str]]], *, start: int = 0
) -> int:
    """Store one call per (scenario id, failed rules), a minute apart; returns the count."""
    by_id = {s.id: s for s in library()}
    n = start
    for scenario_id, fails in calls:
        scenario = by_id[scenario_id]
        n += 1
        header = SessionHeader(
            id=f"{trainee}-{n}",
            scenario=scenario.id,
            persona=scenario.persona,
            org=scenario.org,
            agent_id="1024",
            trainee=trainee,
        )
        save_result(
            graded(scenario, fails),
            header,
            store=store,
            finished_at=T0 + timedelta(minutes=n),
            made_here=True,  # the app's own calls: verified, so coached on
        )
    return n
