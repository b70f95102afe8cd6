"""Storing results of recordings after the fact: `callsim grade --save`.

When the results database was unreachable as a call ended (the app says so and keeps
the recording), or calls were played headless, a trainer stores them later. The
recording's header says whose call it was, its class and, for an exam call, which exam
and attempt (fields the app adds to format 1's header). Saving is by call id (a hash
of the file for a recording without one), so storing a recording twice keeps one
result. A row the database refuses is reported for its file and the batch goes on; a
database that cannot be reached stops the batch. A recording whose signature is missing
or wrong is stored as unverified: it never replaces a row and never passes an exam.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from simulator.grading.model import Grade
from simulator.recording.events import SessionHeader
from simulator.recording.reader import Recording, read_recording
from simulator.store.engine import Store
from simulator.store.errors import RowRejected
from simulator.store.repository import ExamRef, save_checked


def exam_of(header: SessionHeader) -> ExamRef | None:
    """The exam attempt an exam call's header names, else None."""
    exam_id, attempt = header.extra.get("exam"), header.extra.get("exam_attempt")
    if header.mode != "exam" or not isinstance(exam_id, str) or not exam_id:
        return None
    if not isinstance(attempt, int) or isinstance(attempt, bool) or attempt < 1:
        return None
    return ExamRef(exam_id, attempt)


def finished_at_of(path: Path) -> datetime:
    """When the call ended: the recording was last written then (one line per event)."""
    return datetime.fromtimestamp(path.stat().st_mtime, UTC)


@dataclass
class Saved:
    """What a batch save did: how many calls were stored, one line per file refused,
    one line per file stored as unverified (signature missing or wrong)."""

    count: int = 0
    errors: list[str] = field(default_factory=list)
    unverified: list[str] = field(default_factory=list)


def save_grades(
    grades: Iterable[Grade],
    store: Store,
    *,
    class_name: str | None = None,
    progress: Callable[[], None] | None = None,
    recordings: Sequence[Recording] | None = None,
) -> Saved:
    """Store each graded recording (`class_name` overrides the headers').

    `recordings[i]`: the Recording `grades[i]` was graded from. Its signature and
    digest are what gets checked and stored, so the row always describes the content
    that was scored; without it each file is read again (it may have changed since).
    """
    store.require_durable()
    saved = Saved()
    grades = list(grades)
    if recordings is not None and len(recordings) != len(grades):
        raise ValueError("save_grades: one recording per grade")
    for index, grade in enumerate(grades):
        path = Path(grade.recording)
        recording = recordings[index] if recordings is not None else read_recording(path)
        try:
            outcome = save_checked(
                grade,
                recording,
                path,
                class_name=class_name,
                store=store,
                exam=exam_of(recording.header),
                finished_at=finished_at_of(path),
            )
        except RowRejected as exc:
            saved.errors.append(f"{path}: {exc}")
        else:
            saved.count += 1
            if not outcome.verified:
                saved.unverified.append(f"{path}: 未验证（{outcome.reason}），不计入考试")
        if progress is not None:
            progress()
    return saved
