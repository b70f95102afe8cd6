"""Writing a call as JSON Lines, one event at a time, so a crash loses nothing said."""

from __future__ import annotations

import json
import os
import secrets
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from simulator.recording.events import Event, SessionHeader
from simulator.recording.names import sanitize_name


def new_call_id(now: datetime | None = None) -> str:
    """`2026-11-22T09-15-02-a1b2`: sortable by time, unique enough for one trainee."""
    stamp = (now or datetime.now()).strftime("%Y-%m-%dT%H-%M-%S")
    return f"{stamp}-{secrets.token_hex(2)}"


def recording_path(root: Path, trainee: str, call_id: str, day: datetime | None = None) -> Path:
    """`<root>/<YYYY-MM-DD>/<sanitized trainee>/<id>.jsonl` (RECORDING_FORMAT.md)."""
    date = (day or datetime.now()).strftime("%Y-%m-%d")
    return root / date / sanitize_name(trainee) / f"{sanitize_name(call_id)}.jsonl"


class RecordingWriter:
    """Appends the header and then each event as one line, flushed at once.

    Flushing hands every line to the operating system as soon as it happens, so even a
    `kill -9` of the process leaves a file with every event up to the kill. `close()`
    also fsyncs, for power loss on a finished call.
    """

    def __init__(self, path: Path, header: SessionHeader) -> None:
        self.path = path
        self.header = header
        path.parent.mkdir(parents=True, exist_ok=True)
        # "x": never overwrite an earlier call that happens to share the id. "replace":
        # text that cannot be UTF-8 (a lone surrogate) must not leave the call unfinished.
        self._file: IO[str] | None = path.open("x", encoding="utf-8", errors="replace")
        self._write(header.to_json())

    @property
    def audio_dir(self) -> Path:
        """Where this call's WAV files go: `<id>/` beside the recording."""
        return self.path.with_suffix("")

    def write(self, event: Event) -> None:
        self._write(event.to_json())

    def _write(self, data: dict[str, Any]) -> None:
        if self._file is None:
            raise RuntimeError(f"recording {self.path} is already closed")
        self._file.write(json.dumps(data, ensure_ascii=False) + "\n")
        self._file.flush()

    @property
    def closed(self) -> bool:
        return self._file is None

    def close(self) -> None:
        if self._file is None:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        self._file = None

    def __enter__(self) -> RecordingWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
