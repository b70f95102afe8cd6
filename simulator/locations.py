"""Where callsim keeps things.

Each place is read from the one settings object, `settings.current()` (the command's
options, else the `CALLSIM_*` variables, see `simulator/settings.py`), else a default;
nothing here reads or writes `os.environ`. Tests point them at tmp_path with
`settings.overridden(...)` or by setting a `CALLSIM_*` variable (monkeypatch).

- the shipped scenario library (scenarios, phrase catalog, exams, JSON Schemas):
  `scenarios/` in a checkout, else `simulator/_library/` inside the installed package
  (setup.py copies it there when the wheel is built).
- the trainer's own folder: `--scenarios DIR`, else
  `$CALLSIM_SCENARIOS_DIR`, else none. It is layered over the shipped library: its
  scenarios are added, one with the same id replaces the shipped one, and a `standards/`
  folder in it replaces the shipped phrase catalog as a whole.
- recordings: `--recordings DIR`, else `$CALLSIM_RECORDINGS_DIR`, else `recordings/` in
  the project when running from a checkout, else the user data dir.
- data (settings, the results database): `$CALLSIM_DATA_DIR`, else the user data dir.
- cache (assembled speech model, synthesized caller audio, the compiled catalog):
  `$CALLSIM_CACHE_DIR`, else the user cache dir.
- the class results are filed under when none is given: `$CALLSIM_CLASS`, else none.
"""

from __future__ import annotations

from pathlib import Path

import platformdirs

from simulator import settings

APP_NAME = "callsim"
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SCENARIOS_ENV_VAR = "CALLSIM_SCENARIOS_DIR"
LIBRARY_PACKAGE_DIR = "_library"
"""The shipped library's folder inside the installed `simulator` package."""


def _in_checkout() -> bool:
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "scenarios").is_dir()


def in_checkout() -> bool:
    """Whether callsim runs from a source checkout (not from an installed wheel)."""
    return _in_checkout()


def recordings_dir() -> Path:
    chosen = settings.current().recordings_dir
    if chosen is not None:
        return chosen
    if _in_checkout():
        return PROJECT_ROOT / "recordings"
    return data_dir() / "recordings"


def data_dir() -> Path:
    chosen = settings.current().data_dir
    return chosen if chosen is not None else Path(platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    chosen = settings.current().cache_dir
    return chosen if chosen is not None else Path(platformdirs.user_cache_dir(APP_NAME))


def library_dir() -> Path:
    """The shipped scenario library: `scenarios/` in a checkout, else the package's copy."""
    if _in_checkout():
        return PROJECT_ROOT / "scenarios"
    # A wheel is always unpacked onto the file system (pip, pipx and uv never run
    # callsim from a zip), so the package's resource folder is a real directory beside
    # this module (what importlib.resources would say, without the ~5 ms of importing it
    # on every command's start).
    return Path(__file__).parent / LIBRARY_PACKAGE_DIR


def trainer_dir() -> Path | None:
    """The trainer's own folder layered over the library (`--scenarios` / the env), or None."""
    return settings.current().scenarios_dir


def scenarios_dir() -> Path:
    """The folder a trainer works in: their own folder when set, else the shipped library.

    `callsim validate` without paths checks this one. Lookups by id use `scenario_dirs()`.
    """
    return trainer_dir() or library_dir()


def scenario_dirs() -> list[Path]:
    """Folders searched for a scenario by id, first match wins: the trainer's, then shipped."""
    return layered(trainer_dir())


def layered(folder: Path | None) -> list[Path]:
    """`folder` over the shipped library (the library alone when `folder` is None or it)."""
    library = library_dir()
    if folder is None or _same(folder, library):
        return [library]
    return [folder, library]


def library_below() -> tuple[Path, ...]:
    """What lies under `scenarios_dir()`: the shipped library when a trainer's folder is set."""
    return tuple(layered(trainer_dir())[1:])


def _same(a: Path, b: Path) -> bool:
    try:
        return a.resolve() == b.resolve()
    except OSError:
        return False


CLASS_ENV_VAR = "CALLSIM_CLASS"


def default_class() -> str:
    """The class set for this machine (a classroom sets it once), or ""."""
    return settings.current().class_name.strip()


def standards_dir() -> Path:
    """The phrase catalog: the trainer's `standards/` when their folder has one, else shipped."""
    own = trainer_dir()
    if own is not None and (own / "standards").is_dir():
        return own / "standards"
    return library_dir() / "standards"
