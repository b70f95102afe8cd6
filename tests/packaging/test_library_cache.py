"""The scenario library's disk cache: a second start reads one entry instead of parsing
every file; a changed byte, another trainer folder or a broken entry loads afresh; a bad
file's problems always come from the file as it is now; turned off, it still loads."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulator import cache
from simulator.locations import PROJECT_ROOT
from simulator.scenario import loader
from simulator.scenario.cache_keys import LIBRARY_KIND, scenario_key
from simulator.tui.model.library import Library, load_library
from simulator.yamlpos import validate_model_file
from tests.packaging.same_stat import edit_keeping_stat

SHIPPED = PROJECT_ROOT / "scenarios"
FILES = ("standard-inquiry.yaml", "angry-complaint.yaml")
TITLE = "普通咨询：中奖后怎么兑奖"
SWAPPED = "普通咨询：兑奖后怎么中奖"  # the same characters: the same size in bytes


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A small library: two shipped scenarios and the catalog beside them."""
    copy = tmp_path / "library"
    copy.mkdir()
    for name in FILES:
        shutil.copy2(SHIPPED / name, copy / name)
    shutil.copytree(SHIPPED / "standards", copy / "standards")
    return copy


@pytest.fixture
def parses(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every scenario file actually parsed and checked (not read from the cache)."""
    seen: list[Path] = []
    real = validate_model_file

    def counted(path: Path | str, *args: object, **kwargs: object) -> object:
        seen.append(Path(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(loader, "validate_model_file", counted)
    return seen


def titles(library: Library) -> dict[str, str]:
    return {scenario.id: scenario.title for scenario in library.scenarios}


def test_a_second_start_reads_one_entry(
    folder: Path, parses: list[Path], private_cache: Path
) -> None:
    first = load_library(folder)
    assert len(parses) == len(FILES)
    second = load_library(folder)
    assert len(parses) == len(FILES)  # nothing parsed again
    assert second == first and titles(second)["standard-inquiry"] == TITLE
    assert second.paths == {
        "standard-inquiry": folder / FILES[0],
        "angry-complaint": folder / FILES[1],
    }
    assert len(list(private_cache.glob(f"{LIBRARY_KIND}-*.pickle"))) == 1


def test_a_changed_file_with_the_same_size_and_time_is_read_again(
    folder: Path, parses: list[Path]
) -> None:
    load_library(folder)
    path = folder / FILES[0]
    edit_keeping_stat(path, f"title: {TITLE}", f"title: {SWAPPED}")
    assert titles(load_library(folder))["standard-inquiry"] == SWAPPED
    # The unchanged file came from its own entry; only the changed one was parsed.
    assert parses[len(FILES) :] == [path]


def test_a_changed_phrase_catalog_gives_another_key(folder: Path) -> None:
    path = folder / FILES[0]
    before = scenario_key(path)
    catalog_file = sorted((folder / "standards").glob("*.yaml"))[0]
    catalog_file.write_text(catalog_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert scenario_key(path) != before


def test_the_trainer_folder_is_part_of_the_key(
    folder: Path, tmp_path: Path, parses: list[Path]
) -> None:
    shipped_only = load_library(folder)
    trainer = tmp_path / "trainer"
    trainer.mkdir()
    own = trainer / FILES[0]
    own.write_text(
        (folder / FILES[0]).read_text(encoding="utf-8").replace(TITLE, "本中心的兑奖咨询"),
        encoding="utf-8",
    )
    layered = load_library(trainer, [folder])
    assert titles(layered)["standard-inquiry"] == "本中心的兑奖咨询"
    assert layered.paths["standard-inquiry"] == own
    assert titles(shipped_only)["standard-inquiry"] == TITLE
    # The same files in another trainer's folder are that folder's, not the first one's.
    other = tmp_path / "other-trainer"
    shutil.copytree(trainer, other)
    assert load_library(other, [folder]).paths["standard-inquiry"] == other / FILES[0]
    assert load_library(folder) == shipped_only


def test_a_broken_entry_is_rebuilt(folder: Path, parses: list[Path], private_cache: Path) -> None:
    first = load_library(folder)
    entries = [
        *private_cache.glob(f"{LIBRARY_KIND}-*.pickle"),
        *private_cache.glob("scenario-*.pickle"),
    ]
    assert len(entries) == 1 + len(FILES)
    for entry in entries:
        entry.write_bytes(entry.read_bytes()[:20])  # cut short
    assert load_library(folder) == first
    assert len(parses) == 2 * len(FILES)
    for entry in entries:
        with entry.open("rb") as file:
            assert pickle.load(file)[0]  # whole again: (key, value)


def test_a_bad_file_is_reported_the_same_every_time_and_never_cached(
    folder: Path, parses: list[Path], private_cache: Path
) -> None:
    bad = folder / "bad-one.yaml"
    bad.write_text("id: bad-one\ntitle: 坏文件\npersona: nobody\n", encoding="utf-8")
    first = load_library(folder)
    assert first.problems and all(str(bad) in line for line in first.problems)
    assert all(line.count("\n") == 0 for line in first.problems)
    second = load_library(folder)
    assert second.problems == first.problems
    assert parses.count(bad) == 2  # checked afresh each time
    assert not list(private_cache.glob(f"{LIBRARY_KIND}-*.pickle"))
    scenario, problems = loader.validate_scenario_file(bad)
    assert scenario is None and problems
    assert not (private_cache / Path(cache.entry_path("scenario", scenario_key(bad))).name).exists()


def test_turned_off_it_loads_and_writes_nothing(
    folder: Path, parses: list[Path], private_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache.DISABLE_ENV_VAR, "1")
    assert titles(load_library(folder))["standard-inquiry"] == TITLE
    assert load_library(folder).scenarios
    assert len(parses) == 2 * len(FILES) and not private_cache.exists()


def test_an_unwritable_cache_only_costs_the_speed(
    folder: Path, parses: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("CALLSIM_CACHE_DIR", str(blocker))  # a file: no folder can be made
    assert titles(load_library(folder))["standard-inquiry"] == TITLE
    assert titles(load_library(folder))["standard-inquiry"] == TITLE
    assert len(parses) == 2 * len(FILES)


PROBE = """
import sys
from pathlib import Path
from simulator.tui.model.library import load_library
library = load_library(Path(sys.argv[1]))
print(len(library.scenarios), "simulator.scenario.loader" in sys.modules)
"""


def test_a_cached_start_never_imports_the_yaml_machinery(folder: Path, tmp_path: Path) -> None:
    # What keeps a cached start fast: the loader (ruamel, the checks) is imported only
    # to build an entry, in a process of its own here as on a real start.
    env = {**os.environ, "CALLSIM_CACHE_DIR": str(tmp_path / "process-cache")}
    env.pop(cache.DISABLE_ENV_VAR, None)
    runs = [
        subprocess.run(
            [sys.executable, "-c", PROBE, str(folder)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout.split()
        for _ in range(2)
    ]
    assert runs == [[str(len(FILES)), "True"], [str(len(FILES)), "False"]]
