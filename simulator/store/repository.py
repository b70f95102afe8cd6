"""Saving a graded call: one row for the call, one per rule, in one transaction."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypedDict, Unpack

from sqlalchemy import Connection, Row, delete, insert, select, update
from sqlalchemy.exc import IntegrityError

from simulator.grading.model import Grade
from simulator.locations import default_class
from simulator.recording.events import Answer, Say, SessionHeader
from simulator.recording.reader import Recording, RecordingError, read_recording
from simulator.store.engine import Store, open_store
from simulator.store.errors import RowRejected
from simulator.store.rows import ID_PREFIX, call_id_of, clean_row
from simulator.store.schema import CallResult, RuleOutcome
from simulator.store.signing import provenance, sign_after_save

SAVE_ATTEMPTS = 4
"""One save plus 3 retries after a unique-key conflict (another machine saving the
same call): each retry sees the other row and decides anew, so more are not needed."""

# Columns of the call copied onto each of its rule rows (see schema.RuleOutcome).
RULE_ROW_COPIES = ("class_name", "mode", "trainee", "finished_at")


@dataclass(frozen=True)
class ExamRef:
    """Marks a result as a call of an exam attempt."""

    exam_id: str
    attempt: int


class SaveOptions(TypedDict, total=False):
    """The keyword options of `save_checked`, for the functions that pass them on
    (mypy checks each forwarding call against `save_checked`'s own signature)."""

    class_name: str | None
    store: Store | None
    exam: ExamRef | None
    finished_at: datetime | None
    greeting_latency: float | None
    made_here: bool
    sign: bool


def save_result(
    grade: Grade,
    header: SessionHeader | Recording,
    recording_path: Path | str | None = None,
    **options: Unpack[SaveOptions],
) -> int:
    """Store one graded call and return its row id (see `save_checked`)."""
    return save_checked(grade, header, recording_path, **options).row_id


@dataclass(frozen=True)
class SaveOutcome:
    """Where a result went and whether it is verified (`reason` says why not)."""

    row_id: int
    verified: bool
    reason: str = ""
    warning: str = ""
    """With `sign`: why the recording could not be signed ("" when it was)."""


def save_checked(
    grade: Grade,
    header: SessionHeader | Recording,
    recording_path: Path | str | None = None,
    *,
    class_name: str | None = None,
    store: Store | None = None,
    exam: ExamRef | None = None,
    finished_at: datetime | None = None,
    greeting_latency: float | None = None,
    made_here: bool = False,
    sign: bool = False,
) -> SaveOutcome:
    """Store one graded call.

    `header` is the recording's SessionHeader, or the whole Recording (then its path
    and events are used too). `class_name` defaults to the header's `class` field, else
    `$CALLSIM_CLASS`, else "". `made_here`: the calling program ran the call itself
    (the app); otherwise the recording's signature decides whether the row is verified.
    `sign`: made here, and the recording file is to be signed once the row is stored,
    so a later `grade --save` of it is verified too.

    An unverified result (signature missing or wrong) never replaces a row and never
    passes an exam. A verified one replaces an earlier row of the same call id (a
    re-graded call) unless that row is verified with different content: then
    RowRejected. Raises StoreUnavailable when the database cannot be reached.
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
    target = store or open_store()
    target.require_durable()
    checked = provenance(target, session, recording, path, made_here=made_here or sign)
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
    row["verified"] = checked.verified
    row["content_sha256"] = checked.digest
    if not checked.verified and row["mode"] == "exam":
        row["passed"] = False  # whoever reads the row: an unverified exam call never passes
    row = clean_row(CallResult.__table__, row)
    rules = [clean_row(RuleOutcome.__table__, rule) for rule in rules]
    row_id = _write_deciding_again(target, row, rules)
    # Sign only the content just stored: the file may have changed since it was read.
    warning = sign_after_save(path, target, expected=checked.digest) if sign else ""
    return SaveOutcome(row_id, checked.verified, checked.reason, warning)


def _write_deciding_again(target: Store, row: dict[str, Any], rules: list[dict[str, Any]]) -> int:
    """Store the row; when another machine saved the same call id at the same moment
    (a unique-key conflict), look again and decide again, a few times. A conflict that
    keeps coming back is one refused row for the caller to report, never a traceback."""
    for _ in range(SAVE_ATTEMPTS - 1):
        try:
            return target.write(lambda conn: _store(conn, row, rules))
        except IntegrityError:
            continue
    try:
        return target.write(lambda conn: _store(conn, row, rules))
    except IntegrityError:
        raise RowRejected(
            f"这通电话（{row['call_id']}）的成绩与同时保存的另一条记录冲突，"
            f"尝试 {SAVE_ATTEMPTS} 次后仍未存入",
            hint="稍后重新运行 callsim grade --save 补存",
        ) from None


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
    mode: str = "exam" if exam is not None else header.mode
    if mode == "exam" and exam is None:
        # Taken without hints but outside any trainer's exam: a 自测, kept out of exam figures.
        mode = "selftest"
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


def _store(conn: Connection, row: dict[str, Any], rules: list[dict[str, Any]]) -> int:
    """Insert the row, or decide what an earlier row of the same call id allows."""
    existing = _existing(conn, row["call_id"])
    if existing is None:
        return _upsert(conn, row, rules, None)
    if row["verified"]:
        if existing.verified and existing.content_sha256 != row["content_sha256"]:
            raise RowRejected(
                f"成绩库里已有这通电话（{row['call_id']}）内容不同的已验证成绩，没有覆盖",
                hint="同一个录音 id 不能存两份不同的内容；检查录音是否被改动过",
            )
        return _upsert(conn, row, rules, existing.id)
    # Unverified: never in place of another row. The same content already stored (or
    # the row an older version saved from this very file) is kept as it is.
    if existing.content_sha256 == row["content_sha256"] or (
        existing.verified is None and existing.recording_path == row["recording_path"]
    ):
        if existing.verified is False:
            return _upsert(conn, row, rules, existing.id)  # a re-grade of the same file
        return int(existing.id)
    row = {**row, "call_id": ID_PREFIX + str(row["content_sha256"])}
    existing = _existing(conn, row["call_id"])
    if existing is None:
        return _upsert(conn, row, rules, None)
    if existing.verified is False:
        return _upsert(conn, row, rules, existing.id)
    return int(existing.id)


def _existing(conn: Connection, call_id: str) -> Row[int, bool | None, str | None, str] | None:
    return conn.execute(
        select(
            CallResult.id,
            CallResult.verified,
            CallResult.content_sha256,
            CallResult.recording_path,
        ).where(CallResult.call_id == call_id)
    ).one_or_none()


def _upsert(
    conn: Connection, row: dict[str, Any], rules: list[dict[str, Any]], existing: int | None
) -> int:
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
