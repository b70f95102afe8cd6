"""A trainee's past calls, read from the recordings folder and graded (no UI here).

Recordings live at `<recordings>/<YYYY-MM-DD>/<sanitized trainee>/<id>.jsonl`. Each is
graded on load (the grader is deterministic, so the score is the one the report gave);
a file that cannot be read or graded is listed with the reason instead of a score.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.recording.names import sanitize_name
from simulator.recording.reader import Recording, RecordingError, read_recording
from simulator.scenario.models import Scenario
from simulator.tui.library import Library

if TYPE_CHECKING:
    from simulator.grading.model import Grade

Grader = Callable[[Recording, Scenario | None], "Grade"]


@dataclass(frozen=True)
class HistoryEntry:
    """One past call."""

    path: Path
    started: datetime
    recording: Recording | None
    grade: Grade | None
    scenario: Scenario | None
    problem: str = ""

    @property
    def title(self) -> str:
        if self.scenario is not None:
            return self.scenario.title
        if self.recording is not None:
            return self.recording.header.scenario or "（未知场景）"
        return self.path.stem


def recording_files(root: Path, trainee: str) -> list[Path]:
    """Every recording of this trainee, oldest first (call ids sort by time)."""
    folder_name = sanitize_name(trainee)
    files = [p for p in root.glob(f"*/{folder_name}/*.jsonl") if p.is_file()]
    return sorted(files, key=lambda p: (p.name, p.parent.parent.name))


def started_at(path: Path) -> datetime:
    """When the call began: from its id (`2026-11-22T09-15-02-a1b2`), else the file time."""
    try:
        return datetime.strptime(path.stem[:19], "%Y-%m-%dT%H-%M-%S")
    except ValueError:
        return datetime.fromtimestamp(path.stat().st_mtime)


def load_history(
    root: Path, trainee: str, library: Library, grader: Grader
) -> tuple[list[HistoryEntry], list[str]]:
    """Entries oldest first, and one line per file that could not be used."""
    entries: list[HistoryEntry] = []
    problems: list[str] = []
    for path in recording_files(root, trainee):
        started = started_at(path)
        try:
            recording = read_recording(path)
        except RecordingError as exc:
            problems.append(str(exc))
            entries.append(HistoryEntry(path, started, None, None, None, str(exc)))
            continue
        scenario = library.by_id(recording.header.scenario)
        try:
            grade = grader(recording, scenario)
        except Exception as exc:  # one bad file must not hide the rest of the history
            problem = f"{path}: 无法评分（{type(exc).__name__}: {exc}）"
            problems.append(problem)
            entries.append(HistoryEntry(path, started, recording, None, scenario, problem))
            continue
        entries.append(HistoryEntry(path, started, recording, grade, scenario))
    entries.sort(key=lambda e: e.started)
    return entries, problems
