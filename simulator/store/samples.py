"""Deterministic sample results: for tests, the benchmark and a demo board.

`sample_grade` makes a plausible Grade (every catalog rule, persona rules `na` for other
personas, score by the docs/standards.md formula); `judged_grade` one in which the caller
names what was judged and what failed; `seed_class` fills a store quickly with
bulk inserts, the same rows `save_result` would write.
"""

from __future__ import annotations

import random
from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import Connection, insert, select

from simulator.grading.catalog import RULES
from simulator.grading.grader import compute_score
from simulator.grading.model import Grade, RuleResult, Status
from simulator.recording.events import SessionHeader
from simulator.scenario.models import Scenario
from simulator.store.engine import Store
from simulator.store.repository import RULE_ROW_COPIES, split_verdicts
from simulator.store.schema import CallResult, RuleOutcome

PERSONAS: tuple[str, ...] = ("standard", "angry", "silent", "offtopic", "media")
SCENARIOS: dict[str, str] = {
    "standard": "lottery-results",
    "angry": "angry-prize-claim",
    "silent": "silent-call",
    "offtopic": "offtopic-chat",
    "media": "journalist-inquiry",
}
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
)
GIVEN = "明芳伟娜敏静丽强磊洋艳勇军杰娟涛超秀霞平刚桂英华玲"
EPOCH = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


def trainee_name(index: int) -> str:
    """A distinct Chinese name for trainee number `index` (stable)."""
    surname = SURNAMES[index % len(SURNAMES)]
    given = GIVEN[(index // len(SURNAMES)) % len(GIVEN)]
    suffix = "" if index < len(SURNAMES) * len(GIVEN) else str(index)
    return f"{surname}{given}{suffix}"


def sample_grade(
    rng: random.Random,
    *,
    persona: str = "standard",
    skill: float = 0.8,
    hold: bool | None = None,
    recording: str = "",
) -> Grade:
    """A grade in which each applicable rule passes with probability `skill`."""
    with_hold = rng.random() < 0.5 if hold is None else hold
    results: list[RuleResult] = []
    for spec in RULES:
        status: Status
        if (
            (spec.personas and persona not in spec.personas)
            or spec.id.startswith("voice.")
            or spec.id in {"opening.holiday", "courtesy.surname"}
            or (spec.stage == "hold" and not with_hold)
        ):
            status = "na"
        else:
            status = "pass" if rng.random() < skill else "fail"
        at = round(rng.uniform(1, 60), 1) if status == "fail" else None
        results.append(
            RuleResult(spec.id, status, spec.weight, spec.stage, at=at, critical=spec.critical)
        )
    score = compute_score(tuple(results))
    critical = any(r.critical and r.status == "fail" for r in results)
    return Grade(
        recording=recording,
        scenario=SCENARIOS.get(persona, persona),
        persona=persona,
        score=score,
        passed=score >= 80 and not critical,
        complete=True,
        rules=tuple(results),
    )


def judged_grade(scenario: Scenario, judged: Collection[str], fails: Collection[str]) -> Grade:
    """A grade of `scenario` in which the rules in `judged` pass except `fails`, and every
    other rule is `na` (a trainee's history whose gaps a test or benchmark chooses)."""
    results = []
    for spec in RULES:
        status: Status = "na"
        if spec.id in judged:
            status = "fail" if spec.id in fails else "pass"
        results.append(RuleResult(spec.id, status, spec.weight, spec.stage, title=spec.title))
    score = compute_score(tuple(results))
    return Grade("", scenario.id, scenario.persona, score, score >= 80, True, tuple(results))


def sample_header(
    call_id: str, trainee: str, agent_id: str, persona: str, mode: str = "practice"
) -> SessionHeader:
    return SessionHeader(
        id=call_id,
        scenario=SCENARIOS.get(persona, persona),
        persona=persona,
        org="福彩热线",
        agent_id=agent_id,
        trainee=trainee,
        mode="exam" if mode == "exam" else "practice",
    )


def seed_class(
    store: Store,
    *,
    trainees: int,
    calls_per_trainee: int,
    class_name: str = "示例班",
    seed: int = 1,
    start: datetime = EPOCH,
    spacing: timedelta = timedelta(minutes=3),
    names: Sequence[str] | None = None,
) -> int:
    """Insert trainees × calls results (bulk, one transaction per trainee); returns count."""
    rng = random.Random(seed)
    total = 0
    for index in range(trainees):
        name = names[index] if names is not None else trainee_name(index)
        skill = 0.55 + 0.4 * rng.random()
        calls: list[tuple[dict[str, Any], list[dict[str, Any]]]] = []
        for number in range(calls_per_trainee):
            persona = PERSONAS[rng.randrange(len(PERSONAS))]
            grade = sample_grade(rng, persona=persona, skill=min(0.99, skill + number * 0.004))
            finished = start + spacing * (number * trainees + index)
            call_id = f"{class_name}-{index:04d}-{number:04d}"
            row = {
                "call_id": call_id,
                "trainee": name,
                "agent_id": f"{1000 + index}",
                "class_name": class_name,
                "scenario": grade.scenario,
                "persona": persona,
                "mode": "practice",
                "input": "keyboard",
                "score": grade.score,
                "passed": grade.passed,
                "complete": True,
                "pass_mark": grade.pass_mark,
                "critical_fail": any(r.critical and r.status == "fail" for r in grade.rules),
                "greeting_latency": round(rng.uniform(0.4, 3.5), 2),
                "recording_path": f"recordings/2026-11-20/{name}/{call_id}.jsonl",
                "call_time": "",
                "finished_at": finished,
                "machine": "sample",
                "exam_id": None,
                "exam_attempt": None,
            }
            rules, row["na_rules"] = split_verdicts(grade)
            calls.append((row, rules))
        store.write(partial(_insert_batch, batch=calls))
        total += len(calls)
    return total


def _insert_batch(
    conn: Connection, batch: list[tuple[dict[str, Any], list[dict[str, Any]]]]
) -> None:
    conn.execute(insert(CallResult), [row for row, _ in batch])
    ids = dict(
        conn.execute(
            select(CallResult.call_id, CallResult.id).where(
                CallResult.call_id.in_([row["call_id"] for row, _ in batch])
            )
        ).all()
    )
    conn.execute(
        insert(RuleOutcome),
        [
            {
                **rule,
                **{key: row[key] for key in RULE_ROW_COPIES},
                "result_id": ids[row["call_id"]],
            }
            for row, rules in batch
            for rule in rules
        ],
    )


def write_at_barrier(url: str, barrier: Any, index: int) -> None:
    """One of many processes finishing a call at the same moment (the stress test).

    Opens the store, waits at `barrier` until every process is ready, then saves one
    sample result through the public `save_result` path.
    """
    # SQLAlchemy is imported when the database is used, not at start-up.
    from simulator.store.engine import open_store  # noqa: PLC0415
    from simulator.store.repository import save_result  # noqa: PLC0415

    store = open_store(url)
    rng = random.Random(index)
    persona = PERSONAS[index % len(PERSONAS)]
    grade = sample_grade(rng, persona=persona)
    header = sample_header(
        f"concurrent-{index:03d}", trainee_name(index), str(1000 + index), persona
    )
    barrier.wait()
    save_result(
        grade, header, f"recordings/concurrent-{index:03d}.jsonl", class_name="并发班", store=store
    )
