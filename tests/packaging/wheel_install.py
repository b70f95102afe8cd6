"""The wheel built from a copy of the checkout and installed in a fresh virtual
environment, as a user has it: for the packaging tests and the start-up benchmark.

The copy keeps the checkout free of a build/ folder. The wheel is installed with
`--no-deps`; its dependencies come from the project's .venv through a path file listed
after the venv's own packages (so `simulator` is found in the wheel first), which keeps
the build offline and quick while the package, its library and its `callsim` script are
the wheel's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "simulator", "scenarios")
TIMEOUT_S = 300
PIP = (sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q")


def run(args: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    """Run a command that must succeed; its output (both streams shown when it fails)."""
    done = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=TIMEOUT_S, check=False
    )
    if done.returncode != 0:
        raise AssertionError(f"{args}\n{done.stdout}\n{done.stderr}")
    return done.stdout


def copy_sources(folder: Path) -> Path:
    """What the wheel is built from, copied into `folder` (fixed while it is read)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in SOURCES:
        origin = ROOT / name
        if origin.is_dir():
            shutil.copytree(origin, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(origin, folder / name)
    return folder


def build_wheel(source: Path, dist: Path) -> Path:
    """The wheel of `source`, built into `dist`."""
    run(
        [*PIP, "wheel", "--no-deps", "--no-build-isolation", "-w", str(dist), str(source)],
        cwd=source,
    )
    (built,) = dist.glob("callsim-*.whl")
    return built


def install_wheel(wheel: Path, venv: Path) -> Path:
    """A fresh venv at `venv` with `wheel` installed; returns its bin folder."""
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=venv.parent)
    python = venv / "bin" / "python"
    run([*PIP, "--python", str(python), "install", "--no-deps", str(wheel)], cwd=venv)
    site = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"], cwd=venv
    )
    (Path(site.strip()) / "project-dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8"
    )
    return venv / "bin"


def user_environment(home: Path) -> dict[str, str]:
    """A user's environment: no project variables, data and cache of its own under `home`,
    no checkout paths."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CALLSIM_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(CALLSIM_DATA_DIR=str(home / "data"), CALLSIM_CACHE_DIR=str(home / "cache"))
    return env
