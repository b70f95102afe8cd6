"""The app's default services are the real parts, imported directly: the grader, the
results store, the voice package and the scenario loader (no optional lookups)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from simulator import voice
from simulator.clock import FakeClock
from simulator.engine import HeadlessDriver, default_reply_matcher
from simulator.engine.call import Call
from simulator.engine.voice import EstimatedVoice
from simulator.locations import PROJECT_ROOT
from simulator.recording.events import Event, SessionHeader
from simulator.recording.reader import Recording
from simulator.scenario.loader import load_scenario, load_trainee_script
from simulator.scenario.models import Scenario
from simulator.store import open_store
from simulator.store.engine import Store
from simulator.store.schema import CallResult
from simulator.tui.model.library import load_library
from simulator.tui.model.services import Services

LIBRARY = PROJECT_ROOT / "scenarios"


def _played(scenario_id: str) -> tuple[Recording, Scenario]:
    scenario = load_scenario(LIBRARY / f"{scenario_id}.yaml")
    steps = load_trainee_script(LIBRARY / "scripts" / f"{scenario_id}.good.yaml").steps
    events: list[Event] = []
    call = Call(scenario, clock=FakeClock(), matcher=default_reply_matcher(), sink=events.append)
    HeadlessDriver(call, steps).run()
    header = SessionHeader(
        id="wiring-1",
        scenario=scenario.id,
        persona=scenario.persona,
        org=scenario.org,
        agent_id="1024",
        trainee="李明",
    )
    return Recording(header, tuple(events)), scenario


def test_the_default_grader_and_saver_grade_and_store_a_call(tmp_path: Path) -> None:
    recording, scenario = _played("silent-call")
    store = open_store(f"sqlite:///{tmp_path / 'results.db'}")
    services = Services(store_factory=lambda: store, recordings_dir=tmp_path / "recordings")
    grade = services.grade(recording, scenario)
    assert grade.rules, "the real grader judged no rule"
    assert services.save_result(grade, recording) == "成绩已保存到成绩库。"
    stored = store.read(lambda conn: conn.execute(select(func.count()).select_from(CallResult)))
    assert stored.scalar_one() == 1


def test_a_broken_save_is_not_swallowed(tmp_path: Path) -> None:
    """With the fallbacks gone, a store that fails says so instead of silently not saving."""
    recording, scenario = _played("silent-call")
    grade = Services().grade(recording, scenario)

    def broken() -> Store:
        raise RuntimeError("no database")

    services = Services(store_factory=broken)
    with pytest.raises(RuntimeError, match="no database"):
        services.save_result(grade, recording)


def test_the_voice_defaults_come_from_the_voice_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(voice, "voice_input_availability", lambda: (True, "可用"))
    assert Services().check_voice_input() == (True, "可用")
    text_only = EstimatedVoice()
    monkeypatch.setattr(voice, "make_caller_voice", lambda: (text_only, "只显示文字"))
    scenario = load_scenario(LIBRARY / "silent-call.yaml")
    assert Services().make_voice(scenario) == (text_only, "只显示文字")


def test_the_library_lists_a_broken_file_with_its_line_and_keeps_the_others(
    tmp_path: Path,
) -> None:
    good = (LIBRARY / "silent-call.yaml").read_text(encoding="utf-8")
    (tmp_path / "silent-call.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: broken\ntitle: 坏\npersna: standard\n", "utf-8")
    library = load_library(tmp_path)
    assert [s.id for s in library.scenarios] == ["silent-call"]
    assert len(library.problems) == 1
    assert library.problems[0].startswith(f"{tmp_path / 'broken.yaml'}:")


def test_a_bug_while_loading_the_library_is_raised_not_listed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "x.yaml").write_text("id: x\n", encoding="utf-8")

    def buggy(path: Path) -> object:
        raise KeyError("a bug")

    monkeypatch.setattr("simulator.scenario.loader.load_scenario", buggy)
    with pytest.raises(KeyError):
        load_library(tmp_path)
