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

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

ENV_PREFIX = "CALLSIM_"


class Settings(BaseSettings):
    """Every setting callsim reads from its environment; None or "" when not set."""

    model_config = SettingsConfigDict(
        env_prefix=ENV_PREFIX,
        env_ignore_empty=True,
        extra="ignore",
        frozen=True,
        populate_by_name=True,
    )

    scenarios_dir: Path | None = None
    """The trainer's own scenario folder, layered over the shipped library."""
    recordings_dir: Path | None = None
    data_dir: Path | None = None
    cache_dir: Path | None = None
    db: str | None = None
    """The results database URL (else the SQLite file in the data folder)."""
    class_name: str = Field("", validation_alias="CALLSIM_CLASS")
    """The class results are filed under when none is given (set once per classroom)."""
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

    def environment(self) -> dict[str, str]:
        """These settings as `CALLSIM_*` variables, for a child process's environment."""
        values: dict[str, str] = {}
        for name, field in type(self).model_fields.items():
            value = getattr(self, name)
            if value is None or value == "":
                continue
            alias = field.validation_alias
            key = alias if isinstance(alias, str) else ENV_PREFIX + name.upper()
            values[key] = str(value)
        return values


_lock = threading.Lock()
_override: Settings | None = None


def current() -> Settings:
    """The settings in force: the command's, inside `overridden`, else the environment's
    as it is now (so a test that sets a variable sees it at once)."""
    override = _override
    if override is not None:
        return override
    mine = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith(ENV_PREFIX)))
    return _from_environment(mine)


@lru_cache(maxsize=8)
def _from_environment(variables: tuple[tuple[str, str], ...]) -> Settings:
    # Reading the environment through pydantic takes milliseconds; the variables change
    # rarely (a test, a classroom's profile), so each set of them is parsed once.
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
