"""`callsim grade` starts light: a scenario's grading terms come from the disk cache while
the scenario file, its catalog and the code are unchanged (rebuilt when any changes, never
stale), they grade exactly as the whole scenario does, and a warm run imports neither the
YAML machinery, the scenario models, pydantic-settings nor multiprocessing."""

from __future__ import annotations

import gc
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from simulator import cache
from simulator.cli import collector, main
from simulator.engine.session import call_time_of
from simulator.grading import grade
from simulator.grading.batch import TermsLookup, grade_paths
from simulator.grading.terms import TERMS_KIND, GradingTerms, scenario_terms
from simulator.locations import PROJECT_ROOT
from simulator.recording import Recording, RecordingWriter, SessionHeader
from simulator.scenario import loader
from simulator.scenario.models import Scenario
from tests.packaging.same_stat import edit_keeping_stat
from tests.scenario_library import library_play

SHIPPED = PROJECT_ROOT / "scenarios"
NAME = "wrong-number.yaml"
"""A scenario that turns a rule off (`closing.more_help: enabled: false`)."""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """One shipped scenario with the catalog beside it."""
    copy = tmp_path / "library"
    copy.mkdir()
    shutil.copy2(SHIPPED / NAME, copy / NAME)
    shutil.copytree(SHIPPED / "standards", copy / "standards")
    return copy


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every scenario file the loader really read (a cache miss of the terms)."""
    seen: list[Path] = []
    real = loader.load_scenario

    def counted(path: Path | str) -> Scenario:
        seen.append(Path(path))
        return real(path)

    monkeypatch.setattr(loader, "load_scenario", counted)
    return seen


def test_the_terms_are_read_from_the_cache_while_nothing_changed(
    folder: Path, loads: list[Path], private_cache: Path
) -> None:
    first = scenario_terms(folder / NAME)
    assert first.rules["closing.more_help"].enabled is False
    assert len(loads) == 1 and len(list(private_cache.glob(f"{TERMS_KIND}-*.pickle"))) == 1
    assert scenario_terms(folder / NAME) == first
    assert len(loads) == 1


def test_a_changed_byte_of_the_scenario_is_read_again(folder: Path, loads: list[Path]) -> None:
    path = folder / NAME
    scenario_terms(path)
    edit_keeping_stat(path, "enabled: false", "enabled: true ")
    again = scenario_terms(path)
    assert len(loads) == 2 and again.rules["closing.more_help"].enabled is True


def test_a_changed_catalog_or_code_is_read_again(
    folder: Path, loads: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    scenario_terms(folder / NAME)
    catalog_file = folder / "standards" / "forbidden.yaml"
    catalog_file.write_text(catalog_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    scenario_terms(folder / NAME)
    assert len(loads) == 2
    monkeypatch.setattr(cache, "code_version", lambda: "9.9.9-other")
    scenario_terms(folder / NAME)
    assert len(loads) == 3


def test_a_broken_scenario_is_never_cached_and_warns_every_time(
    folder: Path, private_cache: Path
) -> None:
    path = folder / NAME
    path.write_text(path.read_text(encoding="utf-8") + "\nnot_a_field: 1\n", encoding="utf-8")
    for _ in range(2):
        lookup = TermsLookup(folder)
        assert lookup.get("wrong-number") is None
        assert len(lookup.warnings) == 1 and "wrong-number.yaml" in lookup.warnings[0]
    assert not list(private_cache.glob(f"{TERMS_KIND}-*.pickle"))


def test_the_lookup_finds_terms_by_id_in_the_layers(folder: Path, tmp_path: Path) -> None:
    empty = tmp_path / "own"
    empty.mkdir()
    lookup = TermsLookup([empty, folder])
    found = lookup.get("wrong-number")
    assert isinstance(found, GradingTerms) and found.scenario_id == "wrong-number"
    assert lookup.get("no-such-scenario") is None and lookup.warnings == []


SCRIPTS = sorted(
    path
    for path in library_play.SCRIPTS.glob("*.yaml")
    if path.name.split(".")[0]
    in {"wrong-number", "inaudible-noisy", "verify-mismatch", "angry-complaint"}
)
"""Scenarios that turn rules off, set a call time, or both."""


def _header(scenario: Scenario, call_id: str) -> SessionHeader:
    return SessionHeader(
        id=call_id,
        scenario=scenario.id,
        persona=scenario.persona,
        org=scenario.org,
        agent_id=library_play.AGENT_ID,
        trainee="练习学员",
        call_time=call_time_of(scenario).isoformat(timespec="seconds"),
    )


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.stem)
def test_the_terms_grade_exactly_as_the_whole_scenario(script: Path) -> None:
    _, events, _ = library_play.play_file(script)
    path = SHIPPED / f"{script.name.split('.')[0]}.yaml"
    scenario = loader.load_scenario(path)
    recording = Recording(header=_header(scenario, "terms-test"), events=tuple(events))
    whole = grade(recording, scenario=scenario).to_json()
    assert grade(recording, scenario=GradingTerms.of(scenario)).to_json() == whole
    assert grade(recording, scenario=scenario_terms(path)).to_json() == whole


def test_grading_a_file_applies_the_scenarios_terms(tmp_path: Path) -> None:
    """A recording of a scenario that turns a rule off gets that rule na through the
    cached terms, and every verdict as through the whole scenario."""
    graded, _, _ = library_play.play_file(library_play.SCRIPTS / "wrong-number.good.yaml")
    path = _record(tmp_path)
    for _ in range(2):  # the first run fills the cache, the second reads it
        batch = grade_paths([path], [SHIPPED])
        (result,) = batch.grades
        assert batch.errors == [] and batch.warnings == []
        assert {r.id: r.status for r in result.rules}["closing.more_help"] == "na"
        assert result.rules == graded.rules and result.score == graded.score


LEFT_OUT = (
    "simulator.yamlpos",
    "ruamel.yaml",
    "simulator.scenario.models",
    "simulator.scenario.loader",
    "pydantic_settings",
    "multiprocessing",
    "concurrent.futures.process",
)
"""What a warm `callsim grade ONE.jsonl` has no use for (each costs its start-up time)."""


def _record(folder: Path) -> Path:
    """A recording of the wrong-number call (a scenario with rule overrides)."""
    _, events, _ = library_play.play_file(library_play.SCRIPTS / "wrong-number.good.yaml")
    scenario = loader.load_scenario(SHIPPED / NAME)
    path = folder / "call.jsonl"
    writer = RecordingWriter(path, _header(scenario, "library-test"))
    for event in events:
        writer.write(event)
    writer.close()
    return path


def test_a_warm_grade_imports_no_yaml_machinery_and_no_scenario_models(tmp_path: Path) -> None:
    recording = _record(tmp_path)
    code = (
        "import sys\n"
        "from simulator.cli import main\n"
        f"code = main(['grade', {str(recording)!r}])\n"
        f"print('LOADED', sorted(m for m in sys.modules if m.startswith({LEFT_OUT!r})))\n"
        "sys.exit(code)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("CALLSIM_")}
    env.update(CALLSIM_CACHE_DIR=str(tmp_path / "cache"), PYTHONPATH=str(PROJECT_ROOT))

    def loaded() -> str:
        done = subprocess.run(
            [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True,
            text=True, timeout=120, check=True,
        )  # fmt: skip
        (line,) = [line for line in done.stdout.splitlines() if line.startswith("LOADED")]
        return line

    cold = loaded()
    assert "simulator.yamlpos" in cold and "simulator.scenario.models" in cold  # cache filled
    assert loaded() == "LOADED []"


def test_the_code_version_sees_every_file_of_the_package_but_compiled_bytecode(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "package"
    (package / "deep" / "data").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "module.py").write_text("x = 1\n", encoding="utf-8")
    data = package / "deep" / "data" / "weights.bin"
    data.write_bytes(b"1234")
    (package / "__pycache__" / "module.pyc").write_bytes(b"old")
    monkeypatch.setattr(cache, "_PACKAGE_ROOT", package)

    def version() -> str:
        cache.code_version.cache_clear()
        return cache.code_version()

    try:
        first = version()
        (package / "__pycache__" / "module.pyc").write_bytes(b"newer bytecode")
        assert version() == first
        stat = data.stat()
        os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
        second = version()
        assert second != first
        (package / "deep" / "new.py").write_text("", encoding="utf-8")
        assert version() not in {first, second}
    finally:
        cache.code_version.cache_clear()


def test_start_up_runs_without_collections_and_leaves_the_collector_as_it_was() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
        made: list[list[int]] = [[] for _ in range(10)]  # objects start-up keeps
    assert gc.isenabled() and gc.get_freeze_count() >= len(made)
    collector.thaw()
    assert gc.get_freeze_count() == 0
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()  # a caller that had it off keeps it off
    finally:
        collector.thaw()
        gc.enable()


def test_a_command_run_in_process_gives_every_frozen_object_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "none.jsonl"
    assert main(["grade", str(missing)]) == 2  # through the matcher build, then one error
    assert str(missing) in capsys.readouterr().err
    assert gc.isenabled() and gc.get_freeze_count() == 0
