"""Making a row fit the database, the same on SQLite and PostgreSQL.

Recordings come from anywhere (third-party tools, hand edits), so a header may lack an
`id`, or carry text PostgreSQL refuses: a NUL character, a lone surrogate, more
characters than a column holds. Such a value must not be mistaken for a dropped
connection, nor stop a batch: it is cleaned here, before any SQL runs.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sqlalchemy import String
from sqlalchemy.sql import FromClause

from simulator.recording.events import SessionHeader
from simulator.recording.reader import Recording

ID_PREFIX = "sha256:"
MAX_ID = 120  # the length of call_results.call_id


def clean_text(value: str, limit: int | None = None) -> str:
    """`value` without NUL, lone surrogates as U+FFFD, cut to `limit` characters."""
    text = "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in value if ch != "\x00")
    return text if limit is None else text[:limit]


def clean_row(table: FromClause, row: dict[str, Any]) -> dict[str, Any]:
    """`row` with every string cleaned and cut to its column's length."""
    cleaned = dict(row)
    for key, value in row.items():
        if not isinstance(value, str) or key not in table.c:
            continue
        column_type = table.c[key].type
        limit = column_type.length if isinstance(column_type, String) else None
        cleaned[key] = clean_text(value, limit)
    return cleaned


def _digest(data: bytes) -> str:
    return ID_PREFIX + hashlib.sha256(data).hexdigest()


def call_id_of(header: SessionHeader, recording: Recording | None, path: Path | None) -> str:
    """The id a call is stored under: the header's, else one derived from the content.

    A recording without an id (or with one too long or unstorable) gets a hash of its
    file's bytes, so distinct recordings get distinct rows and saving the same file
    twice keeps one. Without a readable file, the header and events are hashed.
    """
    given = clean_text(header.id).strip()
    if given and given == header.id and len(given) <= MAX_ID:
        return given
    if given:
        return _digest(header.id.encode("utf-8", "surrogatepass"))
    if path is not None:
        try:
            return _digest(path.read_bytes())
        except OSError:
            pass
    content: dict[str, Any] = {"header": header.to_json()}
    if recording is not None:
        content["events"] = [event.to_json() for event in recording.events]
    text = json.dumps(content, ensure_ascii=True, sort_keys=True, default=str)
    return _digest(text.encode("ascii", "backslashreplace"))
