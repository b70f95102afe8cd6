"""Where callsim keeps things. Tests point these at tmp_path through the environment.

- recordings: `--recordings DIR`, else `$CALLSIM_RECORDINGS_DIR`, else `recordings/` in
  the project when running from a checkout, else the user data dir.
- data (settings, the results database): `$CALLSIM_DATA_DIR`, else the user data dir.
- cache (assembled speech model, synthesized caller audio): `$CALLSIM_CACHE_DIR`, else
  the user cache dir.
- scenarios: `$CALLSIM_SCENARIOS_DIR`, else `scenarios/` in the checkout.
- the class results are filed under when none is given: `$CALLSIM_CLASS`, else none.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "callsim"
PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _in_checkout() -> bool:
    return (PROJECT_ROOT / "pyproject.toml").is_file() and (PROJECT_ROOT / "scenarios").is_dir()


def recordings_dir() -> Path:
    env = os.environ.get("CALLSIM_RECORDINGS_DIR")
    if env:
        return Path(env)
    if _in_checkout():
        return PROJECT_ROOT / "recordings"
    return data_dir() / "recordings"


def data_dir() -> Path:
    env = os.environ.get("CALLSIM_DATA_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir(APP_NAME))


def cache_dir() -> Path:
    env = os.environ.get("CALLSIM_CACHE_DIR")
    return Path(env) if env else Path(platformdirs.user_cache_dir(APP_NAME))


def scenarios_dir() -> Path:
    env = os.environ.get("CALLSIM_SCENARIOS_DIR")
    if env:
        return Path(env)
    return PROJECT_ROOT / "scenarios"


CLASS_ENV_VAR = "CALLSIM_CLASS"


def default_class() -> str:
    """The class set for this machine (a classroom sets it once), or ""."""
    return os.environ.get(CLASS_ENV_VAR, "").strip()


def standards_dir() -> Path:
    """The phrase catalog: `standards/` inside the scenarios folder."""
    return scenarios_dir() / "standards"
