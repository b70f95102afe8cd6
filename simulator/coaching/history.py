"""A trainee's record as coaching needs it, from the results database or from calls.

Coaching needs per rule the count of checks and fails and the latest `WINDOW` verdicts,
and per trainee the number of calls, the scenarios passed and the last few played. The
database works those out (a window function ranks each rule's verdicts, newest first),
so a trainee with 500 calls sends a few hundred rows to Python, not thousands. The
verdicts are found by the calls' ids — the verdict table's primary key — never by a scan.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import Connection, and_, case, func, select

from simulator.coaching.mastery import WINDOW, PastCall, RuleHistory, histories_from_calls
from simulator.store.filters import trusted_calls
from simulator.store.schema import CallResult, RuleOutcome

if TYPE_CHECKING:
    from simulator.store.engine import Store

RECENT_SCENARIOS = 3
"""Scenarios just played: the recommendation prefers another one of equal merit."""


@dataclass(frozen=True)
class TraineeHistory:
    """What coaching knows of one trainee."""

    calls: int
    passed_scenarios: frozenset[str] = frozenset()
    recent_scenarios: tuple[str, ...] = ()
    """The last few scenarios played, oldest first."""
    rules: dict[str, RuleHistory] = field(default_factory=dict)


def history_of(calls: Sequence[PastCall]) -> TraineeHistory:
    """The record of calls already in memory (tests, other tools)."""
    ordered = sorted(calls, key=lambda c: c.finished_at)
    return TraineeHistory(
        calls=len(ordered),
        passed_scenarios=frozenset(c.scenario for c in ordered if c.passed),
        recent_scenarios=tuple(c.scenario for c in ordered[-RECENT_SCENARIOS:]),
        rules=histories_from_calls(ordered),
    )


def load_history(store: Store, trainee: str) -> TraineeHistory:
    """The record of `trainee` (practice and exam calls) from the results database."""
    # A result stored as unverified (signature missing or wrong) is not coached on.
    own = and_(CallResult.trainee == trainee, trusted_calls())
    ids = select(CallResult.id).where(own)

    def query(conn: Connection) -> TraineeHistory:
        calls = conn.execute(select(func.count()).select_from(CallResult).where(own)).scalar_one()
        if not calls:
            return TraineeHistory(0)
        passed = (
            conn.execute(select(CallResult.scenario).where(own, CallResult.passed).distinct())
            .scalars()
            .all()
        )
        recent = (
            conn.execute(
                select(CallResult.scenario)
                .where(own)
                .order_by(CallResult.finished_at.desc(), CallResult.id.desc())
                .limit(RECENT_SCENARIOS)
            )
            .scalars()
            .all()
        )
        # Only pass and fail are stored per rule (`na` stays on the call row); a filter
        # on the status would steer SQLite onto the board's status index, a full scan.
        judged = (RuleOutcome.result_id.in_(ids),)
        fail = func.sum(case((RuleOutcome.status == "fail", 1), else_=0))
        counts = conn.execute(
            select(RuleOutcome.rule_id, func.count(), fail)
            .where(*judged)
            .group_by(RuleOutcome.rule_id)
        )
        rank = func.row_number().over(
            partition_by=RuleOutcome.rule_id,
            order_by=(RuleOutcome.finished_at.desc(), RuleOutcome.result_id.desc()),
        )
        ranked = (
            select(RuleOutcome.rule_id, RuleOutcome.status, rank.label("n"))
            .where(*judged)
            .subquery()
        )
        latest: dict[str, list[tuple[int, bool]]] = {}
        for rule_id, status, n in conn.execute(select(ranked).where(ranked.c.n <= WINDOW)):
            latest.setdefault(rule_id, []).append((n, status == "pass"))
        rules = {
            rule_id: RuleHistory(
                rule_id,
                int(checks),
                int(fails or 0),
                tuple(ok for _, ok in sorted(latest.get(rule_id, []), reverse=True)),
            )
            for rule_id, checks, fails in counts
        }
        return TraineeHistory(
            calls=int(calls),
            passed_scenarios=frozenset(passed),
            recent_scenarios=tuple(reversed(recent)),
            rules=rules,
        )

    return store.read(query)
