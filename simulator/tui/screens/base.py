"""What every callsim screen shares: typed access to the app and its services."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from simulator.tui.app import CallsimApp
    from simulator.tui.services import Services
    from simulator.tui.settings import Trainee

ResultType = TypeVar("ResultType")


class CallsimScreen(Screen[ResultType]):
    """A screen of the callsim app."""

    @property
    def callsim(self) -> CallsimApp:
        return cast("CallsimApp", self.app)

    @property
    def services(self) -> Services:
        return self.callsim.services

    @property
    def trainee(self) -> Trainee:
        return self.callsim.trainee

    def on_mount(self) -> None:
        trainee = self.trainee
        if trainee.signed_in:
            self.sub_title = f"{trainee.name} · 工号 {trainee.agent_id}"
