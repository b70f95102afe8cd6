"""Grading many recording files: scenario lookup by id, unreadable files reported, and
two processes for big batches where the machine has the cores.

Each file is read, its scenario (by the id in its header) looked up once per id, and
graded with one matcher. Results come back in file order.
"""

from __future__ import annotations

import os
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from simulator.errors import UserError
from simulator.grading.grader import grade
from simulator.grading.model import Grade
from simulator.grading.terms import GradingTerms, scenario_terms
from simulator.recording import read_recording
from simulator.recording.reader import Recording
from simulator.scenario.lookup import find_scenario, is_scenario_id
from simulator.standards import PhraseMatcher, default_matcher

if TYPE_CHECKING:
    from simulator.scenario.models import Scenario

# The YAML loader and the scenario models are imported only where a whole scenario is
# read (ScenarioLookup, a cache miss of TermsLookup), and multiprocessing only for a
# batch big enough to fork: `callsim grade ONE.jsonl` starts without them.

Found = TypeVar("Found")

PARALLEL_MIN_FILES = 1000
"""Below this many files a second process costs more than it saves (each worker warms
its own matcher caches, about a third more CPU in total)."""
CHUNK = 25


class _Lookup(ABC, Generic[Found]):
    """Scenarios by id from a directory (or several, first match wins: a trainer's folder
    over the shipped library), each file read at most once.

    A missing scenario file is fine (the defaults apply); a broken one is reported once
    as a warning and the defaults apply too.
    """

    def __init__(self, directory: Path | Sequence[Path]) -> None:
        self.directories = [directory] if isinstance(directory, Path) else list(directory)
        self._found: dict[str, Found | None] = {}
        self.warnings: list[str] = []

    def get(self, scenario_id: str) -> Found | None:
        if not scenario_id:
            return None
        if scenario_id not in self._found and not _plain_id(scenario_id):
            shown = ascii(scenario_id[:80])
            self.warnings.append(
                f"录音头里的场景 {shown} 不是场景 id（只查找场景目录中的场景），按默认规则评分"
            )
            self._found[scenario_id] = None
        if scenario_id not in self._found:
            self._found[scenario_id] = self._load(scenario_id)
        return self._found[scenario_id]

    def _load(self, scenario_id: str) -> Found | None:
        existing = [folder for folder in self.directories if folder.is_dir()]
        if not existing:
            return None
        path = find_scenario(scenario_id, existing)
        if path is None:
            return None
        try:
            return self._read(path)
        except UserError as exc:
            first = str(exc).splitlines()[0] if str(exc) else str(path)
            self.warnings.append(f"{first}（场景文件有误，按默认规则评分）")
            return None

    @abstractmethod
    def _read(self, path: Path) -> Found:
        """What one scenario file yields (a whole scenario, or only its grading terms)."""


class ScenarioLookup(_Lookup["Scenario"]):
    """Whole scenarios by id (what the replay shows besides grading)."""

    def _read(self, path: Path) -> Scenario:
        from simulator.scenario.loader import load_scenario  # noqa: PLC0415 - start-up time

        return load_scenario(path)


class TermsLookup(_Lookup[GradingTerms]):
    """The grading terms of scenarios by id, from the disk cache when unchanged."""

    def _read(self, path: Path) -> GradingTerms:
        return scenario_terms(path)


def _plain_id(scenario_id: str) -> bool:
    return is_scenario_id(scenario_id)


@dataclass
class BatchResult:
    """Grades in file order, one error line per unreadable file, scenario warnings.

    With `keep_recordings`, `recordings[i]` is the very Recording `grades[i]` was made
    from: whoever stores a grade must check that content, not re-read a file that may
    have changed since."""

    grades: list[Grade] = field(default_factory=list)
    recordings: list[Recording] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


Outcome = tuple[Grade | None, str | None, Recording | None]


def _grade_path(path: Path, scenarios: TermsLookup, matcher: PhraseMatcher) -> Outcome:
    try:
        recording = read_recording(path)
    except UserError as exc:  # RecordingError and any other bad-input error of ours
        return None, str(exc), None
    scenario = scenarios.get(recording.header.scenario)
    return grade(recording, scenario=scenario, matcher=matcher), None, recording


@dataclass
class _WorkerState:
    inherited: PhraseMatcher | None = None
    """The parent's matcher, set just before forking so workers start with it."""
    scenarios: TermsLookup | None = None
    matcher: PhraseMatcher | None = None
    keep_recordings: bool = False


_state = _WorkerState()


def _start_worker(scenario_dir: Path | Sequence[Path], keep_recordings: bool = False) -> None:
    _state.scenarios = TermsLookup(scenario_dir)
    _state.matcher = _state.inherited or default_matcher()
    _state.keep_recordings = keep_recordings


def _grade_in_worker(path: Path) -> tuple[Grade | None, str | None, Recording | None, list[str]]:
    scenarios, matcher = _state.scenarios, _state.matcher
    if scenarios is None or matcher is None:
        raise RuntimeError("grading worker used before it was started")
    before = len(scenarios.warnings)
    found, error, recording = _grade_path(path, scenarios, matcher)
    # A recording is sent back only when asked for: pickling it costs time per file.
    kept = recording if _state.keep_recordings else None
    return found, error, kept, scenarios.warnings[before:]


def usable_cores() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def spare_core() -> bool:
    """Whether a second core is there and idle enough to be worth a second process.

    Measured on 2 cores: with the other core busy, two processes were slower than one.
    """
    cores = usable_cores()
    if cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except OSError:
        return False
    return load < cores - 1


def grade_paths(
    files: Sequence[Path],
    scenario_dir: Path | Sequence[Path],
    *,
    matcher: PhraseMatcher | None = None,
    parallel: bool | None = None,
    progress: Callable[[], None] | None = None,
    keep_recordings: bool = False,
) -> BatchResult:
    """Grade `files` in order. `parallel`: None decides by batch size and cores (two
    forked processes from PARALLEL_MIN_FILES files on, when a core is spare);
    `progress` is called once per file; `keep_recordings`: also return each graded
    Recording (see BatchResult)."""
    matcher = matcher if matcher is not None else default_matcher()
    if parallel is None:
        parallel = len(files) >= PARALLEL_MIN_FILES and spare_core()
    if parallel and not _can_fork():
        parallel = False  # a spawned worker would rebuild the matcher: not worth it
    result = BatchResult()
    if parallel:
        outcomes = _parallel(files, scenario_dir, matcher, keep_recordings)
    else:
        scenarios = TermsLookup(scenario_dir)
        outcomes = ((*_grade_path(p, scenarios, matcher), scenarios.warnings) for p in files)
    seen: set[str] = set()
    for found, error, recording, warnings in outcomes:
        if found is not None:
            result.grades.append(found)
            if keep_recordings and recording is not None:
                result.recordings.append(recording)
        if error is not None:
            result.errors.append(error)
        for warning in warnings:
            if warning not in seen:
                seen.add(warning)
                result.warnings.append(warning)
        if progress is not None:
            progress()
    return result


def _can_fork() -> bool:
    import multiprocessing  # noqa: PLC0415 - start-up time (one file never forks)

    return "fork" in multiprocessing.get_all_start_methods()


def _parallel(
    files: Sequence[Path],
    scenario_dir: Path | Sequence[Path],
    matcher: PhraseMatcher,
    keep_recordings: bool = False,
) -> Iterable[tuple[Grade | None, str | None, Recording | None, list[str]]]:
    import multiprocessing  # noqa: PLC0415 - start-up time (one file never forks)
    from concurrent.futures import ProcessPoolExecutor  # noqa: PLC0415 - the same

    # Forked after the parent built its matcher, each worker starts with it in memory.
    _state.inherited = matcher
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=min(2, usable_cores()),
        mp_context=context,
        initializer=_start_worker,
        initargs=(scenario_dir, keep_recordings),
    ) as pool:
        yield from pool.map(_grade_in_worker, files, chunksize=CHUNK)
