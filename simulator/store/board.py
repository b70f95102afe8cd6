"""What the scoreboard shows, as plain data, computed by a handful of aggregate queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import Connection, case, func, select

from simulator.grading.rates import RuleRate, weakest
from simulator.store.engine import Store
from simulator.store.filters import ResultFilter
from simulator.store.schema import CallResult, RuleOutcome

RankBy = Literal["best", "average"]
HOLD_RULES = ("hold.permission", "hold.checkin", "hold.thanks")
FORBIDDEN_RULE = "forbidden.phrases"


@dataclass(frozen=True)
class RankEntry:
    trainee: str
    agent_id: str
    best: int
    average: float
    passes: int
    calls: int


@dataclass(frozen=True)
class Accolade:
    """A per-rule honour: `key` is fastest_greeting, no_forbidden or hold_etiquette."""

    key: str
    title: str
    trainee: str
    detail: str


@dataclass(frozen=True)
class LatestCall:
    trainee: str
    scenario: str
    score: int
    passed: bool
    finished_at: datetime


@dataclass(frozen=True)
class BoardData:
    calls: int = 0
    trainees: int = 0
    average: float | None = None
    pass_rate: float | None = None
    ranking: tuple[RankEntry, ...] = ()
    accolades: tuple[Accolade, ...] = ()
    weakest: RuleRate | None = None
    rule_rates: tuple[RuleRate, ...] = ()
    latest: tuple[LatestCall, ...] = field(default=())


def load_board(
    store: Store, filters: ResultFilter, *, rank_by: RankBy = "best", now: datetime | None = None
) -> BoardData:
    """Everything the board shows for `filters`, in one read transaction."""
    moment = now or datetime.now(UTC)
    # A result stored as unverified (signature missing or wrong) is not ranked on.
    calls = filters.conditions(moment, verified_only=True)
    rules = filters.conditions(moment, rules=True, verified_only=True)
    return store.read(lambda conn: _board(conn, calls, rules, rank_by))


def _passed() -> Any:
    return func.sum(case((CallResult.passed, 1), else_=0))


def _board(conn: Connection, calls: list[Any], rules: list[Any], rank_by: RankBy) -> BoardData:
    totals = conn.execute(
        select(
            func.count(CallResult.id),
            func.avg(CallResult.score),
            _passed(),
            func.count(func.distinct(CallResult.trainee)),
        ).where(*calls)
    ).one()
    count = int(totals[0] or 0)
    if count == 0:
        return BoardData()
    rates = rule_rates(conn, rules)
    return BoardData(
        calls=count,
        trainees=int(totals[3] or 0),
        average=float(totals[1]),
        pass_rate=int(totals[2] or 0) / count,
        ranking=_ranking(conn, calls, rank_by),
        accolades=_accolades(conn, calls, rules),
        weakest=weakest_rule(rates),
        rule_rates=rates,
        latest=_latest(conn, calls),
    )


def _ranking(conn: Connection, calls: list[Any], rank_by: RankBy) -> tuple[RankEntry, ...]:
    rows = conn.execute(
        select(
            CallResult.trainee,
            func.max(CallResult.agent_id),
            func.max(CallResult.score),
            func.avg(CallResult.score),
            _passed(),
            func.count(CallResult.id),
        )
        .where(*calls)
        .group_by(CallResult.trainee)
    ).all()
    entries = [
        RankEntry(
            trainee=row[0],
            agent_id=row[1] or "",
            best=int(row[2]),
            average=float(row[3]),
            passes=int(row[4] or 0),
            calls=int(row[5]),
        )
        for row in rows
    ]

    def key(entry: RankEntry) -> tuple[float, float, int, int, str]:
        primary = entry.best if rank_by == "best" else round(entry.average, 1)
        secondary = round(entry.average, 1) if rank_by == "best" else entry.best
        return (-primary, -secondary, -entry.passes, -entry.calls, entry.trainee)

    return tuple(sorted(entries, key=key))


def rule_rates(conn: Connection, rules: list[Any]) -> tuple[RuleRate, ...]:
    """Fails and applicable counts per rule, worst first."""
    # Grouping by (status, rule_id) follows the covering index, so no sort is needed.
    rows = conn.execute(
        select(RuleOutcome.status, RuleOutcome.rule_id, func.count())
        .where(RuleOutcome.status.in_(("pass", "fail")), *rules)
        .group_by(RuleOutcome.status, RuleOutcome.rule_id)
    ).all()
    fails: dict[str, int] = defaultdict(int)
    applicable: dict[str, int] = defaultdict(int)
    for status, rule_id, number in rows:
        applicable[rule_id] += int(number)
        if status == "fail":
            fails[rule_id] += int(number)
    rates = [RuleRate(rule_id, fails[rule_id], total) for rule_id, total in applicable.items()]
    return tuple(sorted(rates, key=lambda r: (-r.rate, -r.fails, r.rule_id)))


def weakest_rule(rates: tuple[RuleRate, ...]) -> RuleRate | None:
    """The rule the class fails most often (among rules checked at least a few times)."""
    return weakest(rates)


def _accolades(conn: Connection, calls: list[Any], rules: list[Any]) -> tuple[Accolade, ...]:
    honours: list[Accolade] = []
    latency = func.avg(CallResult.greeting_latency)
    fastest = conn.execute(
        select(CallResult.trainee, latency, func.count())
        .where(CallResult.greeting_latency.is_not(None), *calls)
        .group_by(CallResult.trainee)
        .order_by(latency, func.count().desc(), CallResult.trainee)
        .limit(1)
    ).first()
    if fastest is not None:
        detail = f"平均 {float(fastest[1]):.1f} 秒"
        honours.append(Accolade("fastest_greeting", "最快问候", fastest[0], detail))
    counts = _per_trainee_counts(conn, rules, (FORBIDDEN_RULE, *HOLD_RULES))
    clean = [
        (tally[FORBIDDEN_RULE][1], trainee)
        for trainee, tally in counts.items()
        if FORBIDDEN_RULE in tally and tally[FORBIDDEN_RULE][0] == 0
    ]
    if clean:
        passes, trainee = min(clean, key=lambda item: (-item[0], item[1]))
        detail = f"{passes} 通零禁用语，共 {len(clean)} 人做到"
        honours.append(Accolade("no_forbidden", "零禁用语", trainee, detail))
    holds: list[tuple[float, int, str]] = []
    for trainee, tally in counts.items():
        fails = sum(tally[rule][0] for rule in HOLD_RULES if rule in tally)
        passes = sum(tally[rule][1] for rule in HOLD_RULES if rule in tally)
        if passes + fails:
            holds.append((passes / (passes + fails), passes + fails, trainee))
    if holds:
        rate, checked, trainee = min(holds, key=lambda item: (-item[0], -item[1], item[2]))
        detail = f"{rate:.0%}（{checked} 项检查）"
        honours.append(Accolade("hold_etiquette", "最佳保持礼仪", trainee, detail))
    return tuple(honours)


def _per_trainee_counts(
    conn: Connection, rules: list[Any], rule_ids: tuple[str, ...]
) -> dict[str, dict[str, tuple[int, int]]]:
    """trainee -> rule -> (fails, passes), for the given rules."""
    rows = conn.execute(
        select(RuleOutcome.status, RuleOutcome.rule_id, RuleOutcome.trainee, func.count())
        .where(RuleOutcome.status.in_(("pass", "fail")), RuleOutcome.rule_id.in_(rule_ids), *rules)
        .group_by(RuleOutcome.status, RuleOutcome.rule_id, RuleOutcome.trainee)
    ).all()
    counts: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for status, rule_id, trainee, number in rows:
        fails, passes = counts[trainee].get(rule_id, (0, 0))
        if status == "fail":
            fails += int(number)
        else:
            passes += int(number)
        counts[trainee][rule_id] = (fails, passes)
    return counts


def _latest(conn: Connection, calls: list[Any], limit: int = 5) -> tuple[LatestCall, ...]:
    rows = conn.execute(
        select(
            CallResult.trainee,
            CallResult.scenario,
            CallResult.score,
            CallResult.passed,
            CallResult.finished_at,
        )
        .where(*calls)
        .order_by(CallResult.finished_at.desc(), CallResult.id.desc())
        .limit(limit)
    ).all()
    return tuple(LatestCall(r[0], r[1], int(r[2]), bool(r[3]), r[4]) for r in rows)
