"""What a trainer's report holds: every call, and summaries per trainee and per rule.

Loaded once from the store (two queries), then summarized in Python; the renderers
(table, CSV, HTML) only format what is here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from simulator.grading.catalog import RULES
from simulator.grading.rates import RuleRate, tally, weakest
from simulator.store.engine import Store
from simulator.store.filters import ResultFilter

TREND_WINDOW = 5


@dataclass(frozen=True)
class CallRow:
    """One stored call, with its rule statuses (rule id -> pass/fail/na)."""

    id: int
    finished_at: datetime
    trainee: str
    agent_id: str
    class_name: str
    scenario: str
    persona: str
    mode: str
    input: str
    score: int
    passed: bool
    recording_path: str
    exam_id: str | None = None
    exam_attempt: int | None = None
    statuses: dict[str, str] = field(default_factory=dict)
    verified: bool | None = None
    """False: stored from a recording whose signature is missing or wrong (未验证)."""


@dataclass(frozen=True)
class Stats:
    calls: int = 0
    average: float | None = None
    best: int | None = None
    passes: int = 0

    @property
    def pass_rate(self) -> float | None:
        return self.passes / self.calls if self.calls else None


def stats(calls: Iterable[CallRow]) -> Stats:
    scores = [(c.score, c.passed) for c in calls]
    if not scores:
        return Stats()
    return Stats(
        calls=len(scores),
        average=sum(s for s, _ in scores) / len(scores),
        best=max(s for s, _ in scores),
        passes=sum(1 for _, passed in scores if passed),
    )


RuleSummary = RuleRate
"""The name the renderers import: the rate type shared with the class summary and the board."""


@dataclass(frozen=True)
class TraineeSummary:
    trainee: str
    agent_id: str
    practice: Stats
    exam: Stats
    trend: float | None
    """Average of the last 5 practice calls minus the first 5 (None with fewer than 4)."""
    scores: tuple[int, ...]
    rules: tuple[RuleRate, ...]
    """This trainee's rules, most failed first."""

    @property
    def weakest(self) -> RuleRate | None:
        """The rule this trainee fails most (preferring rules checked a few times)."""
        return weakest(self.rules)


@dataclass(frozen=True)
class Report:
    filters: ResultFilter
    generated_at: datetime
    calls: tuple[CallRow, ...]
    trainees: tuple[TraineeSummary, ...]
    rules: tuple[RuleRate, ...]
    """Every rule checked at least once, most failed first."""
    overall: Stats
    practice: Stats
    exam: Stats

    @property
    def most_failed(self) -> tuple[RuleRate, ...]:
        return tuple(r for r in self.rules if r.fails)[:5]


def rule_summaries(calls: Iterable[CallRow]) -> tuple[RuleRate, ...]:
    summaries = tally(pair for call in calls for pair in call.statuses.items())
    order = {spec.id: n for n, spec in enumerate(RULES)}
    return tuple(
        sorted(summaries, key=lambda s: (-s.rate, -s.fails, order.get(s.rule_id, 999), s.rule_id))
    )


def trend(scores: list[int]) -> float | None:
    if len(scores) < 4:
        return None
    window = min(TREND_WINDOW, len(scores) // 2)
    first, last = scores[:window], scores[-window:]
    return sum(last) / len(last) - sum(first) / len(first)


def build_report(calls: Iterable[CallRow], filters: ResultFilter, generated_at: datetime) -> Report:
    ordered = tuple(sorted(calls, key=lambda c: (c.finished_at, c.id)))
    by_trainee: dict[str, list[CallRow]] = defaultdict(list)
    for call in ordered:
        by_trainee[call.trainee].append(call)
    trainees = []
    for name, own in by_trainee.items():
        practice = [c for c in own if c.mode != "exam"]
        trainees.append(
            TraineeSummary(
                trainee=name,
                agent_id=own[-1].agent_id,
                practice=stats(practice),
                exam=stats(c for c in own if c.mode == "exam"),
                trend=trend([c.score for c in practice]),
                scores=tuple(c.score for c in own),
                rules=rule_summaries(own),
            )
        )
    trainees.sort(key=lambda t: (-(t.practice.average or t.exam.average or 0), t.trainee))
    return Report(
        filters=filters,
        generated_at=generated_at,
        calls=ordered,
        trainees=tuple(trainees),
        rules=rule_summaries(ordered),
        overall=stats(ordered),
        practice=stats(c for c in ordered if c.mode != "exam"),
        exam=stats(c for c in ordered if c.mode == "exam"),
    )


def load_report(store: Store, filters: ResultFilter, *, now: datetime | None = None) -> Report:
    """Every call matching `filters`, with rule statuses, summarized."""
    # SQLAlchemy is imported when the database is used, not at start-up.
    from sqlalchemy import Connection, select  # noqa: PLC0415

    from simulator.store.schema import CallResult, RuleOutcome  # noqa: PLC0415

    moment = now or datetime.now(UTC)

    def query(conn: Connection) -> list[CallRow]:
        rows = conn.execute(
            select(
                CallResult.id,
                CallResult.finished_at,
                CallResult.trainee,
                CallResult.agent_id,
                CallResult.class_name,
                CallResult.scenario,
                CallResult.persona,
                CallResult.mode,
                CallResult.input,
                CallResult.score,
                CallResult.passed,
                CallResult.recording_path,
                CallResult.exam_id,
                CallResult.exam_attempt,
                CallResult.na_rules,
                CallResult.verified,
            ).where(*filters.conditions(moment))
        ).all()
        statuses: dict[int, dict[str, str]] = defaultdict(dict)
        for result_id, rule_id, status in conn.execute(
            select(RuleOutcome.result_id, RuleOutcome.rule_id, RuleOutcome.status).where(
                *filters.conditions(moment, rules=True)
            )
        ):
            statuses[result_id][rule_id] = status
        for row in rows:
            for rule_id in filter(None, row.na_rules.split(",")):
                statuses[row.id].setdefault(rule_id, "na")
        return [
            CallRow(
                id=row.id,
                finished_at=row.finished_at,
                trainee=row.trainee,
                agent_id=row.agent_id,
                class_name=row.class_name,
                scenario=row.scenario,
                persona=row.persona,
                mode=row.mode,
                input=row.input,
                score=row.score,
                passed=row.passed,
                recording_path=row.recording_path,
                exam_id=row.exam_id,
                exam_attempt=row.exam_attempt,
                statuses=statuses[row.id],
                verified=row.verified,
            )
            for row in rows
        ]

    return build_report(store.read(query), filters, moment)
