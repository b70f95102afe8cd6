"""Keeping the details of a crash for the trainer while the trainee sees a plain message."""

from __future__ import annotations

import traceback
from datetime import datetime
from pathlib import Path


def write_crash_log(data_dir: Path, exc: BaseException) -> Path | None:
    """Write the traceback to `<data>/logs/crash-<time>.log`; None if that fails too."""
    folder = data_dir / "logs"
    path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
    except OSError:
        return None
    return path
