"""Finding scenario files by id, without the YAML loader or the pydantic models.

`callsim grade` looks a recording's scenario up by the id in its header; with the
scenario's grading terms in the disk cache it never needs the loader, so the lookup lives
apart from it (simulator.scenario.loader re-exports these names).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from simulator.locations import scenario_dirs

SCENARIO_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
"""The form of a scenario id (models.Scenario.id): no dot, slash or other path mark."""
SCENARIO_ID_MAX = 64

SKIPPED_FOLDERS = frozenset({"standards", "scripts", "exams"})
"""Folders of a scenarios directory that hold other kinds of YAML files."""
YAML_SUFFIXES = (".yaml", ".yml")


def scenario_files(directory: Path | str) -> list[Path]:
    """Scenario files under `directory` (recursively), skipping standards/ and scripts/."""
    root = Path(directory)
    found = [
        path
        for path in root.rglob("*")
        if path.suffix in YAML_SUFFIXES
        and path.is_file()
        and not SKIPPED_FOLDERS & set(path.relative_to(root).parts[:-1])
    ]
    return sorted(found)


def find_scenario(
    scenario_id: str, directories: Iterable[Path | str] | Path | str | None = None
) -> Path | None:
    """The file of scenario `scenario_id` in the first directory that has it, or None.

    Only a well-formed id (`standard-inquiry`) is looked up: a path (`/etc/x`, `../x`)
    never is, so an id read from a file cannot load a YAML from outside these folders.
    """
    if not is_scenario_id(scenario_id):
        return None
    if directories is None:
        directories = scenario_dirs()  # the trainer's folder first, then the shipped library
    elif isinstance(directories, (str, Path)):
        directories = [directories]
    for directory in directories:
        root = Path(directory)
        for suffix in YAML_SUFFIXES:
            candidate = root / f"{scenario_id}{suffix}"
            if candidate.is_file() and _inside(candidate, root):
                return candidate
        if root.is_dir():
            for path in scenario_files(root):
                if path.stem == scenario_id and _inside(path, root):
                    return path
    return None


def is_scenario_id(text: str) -> bool:
    """Whether `text` has the form of a scenario id (what the `id:` field allows)."""
    return len(text) <= SCENARIO_ID_MAX and SCENARIO_ID.fullmatch(text) is not None


def _inside(path: Path, root: Path) -> bool:
    """Whether `path`, symbolic links followed, is still under `root`."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False
