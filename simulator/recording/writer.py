"""Writing a call as JSON Lines, one event at a time, so a crash loses nothing said."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import secrets
from collections.abc import Callable
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
    """`<root>/<YYYY-MM-DD>/<sanitized trainee>/<id>.jsonl` (docs/recording-format.md)."""
    date = (day or datetime.now()).strftime("%Y-%m-%d")
    return root / date / sanitize_name(trainee) / f"{sanitize_name(call_id)}.jsonl"


def _open(path: Path) -> IO[str]:
    # "x": never overwrite an earlier call that happens to share the id. "replace":
    # text that cannot be UTF-8 (a lone surrogate) must not leave the call unfinished.
    return path.open("x", encoding="utf-8", errors="replace")


class RecordingWriter:
    """Appends the header and then each event as one line, flushed at once.

    Flushing hands every line to the operating system as soon as it happens, so even a
    `kill -9` of the process leaves a file with every event up to the kill. `close()`
    also fsyncs, for power loss on a finished call.

    A write that fails once the file is open (disk full, the USB stick pulled) never
    stops the call: the writer stops writing, keeps every line already on disk as it is
    (a half-written last line reads as cut off, so the call counts as unfinished), and
    says what happened in `failure`, one line for the trainee. `open_file` is for tests.
    """

    def __init__(
        self,
        path: Path,
        header: SessionHeader,
        *,
        open_file: Callable[[Path], IO[str]] | None = None,
    ) -> None:
        self.path = path
        self.header = header
        self.failure: str | None = None
        """Why the recording stopped being written (Chinese, one line), else None."""
        self.lost = 0
        """Events that could not be written after the failure."""
        path.parent.mkdir(parents=True, exist_ok=True)
        self._file: IO[str] | None = (open_file or _open)(path)
        self._write(header.to_json())

    @property
    def audio_dir(self) -> Path:
        """Where this call's WAV files go: `<id>/` beside the recording."""
        return self.path.with_suffix("")

    def write(self, event: Event) -> None:
        self._write(event.to_json())

    def _write(self, data: dict[str, Any]) -> None:
        if self._file is None:
            if self.failure is not None:
                self.lost += 1
                return
            raise RuntimeError(f"recording {self.path} is already closed")
        try:
            self._file.write(json.dumps(data, ensure_ascii=False) + "\n")
            self._file.flush()
        except OSError as exc:
            self.lost += 1
            self._give_up(exc)

    def _give_up(self, exc: OSError) -> None:
        """Stop writing for good: a later line after a half-written one would make the
        whole file unreadable, while a cut-off last line reads as an unfinished call."""
        self.failure = failure_line(self.path, exc)
        file, self._file = self._file, None
        if file is not None:
            # Closing flushes again and fails the same way; the descriptor is closed
            # all the same, which is all that is wanted here.
            with contextlib.suppress(OSError):
                file.close()

    @property
    def closed(self) -> bool:
        return self._file is None

    def close(self) -> None:
        if self._file is None:
            return
        try:
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
        except OSError as exc:
            self._give_up(exc)
        self._file = None

    def __enter__(self) -> RecordingWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_REASONS = {
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘配额已用完",
    errno.EROFS: "磁盘变成了只读",
    errno.EIO: "磁盘读写出错",
    errno.EACCES: "没有写入权限",
}


def failure_reason(exc: OSError) -> str:
    """Why a write failed, in Chinese where it is a common case."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or type(exc).__name__


def failure_line(path: Path, exc: OSError) -> str:
    """The one line a trainee reads when their call could not be recorded to the end."""
    reason = failure_reason(exc)
    return (
        f"录音写入失败（{reason}）：{path} 只保存了此前的内容，本通电话不完整、不计成绩"
        " — 请告知培训老师腾出磁盘空间后再接听"
    )
