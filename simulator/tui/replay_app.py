"""`callsim replay FILE`: the app opened straight on one recording's replay.

A trainer opens any recording (a trainee's, a class's, one mailed in) without signing
in; leaving the replay closes the app. The report (`g`) is there when it was graded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import events, on

from simulator.recording.reader import Recording
from simulator.scenario.models import Scenario
from simulator.tui.app import CallsimApp
from simulator.tui.model.services import Services
from simulator.tui.screens.replay import ReplayScreen

if TYPE_CHECKING:
    from simulator.grading.model import Grade


class ReplayApp(CallsimApp):
    """The callsim app showing one replay instead of the sign-in."""

    # Nobody signed in: a report opened from here must not start a call (`n`, `p`).
    REPLAY_ONLY = True

    def __init__(
        self,
        recording: Recording,
        grade: Grade | None,
        scenario: Scenario | None,
        services: Services | None = None,
        *,
        sound: bool = True,
    ) -> None:
        super().__init__(services)
        self.sound = sound
        self.recording = recording
        self.grade = grade
        self.scenario = scenario

    @on(events.Mount)
    def _open_replay(self, event: events.Mount) -> None:
        # Textual runs every class's mount handler; the app's would push the sign-in.
        event.prevent_default()
        screen = ReplayScreen(self.recording, self.grade, self.scenario, sound=self.sound)
        self.push_screen(screen, callback=lambda _: self.exit())
