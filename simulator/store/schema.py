"""The results database's tables: one row per graded call, one row per rule verdict.

Times are stored as naive UTC (SQLite has no time zones); `UtcDateTime` converts at the
boundary so Python code only ever sees aware datetimes. Recordings stay files: a row
keeps the recording's path, never its content.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime in Python, naive UTC in the database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: pass an aware datetime (UTC or local with tz)")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value)
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


class CallResult(Base):
    """One finished, graded call."""

    __tablename__ = "call_results"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    call_id: Mapped[str] = mapped_column(String(120), unique=True)
    trainee: Mapped[str] = mapped_column(String(120))
    agent_id: Mapped[str] = mapped_column(String(40), default="")
    class_name: Mapped[str] = mapped_column(String(120), default="")
    scenario: Mapped[str] = mapped_column(String(80))
    persona: Mapped[str] = mapped_column(String(40))
    mode: Mapped[str] = mapped_column(String(16))
    input: Mapped[str] = mapped_column(String(16))
    score: Mapped[int] = mapped_column(Integer)
    passed: Mapped[bool] = mapped_column(Boolean)
    complete: Mapped[bool] = mapped_column(Boolean)
    pass_mark: Mapped[int] = mapped_column(Integer)
    critical_fail: Mapped[bool] = mapped_column(Boolean, default=False)
    greeting_latency: Mapped[float | None] = mapped_column(Float, nullable=True)
    recording_path: Mapped[str] = mapped_column(Text, default="")
    na_rules: Mapped[str] = mapped_column(Text, default="")
    """Rules that did not apply to this call (`na`), comma-separated; the rules that
    did apply have a row each in `rule_results`."""
    call_time: Mapped[str] = mapped_column(String(40), default="")
    finished_at: Mapped[datetime] = mapped_column(UtcDateTime())
    machine: Mapped[str] = mapped_column(String(120), default="")
    exam_id: Mapped[str | None] = mapped_column(String(80), nullable=True)
    exam_attempt: Mapped[int | None] = mapped_column(Integer, nullable=True)
    verified: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    """True: made by this program or from a recording whose signature checks; False: a
    recording whose signature is missing or wrong (never a passed exam); None: saved
    before recordings were signed."""
    content_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    """SHA-256 of the recording's signed part: a second save of different content under
    the same call id is told apart from a re-grade of the same call."""

    rules: Mapped[list[RuleOutcome]] = relationship(
        back_populates="result", cascade="all, delete-orphan", passive_deletes=True
    )

    __table_args__ = (
        Index("ix_call_results_class_time", "class_name", "mode", "finished_at"),
        # Covers the board's per-trainee ranking, so it never touches the table.
        Index(
            "ix_call_results_board",
            "class_name",
            "mode",
            "trainee",
            "score",
            "passed",
            "agent_id",
            "finished_at",
            "greeting_latency",
        ),
        Index("ix_call_results_trainee", "trainee", "finished_at"),
        Index("ix_call_results_exam", "exam_id", "trainee", "exam_attempt"),
    )


class RuleOutcome(Base):
    """One applicable rule's verdict on one call (`pass` or `fail`).

    Rules that did not apply (`na`, about half of them on a typical call) are listed on
    the call row instead, which halves this table and the board's scans.

    The call's class, mode, trainee and time are copied here on purpose: the board's
    per-rule counts over tens of thousands of calls are then one covering-index scan
    without a join (measured on SQLite, 10,000 calls: ~20 ms instead of ~250 ms).
    """

    __tablename__ = "rule_results"

    result_id: Mapped[int] = mapped_column(
        ForeignKey("call_results.id", ondelete="CASCADE"), primary_key=True
    )
    rule_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(4))
    at: Mapped[float | None] = mapped_column(Float, nullable=True)
    class_name: Mapped[str] = mapped_column(String(120), default="")
    mode: Mapped[str] = mapped_column(String(16))
    trainee: Mapped[str] = mapped_column(String(120))
    finished_at: Mapped[datetime] = mapped_column(UtcDateTime())

    result: Mapped[CallResult] = relationship(back_populates="rules")

    __table_args__ = (
        Index(
            "ix_rule_results_board",
            "class_name",
            "mode",
            "status",
            "rule_id",
            "trainee",
            "finished_at",
        ),
        # For a board over every class: seek on status and rule, read the rest from
        # the index.
        Index(
            "ix_rule_results_rule",
            "status",
            "rule_id",
            "mode",
            "class_name",
            "trainee",
            "finished_at",
        ),
    )


class SigningKey(Base):
    """The key that signs recordings (one row, made on first use; see store.signing).

    Whoever can read this table can sign recordings: it is what makes a signature mean
    "written by a program using this database", nothing more.
    """

    __tablename__ = "signing_keys"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(128))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())


ADDED_COLUMNS = {"call_results": ("verified", "content_sha256")}
"""Columns added after the first release: `Store.ensure_schema` adds them to an older
database (create_all makes missing tables, never missing columns)."""


# Registered last: the live-call table lives in its own module but is created with the rest.
from simulator.store import live as _live  # noqa: E402, F401
