"""The results database: every graded call, for the scoreboard, reports and exams.

SQLite in the user data dir by default (zero set-up); PostgreSQL for a class spread
over many machines, chosen by `--db URL` / `$CALLSIM_DB`. Recordings stay files.

The API for the app (nothing here imports SQLAlchemy until a function is called):

    from simulator.store import save_result
    save_result(grade, recording)                      # a Recording (header + path)
    save_result(grade, header, recording_path, class_name="2026春季一班")

Both raise `StoreUnavailable` (a UserError, one printable line with the password
masked) when the database cannot be reached after retrying.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.store.errors import StoreUnavailable
from simulator.store.urls import mask_url, resolve_url

if TYPE_CHECKING:
    from simulator.grading.model import Grade
    from simulator.recording.events import SessionHeader
    from simulator.recording.reader import Recording
    from simulator.store.engine import Store
    from simulator.store.repository import ExamRef

__all__ = ["StoreUnavailable", "mask_url", "open_store", "resolve_url", "save_result"]


def save_result(
    grade: Grade,
    header: SessionHeader | Recording,
    recording_path: Path | str | None = None,
    *,
    class_name: str | None = None,
    store: Store | None = None,
    exam: ExamRef | None = None,
    finished_at: datetime | None = None,
) -> int:
    """Store one graded call; returns its row id. See `repository.save_result`."""
    from simulator.store.repository import save_result as save

    return save(
        grade,
        header,
        recording_path,
        class_name=class_name,
        store=store,
        exam=exam,
        finished_at=finished_at,
    )


def open_store(url: str | None = None) -> Store:
    """The results database for `url` (else `$CALLSIM_DB`, else the SQLite file)."""
    from simulator.store.engine import open_store as open_

    return open_(url)
