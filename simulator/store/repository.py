"""Saving a graded call: one row for the call, one per rule, in one transaction."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from simulator.grading.model import Grade
from simulator.locations import default_class
from simulator.recording.events import Answer, Say, SessionHeader
from simulator.recording.reader import Recording, RecordingError, read_recording
from simulator.store.engine import Store, open_store
from simulator.store.rows import call_id_of, clean_row
from simulator.store.schema import CallResult, RuleOutcome

# Columns of the call copied onto each of its rule rows (see schema.RuleOutcome).
RULE_ROW_COPIES = ("class_name", "mode", "trainee", "finished_at")


@dataclass(frozen=True)
class ExamRef:
    """Marks a result as a call of an exam attempt."""

    exam_id: str
    attempt: int


def save_result(
    grade: Grade,
    header: SessionHeader | Recording,
    recording_path: Path | str | None = None,
    *,
    class_name: str | None = None,
    store: Store | None = None,
    exam: ExamRef | None = None,
    finished_at: datetime | None = None,
    greeting_latency: float | None = None,
) -> int:
    """Store one graded call and return its row id.

    `header` is the recording's SessionHeader, or the whole Recording (then its path
    and events are used too). `class_name` defaults to the header's `class` field, else
    `$CALLSIM_CLASS`, else "". Saving the same call id again replaces the earlier row
    (a re-graded call). Raises StoreUnavailable when the database cannot be reached.
    """
    if finished_at is not None and finished_at.tzinfo is None:
        raise ValueError("naive datetime: finished_at needs a time zone")
    recording = header if isinstance(header, Recording) else None
    session = recording.header if recording is not None else header
    assert isinstance(session, SessionHeader)
    if recording_path is None and recording is not None and recording.path is not None:
        recording_path = recording.path
    if greeting_latency is None:
        greeting_latency = _greeting_latency(recording, recording_path)
    path = Path(recording_path) if recording_path else None
    row = _call_row(
        grade,
        session,
        recording_path,
        call_id=call_id_of(session, recording, path),
        class_name=class_name,
        exam=exam,
        finished_at=finished_at or datetime.now(UTC),
        greeting_latency=greeting_latency,
    )
    rules, row["na_rules"] = split_verdicts(grade)
    row = clean_row(CallResult.__table__, row)
    rules = [clean_row(RuleOutcome.__table__, rule) for rule in rules]
    target = store or open_store()
    target.require_durable()
    try:
        return target.write(lambda conn: _upsert(conn, row, rules))
    except IntegrityError:
        # Another machine saved the same call id at the same moment: replace it.
        return target.write(lambda conn: _upsert(conn, row, rules))


def split_verdicts(grade: Grade) -> tuple[list[dict[str, Any]], str]:
    """The rule rows to store (pass/fail) and the comma-separated `na` rule ids."""
    latest = {r.id: r for r in grade.rules}  # a rule listed twice: the last verdict counts
    rows = [
        {"rule_id": r.id, "status": r.status, "at": r.at}
        for r in latest.values()
        if r.status != "na"
    ]
    return rows, ",".join(r.id for r in latest.values() if r.status == "na")


def _call_row(
    grade: Grade,
    header: SessionHeader,
    recording_path: Path | str | None,
    *,
    call_id: str,
    class_name: str | None,
    exam: ExamRef | None,
    finished_at: datetime,
    greeting_latency: float | None,
) -> dict[str, Any]:
    if class_name is None:
        extra_class = header.extra.get("class")
        class_name = extra_class if isinstance(extra_class, str) else None
    if class_name is None:
        class_name = default_class()
    mode = "exam" if exam is not None else header.mode
    return {
        "call_id": call_id,
        "trainee": header.trainee,
        "agent_id": header.agent_id,
        "class_name": class_name.strip(),
        "scenario": grade.scenario or header.scenario,
        "persona": grade.persona or header.persona,
        "mode": mode,
        "input": header.input,
        "score": int(grade.score),
        "passed": bool(grade.passed),
        "complete": bool(grade.complete),
        "pass_mark": int(grade.pass_mark),
        "critical_fail": any(r.critical and r.status == "fail" for r in grade.rules),
        "greeting_latency": greeting_latency,
        "recording_path": str(recording_path or grade.recording or ""),
        "call_time": header.call_time,
        "finished_at": finished_at,
        "machine": socket.gethostname(),
        "exam_id": exam.exam_id if exam else None,
        "exam_attempt": exam.attempt if exam else None,
    }


def _upsert(conn: Connection, row: dict[str, Any], rules: list[dict[str, Any]]) -> int:
    existing = conn.execute(
        select(CallResult.id).where(CallResult.call_id == row["call_id"])
    ).scalar_one_or_none()
    if existing is None:
        result_id = conn.execute(insert(CallResult).values(**row).returning(CallResult.id))
        row_id = int(result_id.scalar_one())
    else:
        row_id = int(existing)
        conn.execute(delete(RuleOutcome).where(RuleOutcome.result_id == row_id))
        conn.execute(update(CallResult).where(CallResult.id == row_id).values(**row))
    if rules:
        copied = {key: row[key] for key in RULE_ROW_COPIES}
        conn.execute(
            insert(RuleOutcome), [{**rule, **copied, "result_id": row_id} for rule in rules]
        )
    return row_id


def _greeting_latency(recording: Recording | None, path: Path | str | None) -> float | None:
    """Seconds from answering to the onset of the agent's first words (None if no greeting)."""
    if recording is None and path:
        try:
            recording = read_recording(Path(path))
        except RecordingError:
            return None
    if recording is None:
        return None
    answered: float | None = None
    for event in recording.in_time_order():
        if isinstance(event, Answer) and answered is None:
            answered = event.t
        elif isinstance(event, Say) and event.who == "agent" and answered is not None:
            return round(max(0.0, event.t - answered), 3)
    return None
