"""Reading a user's file without trusting it: only regular files, and never past a cap.

`stat()` says 0 bytes for `/dev/zero` and a FIFO blocks the reader until someone
writes, so the size is checked on the bytes actually read and anything but a regular
file is refused before a single byte is read.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path is a device, a FIFO or a socket: not something to read as a file."""


def read_capped(path: Path, limit: int) -> bytes | None:
    """The file's bytes, or None when it holds more than `limit` bytes.

    Raises NotRegularFile for anything but a regular file, OSError as `open` does.
    """
    # O_NONBLOCK: opening a FIFO with no writer must not hang; regular files ignore it.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(f"is a directory: {path}")
        if not stat.S_ISREG(mode):
            raise NotRegularFile(f"not a regular file: {path}")
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:
            return None
        return b"".join(chunks)
    finally:
        os.close(fd)
