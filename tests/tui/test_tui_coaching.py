"""「推荐练习」 in the picker, and replay with its voices and fail marks (Pilot + snapshots)."""

from __future__ import annotations

import array
import json
import wave
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import OptionList, Static

from simulator.cli import main
from simulator.clock import FakeClock
from simulator.recording import read_recording
from simulator.store.engine import Store
from simulator.tui.app import CallsimApp
from simulator.tui.model.library import load_library
from simulator.tui.model.trainee import Trainee
from simulator.tui.replay_app import ReplayApp
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.picker import RECOMMENDED, PickerScreen
from simulator.tui.screens.replay import ReplayScreen
from simulator.tui.widgets.timeline import Timeline
from simulator.tui.widgets.transcript import Transcript
from tests.coaching.coaching_seed import SCENARIOS_DIR, seed
from tests.tui.tui_fixture_grades import fixture_grade
from tests.tui.tui_helpers import (
    FIXTURES,
    SILENT,
    SIZE,
    make_services,
    settle,
    tap,
    wait_for_screen,
)

SMALL = (80, 24)


def _coached_app(tmp_path: Path, store: Store) -> CallsimApp:
    """The app on the shipped library, 李明 signed in, results in `store`."""
    services = make_services(
        tmp_path, FakeClock(), scenarios_dir=SCENARIOS_DIR, store_factory=lambda: store
    )
    app = CallsimApp(services)
    app.trainee = Trainee("李明", "1024")
    return app


async def _picker_with_recommendation(pilot: Pilot[Any]) -> PickerScreen:
    app = pilot.app
    assert isinstance(app, CallsimApp)
    await app.push_screen(PickerScreen())
    picker: PickerScreen = await wait_for_screen(pilot, PickerScreen)
    for _ in range(1500):  # the good scripts are played once per process (~1 s)
        if picker.recommendation is not None:
            break
        await pilot.pause(0.01)
    await settle(pilot)
    return picker


async def test_three_calls_missing_the_hold_checkin_open_the_picker_on_the_hold_drill(
    tmp_path: Path, store: Store
) -> None:
    seed(store, "李明", [("standard-inquiry", ["hold.checkin"])] * 3)
    app = _coached_app(tmp_path, store)
    async with app.run_test(size=SIZE) as pilot:
        picker = await _picker_with_recommendation(pilot)
        option_list = picker.query_one("#picker-list", OptionList)
        assert option_list.highlighted is not None
        highlighted = option_list.get_option_at_index(option_list.highlighted)
        assert highlighted.id == RECOMMENDED + "hold-lookup"
        assert str(option_list.get_option_at_index(0).prompt) == "── 推荐练习 ──"
        info = str(picker.query_one("#picker-info", Static).render())
        assert "推荐练习" in info
        assert "「每15秒通报进展」（最近3次错3次）" in info
        await tap(pilot, "enter")
        call = await wait_for_screen(pilot, CallScreen)
        assert call.scenario.id == "hold-lookup"


async def test_back_at_the_list_after_more_calls_the_advice_follows(
    tmp_path: Path, store: Store
) -> None:
    n = seed(store, "李明", [("standard-inquiry", ["hold.checkin"])] * 3)
    app = _coached_app(tmp_path, store)
    async with app.run_test(size=SIZE) as pilot:
        picker = await _picker_with_recommendation(pilot)
        assert picker.recommendation is not None
        assert picker.recommendation.scenario_id == "hold-lookup"
        await app.push_screen(Screen())  # a call, say, during which results are saved
        n = seed(store, "李明", [("hold-lookup", [])] * 4, start=n)
        seed(store, "李明", [("silent-call", ["silent.prompts"])] * 3, start=n)
        app.pop_screen()
        for _ in range(1500):
            rec = picker.recommendation
            if rec is not None and rec.scenario_id != "hold-lookup":
                break
            await pilot.pause(0.01)
        await settle(pilot)
        rec = picker.recommendation
        assert rec is not None and "silent.prompts" in {m.rule_id for m in rec.rules}
        option_list = picker.query_one("#picker-list", OptionList)
        assert option_list.highlighted is not None
        assert option_list.get_option_at_index(option_list.highlighted).id == (
            RECOMMENDED + rec.scenario_id
        )


async def test_a_first_timer_gets_no_recommendation_banner(tmp_path: Path, store: Store) -> None:
    app = _coached_app(tmp_path, store)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(PickerScreen())
        picker = await wait_for_screen(pilot, PickerScreen)
        worker_done = False
        for _ in range(1500):
            workers = [w for w in app.workers if w.group == "picker-coach"]
            if picker._library is not None and all(w.is_finished for w in workers):
                worker_done = True
                break
            await pilot.pause(0.01)
        await settle(pilot)
        assert worker_done
        option_list = picker.query_one("#picker-list", OptionList)
        assert picker.recommendation is None
        assert str(option_list.get_option_at_index(0).prompt) == "── 普通咨询 ──"


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x30", "80x24"])
def test_picker_with_recommendation_snapshot(
    snap_compare: Any, tmp_path: Path, store: Store, size: tuple[int, int]
) -> None:
    seed(store, "李明", [("standard-inquiry", ["hold.checkin"])] * 3)
    app = _coached_app(tmp_path, store)

    async def run_before(pilot: Pilot[Any]) -> None:
        picker = await _picker_with_recommendation(pilot)
        picker._voice_reason = ""  # the device check's wording is not under test here
        for _ in range(300):
            if not [w for w in app.workers if w.group == "picker" and not w.is_finished]:
                break
            await pilot.pause(0.01)
        await pilot.pause(0.05)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


# ---------------------------------------------------------------- replay


class RecordingPlayer:
    """Notes every clip it is asked to play and every stop (the device is not under test)."""

    def __init__(self) -> None:
        self.played: list[Path] = []
        self.frames: list[int] = []
        self.stops = 0

    def play(self, path: Path) -> None:
        self.played.append(path)
        with wave.open(str(path), "rb") as clip:
            self.frames.append(clip.getnframes())

    def stop(self) -> None:
        self.stops += 1


def _wav(path: Path, seconds: float, rate: int = 8000) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(array.array("h", [0] * int(seconds * rate)).tobytes())


def _voiced_recording(tmp_path: Path) -> Path:
    """A short call with both sides' audio saved beside it, as the recorder keeps it."""
    folder = tmp_path / "rec"
    _wav(folder / "c1" / "001-agent.wav", 2.0)
    _wav(folder / "c1" / "002-caller.wav", 3.0)
    lines = [
        {
            "kind": "session",
            "format": 1,
            "id": "c1",
            "scenario": "silent-call",
            "persona": "silent",
            "org": "福彩热线",
            "agent_id": "1024",
            "trainee": "王芳",
        },
        {"t": 0.0, "kind": "ring", "n": 1},
        {"t": 1.0, "kind": "answer"},
        {"t": 1.5, "end": 3.5, "kind": "say", "who": "agent", "text": "您好，福彩热线。"},
        {"t": 4.0, "end": 7.0, "kind": "say", "who": "caller", "text": "喂？", "audio": ""},
        {"t": 8.0, "kind": "hangup", "who": "caller"},
    ]
    lines[3]["audio"] = "c1/001-agent.wav"
    lines[4]["audio"] = "c1/002-caller.wav"
    path = folder / "c1.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n", "utf-8")
    return path


async def test_replay_plays_both_sides_in_step_with_the_play_head(tmp_path: Path) -> None:
    clock = FakeClock()
    recording = read_recording(_voiced_recording(tmp_path))
    player = RecordingPlayer()
    app = CallsimApp(make_services(tmp_path, clock))
    async with app.run_test(size=SIZE) as pilot:
        screen = ReplayScreen(recording, None, None, player=player)
        await app.push_screen(screen)
        await settle(pilot)
        clock.advance(1.6)  # the agent's greeting has just begun: played from its start
        screen.tick()
        assert [p.name for p in player.played] == ["001-agent.wav"]
        assert player.frames == [16000]
        clock.advance(3.4)  # t = 5: one second into the caller's line
        screen.tick()
        assert len(player.played) == 2
        assert player.played[1].name.startswith("002-caller-")  # cut to start mid-line
        assert player.frames[1] == 16000  # 3 s less the first second, at 8 kHz
        await tap(pilot, "space")  # pause: the sound stops at once
        assert player.stops >= 1
        await tap(pilot, "2", "space")  # at 2× the replay is silent
        clock.advance(0.5)
        screen.tick()
        assert len(player.played) == 2
        position = str(screen.query_one("#replay-position", Static).render())
        assert "1× 时有声" in position


async def test_replay_without_a_device_is_text_only_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import simulator.tui.screens.replay as replay_screen

    monkeypatch.setattr(replay_screen, "open_player", lambda: (None, "仅文字（无音频设备）"))
    recording = read_recording(_voiced_recording(tmp_path))
    app = CallsimApp(make_services(tmp_path, FakeClock()))
    async with app.run_test(size=SIZE) as pilot:
        screen = ReplayScreen(recording, None, None)
        await app.push_screen(screen)
        for _ in range(300):
            if screen.sound_notice:
                break
            await pilot.pause(0.01)
        await settle(pilot)
        assert screen.sound is None
        assert "仅文字（无音频设备）" in str(screen.query_one("#replay-position", Static).render())


async def test_replay_marks_the_failed_utterances_and_f_jumps_to_each_with_its_reason(
    tmp_path: Path,
) -> None:
    recording = read_recording(SILENT)
    library = load_library(FIXTURES / "scenarios")
    scenario = library.by_id("silent-call")
    grade = fixture_grade(recording, scenario)
    app = CallsimApp(make_services(tmp_path, FakeClock()))
    async with app.run_test(size=SIZE) as pilot:
        screen = ReplayScreen(recording, grade, scenario, sound=False)
        await app.push_screen(screen)
        await settle(pilot)
        assert [m.rule_id for m in screen.marks] == ["opening.latency", "silent.spacing"]
        rows = [str(line) for line in screen.query_one(Timeline).render().renderables]
        fail_row = [row for row in rows if row.startswith("失分")]
        assert fail_row and fail_row[0].count("✘") == 2
        await tap(pilot, "f")
        first = screen.marks[0]
        assert screen.player is not None and not screen.player.playing
        assert abs(screen.player.position - (first.at + 0.01)) < 1e-6
        reason = str(screen.query_one("#replay-fail", Static).render())
        assert "1/2" in reason and "两秒内问候" in reason and "改进：接起后立即问候" in reason
        await tap(pilot, "f")
        reason = str(screen.query_one("#replay-fail", Static).render())
        assert "2/2" in reason and "无声电话间隔2–5秒" in reason
        lines = screen.query_one(Transcript).lines()
        marked = [line for line in lines if "失分：" in line]
        assert marked and marked[-1].startswith("✘") and "您好，请问有什么可以帮您？" in marked[-1]
        await tap(pilot, "f")  # past the last one it starts over
        assert "1/2" in str(screen.query_one("#replay-fail", Static).render())


@pytest.mark.parametrize("size", [SIZE, SMALL], ids=["100x30", "80x24"])
def test_replay_at_a_fail_snapshot(
    snap_compare: Any, tmp_path: Path, size: tuple[int, int]
) -> None:
    recording = read_recording(SILENT)
    scenario = load_library(FIXTURES / "scenarios").by_id("silent-call")
    app = CallsimApp(make_services(tmp_path, FakeClock()))

    async def run_before(pilot: Pilot[Any]) -> None:
        app.trainee = Trainee("李明", "1024")
        screen = ReplayScreen(recording, fixture_grade(recording, scenario), scenario, sound=False)
        await app.push_screen(screen)
        await settle(pilot)
        await tap(pilot, "f", "f")
        await pilot.pause(0.05)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_callsim_replay_opens_the_recording_without_a_sign_in(tmp_path: Path) -> None:
    recording = read_recording(_voiced_recording(tmp_path))
    services = make_services(tmp_path, FakeClock())
    app = ReplayApp(recording, None, None, services, sound=False)
    async with app.run_test(size=SIZE) as pilot:
        screen = await wait_for_screen(pilot, ReplayScreen)
        assert len(app.screen_stack) == 2  # the default screen and the replay: no sign-in
        assert screen.header_subtitle() == "王芳 · 工号 1024"
        await tap(pilot, "escape")
        await settle(pilot)
    assert app.return_code == 0


def test_callsim_replay_of_a_missing_file_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope.jsonl"
    assert main(["replay", str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(missing) in err[0] and "Traceback" not in err[0]


def test_callsim_replay_of_a_broken_file_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"kind": "session", "format": 1}\n{"t": "x", "kind"\n', "utf-8")
    assert main(["replay", str(broken)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and f"{broken}:" in err[0]
