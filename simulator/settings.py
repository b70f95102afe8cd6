"""callsim's settings in one object: `CALLSIM_*` environment variables, then the options.

`Settings()` reads the environment (`CALLSIM_DB`, `CALLSIM_RECORDINGS_DIR`, …; an empty
value counts as unset). Nothing writes the environment to pass options down.

How the object travels:

- The command line builds it once (`simulator.cli.main`: the environment's settings
  with `--db`, `--recordings`, `--scenarios` applied) and passes it to the subcommand's
  handler, `handler(args, settings)`. `callsim run` passes it on to the app
  (`make_app(settings=…)`), which builds its `Services` from it
  (`Services.from_settings`); the app reads it as `app.settings`. `callsim serve` and
  `callsim scoreboard` read the pseudonym key and the access token from it.
- The handler runs inside `using(settings)`, so the parts far below that still call
  `current()` see the same object. They are kept on `current()` because threading one
  more argument through them would touch every caller for no gain in behaviour:
  `locations` (the folders), `store.urls` and `store.throwaway` (the database URL,
  PostgreSQL's tools), `cache` (the disk cache switch), the voice layer (`voice.sound`
  devices, `voice.trainee.model` speech model, `voice.trainee.voice_input_check` the
  virtual microphone, `voice.caller.client`), `tui.model.class_demo` (the class demo's
  default) and `scoreboard.sessions` (a board tab's environment).
- Outside a command (tests, benchmarks, a library user) `current()` reads the
  environment as it is now; `overridden(...)` changes some settings for a block.
- Child processes (a scoreboard tab, say) get the same settings through `environment()`
  / `child_environment()`.
"""

from __future__ import annotations

import dataclasses
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

ENV_PREFIX = "CALLSIM_"

# A plain dataclass, not pydantic-settings: every command builds this object first, and
# importing pydantic-settings (pydantic, asyncio, dotenv) cost a short command like
# `callsim grade` more than 0.1 s of its start. The fields are flat strings and paths, so
# reading them needs no validation library.


@dataclasses.dataclass(frozen=True)
class Settings:
    """Every setting callsim reads from its environment; None or "" when not set.

    `Settings(**values)`: the given values, the others from the `CALLSIM_*` variables
    (an empty one counts as unset; names are matched without regard to case).
    """

    scenarios_dir: Path | None = None
    """The trainer's own scenario folder, layered over the shipped library."""
    recordings_dir: Path | None = None
    data_dir: Path | None = None
    cache_dir: Path | None = None
    db: str | None = None
    """The results database URL (else the SQLite file in the data folder)."""
    class_name: str = ""
    """The class results are filed under when none is given (set once per classroom);
    its variable is `CALLSIM_CLASS`."""
    mic_file: Path | None = None
    """A WAV file played as the microphone."""
    pseudonym_key: str | None = None
    """The scoreboard's pseudonym key (a secret: passed to child processes by environment,
    never on a command line)."""
    serve_token: str | None = None
    """The access token `callsim serve` asks for."""
    audio_device: str | None = None
    """The playback device, by number or name."""
    mic_device: str | None = None
    """The capture device, by number or name."""
    asr_model: str = ""
    """The speech model: bundled `base`, a local CTranslate2 folder or a model name."""
    no_cache: str = ""
    """Any value turns the disk cache of compiled data files off."""
    class_demo: str = ""
    """`1`/`yes`/`true`/`on`: calls start with the class demo on."""
    pg_bindir: Path | None = None
    """Where PostgreSQL's initdb and pg_ctl are (tests' throwaway servers)."""

    def __init__(self, **values: Any) -> None:
        unknown = set(values) - set(_FIELDS)
        if unknown:
            raise TypeError(f"Settings has no field {', '.join(sorted(unknown))}")
        found = _environment_values(os.environ)
        found.update(values)
        for name, field in _FIELDS.items():
            value = found.get(name, field.default)
            object.__setattr__(self, name, _coerced(name, value))

    def model_copy(self, *, update: Mapping[str, Any] | None = None) -> Settings:
        """A copy with some settings changed (the environment is not read again)."""
        changed = {name: getattr(self, name) for name in _FIELDS}
        unknown = set(update or {}) - set(_FIELDS)
        if unknown:
            raise TypeError(f"Settings has no field {', '.join(sorted(unknown))}")
        changed.update(update or {})
        made = object.__new__(Settings)
        for name, value in changed.items():
            object.__setattr__(made, name, _coerced(name, value))
        return made

    def environment(self) -> dict[str, str]:
        """These settings as `CALLSIM_*` variables, for a child process's environment."""
        values: dict[str, str] = {}
        for name in _FIELDS:
            value = getattr(self, name)
            if value is None or value == "":
                continue
            values[_variable(name)] = str(value)
        return values


_FIELDS = {field.name: field for field in dataclasses.fields(Settings)}
_PATHS = frozenset({"scenarios_dir", "recordings_dir", "data_dir", "cache_dir", "mic_file",
                    "pg_bindir"})  # fmt: skip
_ALIASES = {"class_name": "CALLSIM_CLASS"}
"""Fields whose variable is not `CALLSIM_` + the field's name."""


def _variable(name: str) -> str:
    return _ALIASES.get(name, ENV_PREFIX + name.upper())


def _coerced(name: str, value: Any) -> Any:
    """A path field's text as a Path (what the variables and some callers give)."""
    if name in _PATHS and isinstance(value, str):
        return Path(value)
    return value


def _environment_values(environ: Mapping[str, str]) -> dict[str, Any]:
    """The fields the `CALLSIM_*` variables of `environ` set (empty ones count as unset)."""
    by_variable = {_variable(name).upper(): name for name in _FIELDS}
    found: dict[str, Any] = {}
    for key, value in environ.items():
        name = by_variable.get(key.upper())
        if name is not None and value != "":
            found[name] = value
    return found


_lock = threading.Lock()
_override: Settings | None = None


def current() -> Settings:
    """The settings in force: the command's, inside `overridden`, else the environment's
    as it is now (so a test that sets a variable sees it at once)."""
    override = _override
    if override is not None:
        return override
    mine = tuple(sorted((k, v) for k, v in os.environ.items() if k.upper().startswith(ENV_PREFIX)))
    return _from_environment(mine)


@lru_cache(maxsize=8)
def _from_environment(variables: tuple[tuple[str, str], ...]) -> Settings:
    # One object per set of variables: they change rarely (a test, a classroom's
    # profile), and callers may keep and compare the object they were given.
    del variables  # the cache key: Settings() reads the same values from os.environ
    return Settings()


def with_options(**options: Any) -> Settings:
    """The settings in force with some changed (the command's options): a new object,
    nothing is made current by it."""
    return current().model_copy(update=options)


@contextmanager
def using(chosen: Settings) -> Iterator[Settings]:
    """Run a block with `chosen` as the settings in force, for every thread of the process,
    until the block ends (what a command does with the object it built)."""
    global _override  # noqa: PLW0603 - one process-wide value, set and restored here only
    with _lock:
        previous = _override
        _override = chosen
    try:
        yield chosen
    finally:
        with _lock:
            _override = previous


@contextmanager
def overridden(**changes: Any) -> Iterator[Settings]:
    """Run a block with some settings changed; the change is visible to every thread of
    the process until the block ends."""
    with using(with_options(**changes)) as changed:
        yield changed


def child_environment() -> dict[str, str]:
    """The environment for a child process of callsim: this one's, with the settings in
    force (options included) as `CALLSIM_*` variables."""
    return {**os.environ, **current().environment()}
