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

from pathlib import Path
from typing import TYPE_CHECKING, Unpack

from simulator.store.errors import StoreUnavailable
from simulator.store.urls import mask_url, resolve_url

if TYPE_CHECKING:
    from simulator.grading.model import Grade
    from simulator.recording.events import SessionHeader
    from simulator.recording.reader import Recording
    from simulator.store.engine import Store
    from simulator.store.repository import SaveOptions

__all__ = [
    "StoreUnavailable",
    "mask_url",
    "open_store",
    "resolve_url",
    "save_result",
    "sign_recording",
]


def save_result(
    grade: Grade,
    header: SessionHeader | Recording,
    recording_path: Path | str | None = None,
    **options: Unpack[SaveOptions],
) -> int:
    """Store one graded call; returns its row id. See `repository.save_checked`.

    `made_here=True` only from the program that ran the call (the app): its row is
    verified; `sign=True` also signs the recording file. Anything else is verified by
    the recording's signature, or stored as unverified (never a passed exam)."""
    # `import simulator.store` stays free of SQLAlchemy: the app starts without it.
    from simulator.store.repository import save_result as save  # noqa: PLC0415

    return save(grade, header, recording_path, **options)


def sign_recording(path: Path, store: Store | None = None) -> bool:
    """Sign a recording this program has just written with the database's key (see
    `store.signing`); False when its last line was cut off."""
    # `import simulator.store` stays free of SQLAlchemy: the app starts without it.
    from simulator.store.signing import sign_recording as sign  # noqa: PLC0415

    return sign(path, store or open_store())


def open_store(url: str | None = None) -> Store:
    """The results database for `url` (else `$CALLSIM_DB`, else the SQLite file)."""
    # `import simulator.store` stays free of SQLAlchemy: the app starts without it.
    from simulator.store.engine import open_store as open_  # noqa: PLC0415

    return open_(url)
