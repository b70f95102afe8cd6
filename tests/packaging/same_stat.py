"""Editing a file the way a cache keyed on size and modification time would miss."""

from __future__ import annotations

import os
from pathlib import Path


def edit_keeping_stat(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in `path` with `new` (same length in bytes), then put the
    modification time back: only the content tells the file changed."""
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
