"""A wheel built from the repository is complete: installed outside the checkout it plays,
grades and validates with the scenario library it carries.

The wheel is built from a copy of the sources (so the checkout gets no build/ folder) and
installed with `--no-deps` into a fresh virtual environment in tmp_path. Its dependencies
come from the project's .venv through a path file, which keeps the test offline and
quick; the package itself, its library and its `callsim` script are the wheel's. Commands
run in tmp_path with a clean environment, so nothing of the checkout can be found.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from simulator.cli.scenarios_cmd import LIBRARY_SUFFIXES
from tests.packaging.wheel_install import (
    ROOT,
    build_wheel,
    copy_sources,
    install_wheel,
    run,
    user_environment,
)

SCENARIO = "standard-inquiry"


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of what the wheel is built from (fixed while the tests read it)."""
    return copy_sources(tmp_path_factory.mktemp("source"))


@pytest.fixture(scope="module")
def wheel(source: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_wheel(source, tmp_path_factory.mktemp("dist"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; returns its bin folder."""
    return install_wheel(wheel, tmp_path_factory.mktemp("venv"))


@pytest.fixture
def user(tmp_path: Path) -> dict[str, str]:
    """A user's environment: no project variables, a home of its own, no checkout paths."""
    return {**user_environment(tmp_path), "PYTHONDONTWRITEBYTECODE": "1"}


def test_the_wheel_carries_the_whole_library(wheel: Path, source: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = {
        "simulator/_library/" + path.relative_to(source / "scenarios").as_posix()
        for path in (source / "scenarios").rglob("*")
        if path.is_file() and path.suffix in LIBRARY_SUFFIXES
    }
    assert shipped <= names
    assert "simulator/_library/standards/forbidden.yaml" in names
    assert "simulator/_library/exams/basic-certification.yaml" in names
    assert "simulator/_library/scenario.schema.json" in names


def test_installed_callsim_validates_plays_and_grades(
    installed: Path, user: dict[str, str], tmp_path: Path
) -> None:
    work = tmp_path / "elsewhere"
    work.mkdir()
    where = run(
        [
            str(installed / "python"),
            "-c",
            "import simulator.locations as l; print(l.library_dir())",
        ],
        cwd=work,
        env=user,
    ).strip()
    library = Path(where)
    assert library.is_relative_to(installed.parent) and library.name == "_library"
    assert not library.is_relative_to(ROOT)

    callsim = str(installed / "callsim")
    files = sum(1 for p in library.rglob("*") if p.suffix in (".yaml", ".yml"))
    out = run([callsim, "validate"], cwd=work, env=user)
    assert out.splitlines()[-1].startswith(f"已检查 {files} 个文件，全部通过")

    script = library / "scripts" / f"{SCENARIO}.good.yaml"
    out = run([callsim, "play", SCENARIO, "--script", str(script), "--fast"], cwd=work, env=user)
    assert "得分：100（通过）" in out
    # Not in a checkout: recordings go to the user data dir.
    (recording,) = (tmp_path / "data" / "recordings").rglob("*.jsonl")

    out = run([callsim, "grade", str(recording), "--json"], cwd=work, env=user)
    assert '"passed": true' in out

    exported = tmp_path / "mine"
    run([callsim, "scenarios", "export", str(exported)], cwd=work, env=user)
    assert (exported / f"{SCENARIO}.yaml").read_bytes() == (
        library / f"{SCENARIO}.yaml"
    ).read_bytes()
