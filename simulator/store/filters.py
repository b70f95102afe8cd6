"""Which results a board or report looks at: class, trainee, mode, time window."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from simulator.errors import UserError

ModeFilter = Literal["practice", "exam", "all"]

MODE_TITLES: dict[str, str] = {"practice": "练习", "exam": "考试", "all": "练习+考试"}

_RELATIVE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([mhdw]|min|分钟|小时|天|周)\s*$", re.IGNORECASE)
_UNITS = {
    "m": 60.0,
    "min": 60.0,
    "分钟": 60.0,
    "h": 3600.0,
    "小时": 3600.0,
    "d": 86400.0,
    "天": 86400.0,
    "w": 604800.0,
    "周": 604800.0,
}


@dataclass(frozen=True)
class Since:
    """A start of the time window: a fixed moment, or a span back from now."""

    at: datetime | None = None
    span: timedelta | None = None
    text: str = ""

    def resolve(self, now: datetime) -> datetime | None:
        if self.at is not None:
            return self.at
        if self.span is not None:
            return now - self.span
        return None


def parse_since(text: str | None, *, now: datetime | None = None) -> Since:
    """`--since`: `2h`, `30m`, `7d`, `today`/`今天`, `2026-11-20`, `2026-11-20T09:00`.

    Dates without a time zone are local time. Raises UserError for anything else.
    """
    if text is None or not text.strip():
        return Since()
    raw = text.strip()
    relative = _RELATIVE.match(raw)
    if relative:
        amount = float(relative.group(1))
        unit = _UNITS[relative.group(2).lower()]
        return Since(span=timedelta(seconds=amount * unit), text=raw)
    if raw.lower() in {"today", "今天"}:
        local_now = (now or datetime.now(UTC)).astimezone()
        midnight = local_now.replace(hour=0, minute=0, second=0, microsecond=0)
        return Since(at=midnight.astimezone(UTC), text=raw)
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise UserError(
            f"无法理解的时间：--since {raw}",
            hint="可用 2h、30m、7d、today、2026-11-20 或 2026-11-20T09:00",
        ) from None
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return Since(at=moment.astimezone(UTC), text=raw)


@dataclass(frozen=True)
class ResultFilter:
    """The results to look at. None means "any"."""

    class_name: str | None = None
    trainee: str | None = None
    mode: ModeFilter = "all"
    since: Since = Since()
    exam_id: str | None = None

    def conditions(
        self, now: datetime, *, rules: bool = False, verified_only: bool = False
    ) -> list[Any]:
        """SQLAlchemy WHERE clauses on `call_results`, or (`rules`) on `rule_results`,
        which carries copies of the call's class, mode, trainee and time.

        `verified_only`: leave out results stored as unverified (and their rule rows),
        for figures a trainee is ranked or coached by; rows from before signatures
        (`verified` NULL) still count. A report listing calls keeps them, marked."""
        # SQLAlchemy is imported when the database is used, not at start-up.
        from sqlalchemy import select  # noqa: PLC0415

        from simulator.store.schema import CallResult, RuleOutcome  # noqa: PLC0415

        table: Any = RuleOutcome if rules else CallResult
        clauses: list[Any] = []
        if self.class_name is not None:
            clauses.append(table.class_name == self.class_name)
        if self.trainee is not None:
            clauses.append(table.trainee == self.trainee)
        if self.mode != "all":
            clauses.append(table.mode == self.mode)
        start = self.since.resolve(now)
        if start is not None:
            clauses.append(table.finished_at >= start)
        if self.exam_id is not None:
            if rules:
                exam_calls = select(CallResult.id).where(CallResult.exam_id == self.exam_id)
                clauses.append(RuleOutcome.result_id.in_(exam_calls))
            else:
                clauses.append(CallResult.exam_id == self.exam_id)
        if verified_only:
            clauses.append(trusted_rules() if rules else trusted_calls())
        return clauses

    def describe(self) -> str:
        """A short Chinese description for titles: 班级 · 模式 · 时间."""
        parts = [f"班级 {self.class_name}" if self.class_name else "全部班级"]
        if self.trainee:
            parts.append(f"学员 {self.trainee}")
        parts.append(MODE_TITLES[self.mode])
        if self.since.text:
            parts.append(f"自 {self.since.text}")
        return " · ".join(parts)


def trusted_calls() -> Any:
    """WHERE clause on `call_results`: not stored as unverified (NULL: an older row)."""
    from simulator.store.schema import CallResult  # noqa: PLC0415

    return CallResult.verified.is_not(False)


def trusted_rules() -> Any:
    """WHERE clause on `rule_results`: the rule rows of calls `trusted_calls` keeps.
    Rule rows carry no `verified` copy; unverified calls are few, so NOT IN is cheap."""
    from sqlalchemy import select  # noqa: PLC0415

    from simulator.store.schema import CallResult, RuleOutcome  # noqa: PLC0415

    unverified = select(CallResult.id).where(CallResult.verified.is_(False))
    return RuleOutcome.result_id.not_in(unverified)
