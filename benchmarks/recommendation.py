"""How long the picker waits for 「推荐练习」: one trainee with 500 graded calls.

Fills a fresh database with one trainee's 500 calls of the shipped scenarios (the rules
each scenario exercises pass or fail at random, a weak spot on the hold check-in), beside
a class of 100 other trainees × 50 calls, then times `simulator.coaching.coach`: read the
trainee's calls, estimate mastery per rule, pick the scenario. Which rules each scenario
exercises is derived once per process (playing and grading the good scripts) and timed
on its own line: the picker pays it once per session.

Runs on SQLite (the default file in WAL mode) and on a throwaway PostgreSQL cluster
(fsync on) when its server programs are installed.

    .venv/bin/python -m benchmarks.recommendation [--calls 500] [--rounds 30] [--no-postgres]

Writes benchmarks/results/recommendation.md. Target: < 100 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmarks._common import on_each_database, percentile
from simulator.coaching import coach
from simulator.coaching.exercised import library_exercises
from simulator.grading.catalog import RULES
from simulator.grading.model import Grade
from simulator.recording.events import SessionHeader
from simulator.scenario.loader import load_scenarios
from simulator.scenario.models import Scenario
from simulator.store.engine import Store
from simulator.store.repository import save_result
from simulator.store.samples import EPOCH, judged_grade, seed_class

RESULTS = Path(__file__).resolve().parent / "results" / "recommendation.md"
SCENARIOS = Path(__file__).resolve().parents[1] / "scenarios"
TARGET_MS = 100.0
COMMAND = ".venv/bin/python -m benchmarks.recommendation"
TRAINEE = "测试学员"


def _grade(scenario: Scenario, rules: frozenset[str], rng: random.Random) -> Grade:
    """The hold check-in is missed most often, so it is the gap the coach should find."""
    fails = {
        spec.id
        for spec in RULES  # catalog order: the same draws from `rng` on every run
        if spec.id in rules and rng.random() < (0.6 if spec.id == "hold.checkin" else 0.1)
    }
    return judged_grade(scenario, rules, fails)


def seed_trainee(
    store: Store, scenarios: list[Scenario], exercises: dict[str, frozenset[str]], calls: int
) -> None:
    rng = random.Random(7)
    for n in range(calls):
        scenario = scenarios[rng.randrange(len(scenarios))]
        header = SessionHeader(
            id=f"bench-{n}",
            scenario=scenario.id,
            persona=scenario.persona,
            org=scenario.org,
            agent_id="9000",
            trainee=TRAINEE,
        )
        grade = _grade(scenario, exercises[scenario.id], rng)
        finished = EPOCH + timedelta(minutes=n)
        save_result(grade, header, store=store, class_name="示例班", finished_at=finished)


def measure(store: Store, calls: int, rounds: int) -> dict[str, object]:
    scenarios, _ = load_scenarios(SCENARIOS)
    begin = time.perf_counter()
    exercises = library_exercises(scenarios, SCENARIOS)
    derive = 1000 * (time.perf_counter() - begin)
    begin = time.perf_counter()
    seed_class(store, trainees=100, calls_per_trainee=50)
    seed_trainee(store, scenarios, exercises, calls)
    fill = time.perf_counter() - begin
    times = []
    chosen = ""
    for _ in range(rounds):
        begin = time.perf_counter()
        result = coach(store, TRAINEE, scenarios, SCENARIOS)
        times.append(1000 * (time.perf_counter() - begin))
        assert result.calls == calls, result.calls
        chosen = result.recommendation.scenario_id if result.recommendation else "—"
    return {"times": times, "derive": derive, "fill": fill, "chosen": chosen}


def _row(label: str, times: list[float]) -> str:
    return (
        f"| {label} | {statistics.median(times):.1f} | {percentile(times, 95):.1f} "
        f"| {max(times):.1f} |"
    )


def report(results: dict[str, dict[str, object]], calls: int, rounds: int) -> str:
    lines = [
        "# Recommendation (「推荐练习」)",
        "",
        f"Command: `{COMMAND} --calls {calls} --rounds {rounds}`",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, run {datetime.now(UTC):%Y-%m-%d}",
        "",
        f"Data: one trainee with {calls} graded calls of the shipped scenarios, beside "
        "100 trainees × 50 calls of another class. Each round reads the trainee's calls and "
        f"rule verdicts, estimates mastery and picks the scenario. Target < {TARGET_MS:g} ms.",
        "",
    ]
    for backend, data in results.items():
        times = data["times"]
        assert isinstance(times, list)
        lines += [
            f"## {backend}",
            "",
            f"Filling the database: {data['fill']:.1f} s (not timed below). "
            f"Recommended: `{data['chosen']}`.",
            "",
            "| step | median ms | p95 ms | max ms |",
            "|---|---|---|---|",
            _row(f"coach(): {calls} calls → mastery + recommendation", times),
            f"| rules each scenario exercises, derived once per process | "
            f"{data['derive']:.0f} | — | — |",
            "",
        ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--no-postgres", action="store_true")
    args = parser.parse_args(argv)
    results = on_each_database(
        lambda store: measure(store, args.calls, args.rounds), postgres=not args.no_postgres
    )
    text = report(results, args.calls, args.rounds)
    RESULTS.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
