"""Building the app for tests and driving a call through it with a fake clock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot

from simulator.clock import FakeClock
from simulator.engine.voice import EstimatedVoice
from simulator.scenario.models import Scenario, TraineeStep
from simulator.tui.app import CallsimApp
from simulator.tui.screens.call import CallScreen
from simulator.tui.services import Services

FIXTURES = Path(__file__).resolve().parent / "fixtures"
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
    """Let posted messages (engine notices, worker results) be handled."""
    await pilot.pause()
    await pilot.pause()


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
        await settle(pilot)
        if target >= t:
            return


async def type_text(pilot: Pilot[Any], text: str) -> None:
    """Type characters as a terminal delivers them (an input method commits characters).

    `Pilot.press` cannot send full-width punctuation (，？！), so each character goes to
    the app as the key event the terminal driver would make of it.
    """
    for char in text:
        pilot.app.post_message(events.Key(_character_to_key(char), char))
        await pilot.pause()


async def sign_in(pilot: Pilot[Any], name: str = "李明", agent_id: str = "1024") -> None:
    await settle(pilot)
    name_box = pilot.app.screen.query_one("#signin-name")
    name_box.value = ""  # type: ignore[attr-defined]
    await pilot.click("#signin-name")
    await type_text(pilot, name)
    await pilot.press("enter")
    await type_text(pilot, agent_id)
    await pilot.press("enter")
    await settle(pilot)


async def wait_for_screen(pilot: Pilot[Any], kind: type, tries: int = 200) -> Any:
    """Pump the app until `kind` is the active screen (workers finish in threads)."""
    for _ in range(tries):
        if isinstance(pilot.app.screen, kind):
            return pilot.app.screen
        await pilot.pause(0.01)
    raise AssertionError(f"{kind.__name__} never showed; at {pilot.app.screen!r}")


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
            await pilot.press("space")
        elif step.do in {"hold", "unhold"}:
            await pilot.press("f2")
        elif step.do == "hangup":
            await pilot.press("f4")
        else:
            text = step.text or ""
            await type_text(pilot, text[0])
            await run_until(pilot, screen, clock, call.now() + reply_duration(step))
            await type_text(pilot, text[1:])
            await pilot.press("enter")
        await settle(pilot)
        previous_end = call.now()
    for _ in range(100):  # let the caller finish and hang up
        due = call.next_due()
        if call.ended or due is None:
            break
        await run_until(pilot, screen, clock, due)


def new_app(tmp_path: Path, clock: FakeClock, **overrides: Any) -> CallsimApp:
    return CallsimApp(make_services(tmp_path, clock, **overrides))
