"""A trainee's past calls, read from the recordings folder (no UI here).

Recordings live at `<recordings>/<YYYY-MM-DD>/<sanitized trainee>/<id>.jsonl`. A call
whose result is in the results database is listed with the stored score at once, without
reading its file (hundreds of calls list in a blink); the file is read and graded only
when the trainee opens it. A call the database does not know is read and graded on load
(the grader is deterministic, so the score is the one the report gave). A file that cannot
be read or graded is listed with the reason instead of a score.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from simulator.recording.names import sanitize_name
from simulator.recording.reader import Recording, RecordingError, read_recording
from simulator.scenario.models import Scenario
from simulator.tui.model.library import Library

if TYPE_CHECKING:
    from simulator.grading.model import Grade
    from simulator.store.engine import Store

Grader = Callable[[Recording, Scenario | None], "Grade"]
Progress = Callable[[int, int], None]
MODE_TITLES = {"practice": "练习", "exam": "考试", "selftest": "自测"}


@dataclass(frozen=True)
class Stored:
    """A call's result as the results database holds it."""

    scenario: str
    mode: str
    score: int
    passed: bool


@dataclass(frozen=True)
class HistoryEntry:
    """One past call: graded here (`grade`) or known from the database (`stored`)."""

    path: Path
    started: datetime
    recording: Recording | None
    grade: Grade | None
    scenario: Scenario | None
    problem: str = ""
    stored: Stored | None = None

    @property
    def title(self) -> str:
        if self.scenario is not None:
            return self.scenario.title
        if self.recording is not None:
            return self.recording.header.scenario or "（未知场景）"
        if self.stored is not None:
            return self.stored.scenario
        return self.path.stem

    @property
    def result(self) -> tuple[int, bool] | None:
        """(score, passed), from the grade or the database; None if it has neither."""
        if self.grade is not None:
            return self.grade.score, self.grade.passed
        if self.stored is not None:
            return self.stored.score, self.stored.passed
        return None

    @property
    def mode(self) -> str:
        """练习, 考试 or 自测 (no hints, but no trainer's exam behind it)."""
        if self.recording is not None:
            header = self.recording.header
            if header.mode == "exam" and not header.extra.get("exam"):
                return "自测"
            return MODE_TITLES.get(header.mode, header.mode)
        if self.stored is not None:
            return MODE_TITLES.get(self.stored.mode, self.stored.mode)
        return ""

    @property
    def needs_opening(self) -> bool:
        """Listed from the database: the file is read and graded when it is opened."""
        return self.recording is None and self.stored is not None and not self.problem


def recording_files(root: Path, trainee: str) -> list[Path]:
    """Every recording of this trainee, oldest first (call ids sort by time)."""
    folder_name = sanitize_name(trainee)
    files = [p for p in root.glob(f"*/{folder_name}/*.jsonl") if p.is_file()]
    return sorted(files, key=lambda p: (p.name, p.parent.parent.name))


def started_at(path: Path) -> datetime:
    """When the call began: from its id (`2026-11-22T09-15-02-a1b2`), else the file time."""
    stem = path.stem
    try:  # slicing, not strptime: hundreds of files are listed at once
        if stem[4] + stem[7] + stem[10] + stem[13] + stem[16] != "--T--":
            raise ValueError(stem)
        return datetime(
            int(stem[0:4]),
            int(stem[5:7]),
            int(stem[8:10]),
            int(stem[11:13]),
            int(stem[14:16]),
            int(stem[17:19]),
        )
    except (ValueError, IndexError):
        return datetime.fromtimestamp(path.stat().st_mtime)


def stored_results(store: Store, trainee: str) -> dict[str, Stored]:
    """This trainee's results in the database, by the recording's file name."""
    # SQLAlchemy is imported when the database is used, not at start-up.
    from sqlalchemy import select  # noqa: PLC0415

    from simulator.store.schema import CallResult  # noqa: PLC0415

    query = select(
        CallResult.recording_path,
        CallResult.scenario,
        CallResult.mode,
        CallResult.exam_id,
        CallResult.score,
        CallResult.passed,
    ).where(CallResult.trainee == trainee)
    rows = store.read(lambda conn: conn.execute(query).all())
    results: dict[str, Stored] = {}
    for path, scenario, mode, exam_id, score, passed in rows:
        if not path:
            continue
        # A row stored before self-tests had a mode of their own says "exam", no exam id.
        shown = "selftest" if mode == "exam" and not exam_id else mode
        results[_key(Path(path))] = Stored(scenario, shown, int(score), bool(passed))
    return results


def _key(path: Path) -> str:
    # The file name is the call's id plus a random tag: unique, and the same whichever
    # machine or folder the database recorded the path from (resolving 1,000 paths
    # would cost more than the whole list is allowed to take).
    return path.name


def load_history(
    root: Path,
    trainee: str,
    library: Library,
    grader: Grader,
    *,
    stored: Mapping[str, Stored] | None = None,
    progress: Progress | None = None,
) -> tuple[list[HistoryEntry], list[str]]:
    """Entries oldest first, and one line per file that could not be used.

    Calls found in `stored` are not read; `progress(done, total)` is told after each file
    that had to be read and graded."""
    entries: list[HistoryEntry] = []
    problems: list[str] = []
    known = stored or {}
    files = recording_files(root, trainee)
    to_grade = [path for path in files if _key(path) not in known]
    for path in files:
        result = known.get(_key(path))
        if result is not None:
            scenario = library.by_id(result.scenario)
            entries.append(HistoryEntry(path, started_at(path), None, None, scenario, "", result))
    for done, path in enumerate(to_grade, start=1):
        entry = grade_file(path, library, grader)
        entries.append(entry)
        if entry.problem:
            problems.append(entry.problem)
        if progress is not None:
            progress(done, len(to_grade))
    entries.sort(key=lambda e: (e.started, e.path.name))
    return entries, problems


def grade_file(path: Path, library: Library, grader: Grader) -> HistoryEntry:
    """Read and grade one recording; a failure becomes the entry's `problem`."""
    started = started_at(path)
    try:
        recording = read_recording(path)
    except RecordingError as exc:
        return HistoryEntry(path, started, None, None, None, str(exc))
    scenario = library.by_id(recording.header.scenario)
    try:
        grade = grader(recording, scenario)
    except Exception as exc:  # one bad file must not hide the rest of the history
        problem = f"{path}: 无法评分（{type(exc).__name__}: {exc}）"
        return HistoryEntry(path, started, recording, None, scenario, problem)
    return HistoryEntry(path, started, recording, grade, scenario)


def open_entry(entry: HistoryEntry, library: Library, grader: Grader) -> HistoryEntry:
    """An entry listed from the database, with its recording read and graded."""
    if not entry.needs_opening:
        return entry
    opened = grade_file(entry.path, library, grader)
    return replace(opened, stored=entry.stored)
