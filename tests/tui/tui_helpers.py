"""Building the app for tests and driving a call through it with a fake clock."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from simulator.clock import FakeClock
from simulator.engine.voice import EstimatedVoice
from simulator.scenario.models import Scenario, TraineeStep
from simulator.tui.app import CallsimApp
from simulator.tui.model.services import Services
from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.exams import ExamListScreen
from simulator.tui.screens.picker import PickerScreen

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SILENT = FIXTURES / "recordings" / "2026-03-01" / "李明" / "2026-03-01T09-30-00-001a.jsonl"
"""李明's practice call on silent-call (a recording fixture several tests replay)."""
FIXED_NOW = datetime(2026, 3, 10, 10, 0, 0)
SIZE = (100, 30)


def make_services(tmp_path: Path, clock: FakeClock, **overrides: Any) -> Services:
    """Services for a test: fake clock, temporary folders, text-only caller, no bell."""
    values: dict[str, Any] = {
        "clock_factory": lambda: clock,
        "recordings_dir": tmp_path / "recordings",
        "scenarios_dir": FIXTURES / "scenarios",
        "data_dir": tmp_path / "data",
        "voice_factory": lambda scenario: (EstimatedVoice(), None),
        "voice_check": lambda: (False, "未检测到麦克风"),
        "result_saver": lambda grade, recording: None,
        "wall_clock": lambda: FIXED_NOW,
        "ring_bell": False,
    }
    values.update(overrides)
    return Services(**values)


def load_steps(path: Path) -> list[TraineeStep]:
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    if isinstance(data, dict):
        data = data["steps"]
    return [TraineeStep.model_validate(step) for step in data]


def load_scenario(path: Path) -> Scenario:
    return Scenario.model_validate(YAML(typ="safe").load(path.read_text(encoding="utf-8")))


async def settle(pilot: Pilot[Any]) -> None:
    """Let posted messages (engine notices, key events) be handled by the screen.

    Each round handles what was queued when it began; a key becomes a widget message,
    which becomes a screen message, so a few rounds cover the chain.
    """
    for _ in range(3):
        await pilot.pause(0)


async def run_until(pilot: Pilot[Any], screen: CallScreen, clock: FakeClock, t: float) -> None:
    """Move the fake clock to call time `t`, stopping at every moment the call has work."""
    live = screen.live
    assert live is not None
    call = live.call
    while not call.ended:
        due = call.next_due()
        target = t if due is None or due > t else due
        goal = call.origin + target
        if goal > clock.now():
            clock.set(goal)
        screen.tick()
        if target >= t:
            break
    await settle(pilot)


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type characters as a terminal delivers them (an input method commits characters).

    `Pilot.press` cannot send full-width punctuation (，？！), so each character goes to
    the app as the key event the terminal driver would make of it.
    """
    for char in text:
        pilot.app.post_message(events.Key(_character_to_key(char), char))
    await settle(pilot)


KEY_CHARS = {"enter": "\r", "space": " ", "escape": "\x1b"}


async def tap(pilot: Pilot[Any], *keys: str) -> None:
    """Press keys without `Pilot.press`'s wait for the CPU to go idle after each one."""
    for key in keys:
        pilot.app.post_message(events.Key(key, KEY_CHARS.get(key)))
        await settle(pilot)


async def sign_in(pilot: Pilot[Any], name: str = "李明", agent_id: str = "1024") -> None:
    await settle(pilot)
    name_box = pilot.app.screen.query_one("#signin-name", Input)
    name_box.value = ""
    name_box.focus()
    await type_text(pilot, name)
    await tap(pilot, "enter")
    await type_text(pilot, agent_id)
    await tap(pilot, "enter")
    await settle(pilot)


async def wait_for_screen(pilot: Pilot[Any], kind: type, tries: int = 200) -> Any:
    """Pump the app until `kind` is the active screen (workers finish in threads)."""
    for _ in range(tries):
        if isinstance(pilot.app.screen, kind):
            await pilot.pause(0)
            return pilot.app.screen
        await pilot.pause(0.01)
    raise AssertionError(f"{kind.__name__} never showed; at {pilot.app.screen!r}")


async def wait_for_call(pilot: Pilot[Any], tries: int = 500) -> CallScreen:
    """The call screen once its voice is prepared and the phone is ringing."""
    screen: CallScreen = await wait_for_screen(pilot, CallScreen)
    for _ in range(tries):
        if screen.live is not None:
            await settle(pilot)
            return screen
        await pilot.pause(0.01)
    raise AssertionError("the call never started")


async def until(pilot: Pilot[Any], ready: Callable[[], bool], tries: int = 500) -> None:
    """Pump the app until `ready()` holds (a worker's result has arrived, say)."""
    for _ in range(tries):
        if ready():
            return
        await pilot.pause(0.01)
    raise AssertionError("never happened")


async def open_exam(pilot: Pilot[Any], exam_id: str) -> ExamListScreen:
    """From the sign-in: the picker, `e`, the exam highlighted and its plan shown."""
    await sign_in(pilot)
    await wait_for_screen(pilot, PickerScreen)
    await tap(pilot, "e")
    screen: ExamListScreen = await wait_for_screen(pilot, ExamListScreen)
    await until(pilot, lambda: screen.shelf is not None)
    exams = screen.query_one("#exams-list", OptionList)
    ids = [exams.get_option_at_index(i).id for i in range(exams.option_count)]
    exams.highlighted = ids.index(exam_id)
    await until(pilot, lambda: screen.plan_shown_for == exam_id)
    return screen


async def play_steps(
    pilot: Pilot[Any], screen: CallScreen, clock: FakeClock, steps: Sequence[TraineeStep]
) -> None:
    """Play a trainee script by pressing keys, timed like headless play."""
    from simulator.engine.headless import reply_duration

    live = screen.live
    assert live is not None
    call = live.call
    previous_end = 0.0
    for step in steps:
        if call.ended:
            break
        while True:  # a caller line may start while waiting and push the step back
            base = previous_end if step.do == "answer" else max(previous_end, call.last_caller_end)
            due = base + step.after
            await run_until(pilot, screen, clock, due)
            if call.ended or call.last_caller_end <= due or step.do == "answer":
                break
        if call.ended:
            break
        if step.do == "answer":
            await tap(pilot, "space")
        elif step.do in {"hold", "unhold"}:
            await tap(pilot, "f2")
        elif step.do == "hangup":
            await tap(pilot, "f4")
            if screen.exam is not None:  # an exam call asks first
                await tap(pilot, "y")
        else:
            text = step.text or ""
            await type_text(pilot, text[0])
            await run_until(pilot, screen, clock, call.now() + reply_duration(step))
            await type_text(pilot, text[1:])
            await tap(pilot, "enter")
        await settle(pilot)
        previous_end = call.now()
    for _ in range(100):  # let the caller finish and hang up
        pending = call.next_due()
        if call.ended or pending is None:
            break
        await run_until(pilot, screen, clock, pending)


async def start_call(pilot: Pilot[Any]) -> CallScreen:
    """From the sign-in: sign in, take the pre-selected scenario, wait for the phone."""
    from simulator.tui.screens.picker import PickerScreen

    await sign_in(pilot)
    picker: PickerScreen = await wait_for_screen(pilot, PickerScreen)
    for _ in range(300):
        if picker._chosen() is not None:
            break
        await pilot.pause(0.01)
    await tap(pilot, "enter")
    return await wait_for_call(pilot)


def new_app(
    tmp_path: Path, clock: FakeClock, scenario_id: str | None = None, **overrides: Any
) -> CallsimApp:
    return CallsimApp(make_services(tmp_path, clock, **overrides), scenario_id=scenario_id)
