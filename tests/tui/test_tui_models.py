"""The UI's plain parts: replay head, hints, settings, the library, history, the chart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.clock import FakeClock
from simulator.engine.call import CallState
from simulator.recording import Answer, Event, Hangup, Hold, Ring, Say
from simulator.tui.model.history_data import load_history, recording_files, started_at
from simulator.tui.model.library import difficulty_stars, load_library
from simulator.tui.model.live_call import Limits, Meters, practice_hint
from simulator.tui.model.replay_model import ReplayPlayer
from simulator.tui.model.trainee import SETTINGS_FILE, Trainee, load_trainee, save_trainee
from simulator.tui.widgets.progress_chart import chart_rows
from tests.tui.tui_fixture_grades import fixture_grade
from tests.tui.tui_helpers import FIXTURES

CALL: list[Event] = [
    Ring(0.0, 1),
    Answer(2.0),
    Say(2.5, 5.0, "agent", "您好"),
    Say(6.0, 9.0, "caller", "你好"),
    Hold(10.0, True),
    Hold(14.0, False),
    Hangup(20.0, "caller"),
]


def test_replay_moves_with_the_clock_at_the_chosen_speed() -> None:
    clock = FakeClock()
    player = ReplayPlayer(CALL, clock)
    player.toggle()
    clock.advance(3.0)
    player.update()
    moment = player.moment()
    assert (player.position, moment.state, moment.rings) == (3.0, "connected", 1)
    assert [(s.text, speaking) for s, speaking in moment.says] == [("您好", True)]
    player.set_speed(4.0)
    clock.advance(2.0)
    player.update()
    assert player.position == 11.0 and player.moment().state == "hold"
    clock.advance(10.0)
    player.update()
    assert player.position == 20.0 and not player.playing and player.moment().state == "ended"
    player.toggle()
    assert player.position == 0.0 and player.playing


def test_replay_steps_between_moments_and_pauses() -> None:
    player = ReplayPlayer(CALL, FakeClock())
    player.toggle()
    player.step()
    assert (player.position, player.playing) == (2.0, False)
    player.step()
    player.step()
    assert player.position == 5.0
    player.step(forward=False)
    assert player.position == 2.5
    for _ in range(20):
        player.step(forward=False)
    assert player.position == 0.0


def meters(**changes: object) -> Meters:
    values: dict[str, object] = {
        "state": CallState.CONNECTED,
        "rings": 1,
        "talk": 5.0,
        "silence": None,
        "waiting": False,
        "hold": None,
        "greeted": True,
    }
    values.update(changes)
    return Meters(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("reading", "expected", "urgent"),
    [
        (meters(state=CallState.RINGING, rings=1, talk=None), None, False),
        (meters(state=CallState.RINGING, rings=2, talk=None), "第 3 声内", False),
        (meters(state=CallState.RINGING, rings=3, talk=None), "第 3 声内", True),
        (meters(greeted=False, talk=0.5), None, False),
        (meters(greeted=False, talk=1.0), "请马上问候", False),
        (meters(greeted=False, talk=2.5), "请马上问候", True),
        (meters(silence=5.0, waiting=True), None, False),
        (meters(silence=6.0, waiting=True), "4 秒内请答复", False),
        (meters(silence=11.0, waiting=True), "已超过 10 秒", True),
        (meters(silence=30.0, waiting=False), None, False),
        (meters(hold=9.0), None, False),
        (meters(hold=10.0), "5 秒内按 F2", False),
        (meters(hold=16.0), "已超过 15 秒", True),
        (meters(state=CallState.ENDED), None, False),
    ],
)
def test_practice_hints_come_as_a_window_runs_out(
    reading: Meters, expected: str | None, urgent: bool
) -> None:
    hint = practice_hint(reading, Limits())
    if expected is None:
        assert hint is None
    else:
        assert hint is not None and expected in hint.text and hint.urgent == urgent


def test_limits_follow_the_scenario_overrides() -> None:
    library = load_library(FIXTURES / "scenarios")
    scenario = library.by_id("standard-inquiry")
    assert scenario is not None
    assert Limits.of(scenario) == Limits(rings=3, greeting=2.0, dead_air=10.0, hold=15.0)
    data = scenario.model_dump()
    data["rules"] = {"hold.checkin": {"params": {"max_seconds": 30}}}
    assert Limits.of(type(scenario).model_validate(data)).hold == 30.0


def test_settings_round_trip_and_survive_a_broken_file(tmp_path: Path) -> None:
    assert load_trainee(tmp_path) == Trainee()
    save_trainee(tmp_path, Trainee("李明", "1024", "exam", "voice"))
    assert load_trainee(tmp_path) == Trainee("李明", "1024", "exam", "voice")
    (tmp_path / SETTINGS_FILE).write_text("{not json", encoding="utf-8")
    assert load_trainee(tmp_path) == Trainee()
    (tmp_path / SETTINGS_FILE).write_text(json.dumps({"name": 3, "mode": "x"}), "utf-8")
    assert load_trainee(tmp_path) == Trainee()


def test_a_broken_scenario_file_is_listed_not_fatal(tmp_path: Path) -> None:
    good = (FIXTURES / "scenarios" / "silent-call.yaml").read_text(encoding="utf-8")
    (tmp_path / "silent-call.yaml").write_text(good, encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("id: broken\nprsona: silent\n", encoding="utf-8")
    library = load_library(tmp_path)
    assert [s.id for s in library.scenarios] == ["silent-call"]
    assert len(library.problems) == 1 and "broken.yaml" in library.problems[0]
    assert difficulty_stars(2) == "★★☆"


def test_history_reads_and_grades_the_trainees_recordings(tmp_path: Path) -> None:
    root = FIXTURES / "recordings"
    library = load_library(FIXTURES / "scenarios")
    assert len(recording_files(root, "李明")) == 5
    assert recording_files(root, "王芳") == []
    entries, problems = load_history(root, "李明", library, fixture_grade)
    assert problems == []
    assert [e.started.day for e in entries] == [1, 2, 3, 4, 5]
    assert [e.grade.score for e in entries if e.grade] == [88, 100, 92, 95, 100]
    assert entries[0].title == "接通后没有声音"


def test_history_lists_an_unreadable_recording_with_the_reason(tmp_path: Path) -> None:
    folder = tmp_path / "2026-03-01" / "李明"
    folder.mkdir(parents=True)
    (folder / "2026-03-01T09-00-00-dead.jsonl").write_text("not json\n", encoding="utf-8")
    entries, problems = load_history(tmp_path, "李明", load_library(tmp_path), fixture_grade)
    assert len(entries) == 1 and entries[0].grade is None and entries[0].recording is None
    assert "2026-03-01T09-00-00-dead.jsonl:1" in problems[0]
    assert started_at(folder / "2026-03-01T09-00-00-dead.jsonl").hour == 9


def test_progress_chart_draws_a_column_per_call_newest_right() -> None:
    rows = chart_rows([(50, False), (100, True)], width=20, height=4)
    assert [row.plain for row in rows] == [
        "100 ┤  ██",
        " 80 ┤╌╌██",
        "    │████",
        "    │████",
        "  0 └────",
    ]
    assert len(chart_rows([(90, True)] * 50, width=25, height=4)[0].plain) == 25
