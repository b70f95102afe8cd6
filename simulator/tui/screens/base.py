"""What every callsim screen shares: typed access to the app and its services."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar, cast

from textual.screen import Screen
from textual.worker import Worker, WorkerState

from simulator.tui.model.crash import write_crash_log

if TYPE_CHECKING:
    from simulator.tui.app import CallsimApp
    from simulator.tui.model.services import Services
    from simulator.tui.model.trainee import Trainee

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

    def header_subtitle(self) -> str:
        """The header's subtitle: who is training, and in which class (a screen may say more)."""
        trainee = self.trainee
        if not trainee.signed_in:
            return ""
        who = f"{trainee.name} · 工号 {trainee.agent_id}"
        return f"{who} · {trainee.class_name}" if trainee.class_name else who

    # Textual calls the `on_mount` of every class in the screen's MRO, this one after the
    # subclass's: subclasses neither call it through super() nor set the subtitle there.
    def on_mount(self) -> None:
        subtitle = self.header_subtitle()
        if subtitle:
            self.sub_title = subtitle

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A background job that failed outside its own error handling is never silent:
        the trainee is told, the trainer finds the traceback in the crash log."""
        error = event.worker.error
        if event.state != WorkerState.ERROR or error is None:
            return
        log = write_crash_log(self.services.data_dir, error)
        where = f"，详情已记录到 {log}" if log is not None else ""
        self.notify(
            f"后台任务出错（{type(error).__name__}）{where}。请按 Esc 返回后重试，"
            "仍不行请告知培训老师。",
            severity="error",
            timeout=15,
        )


def shows_below(screen: Screen[Any], kind: type[Screen[Any]]) -> bool:
    """Whether the screen right under `screen` (the top one) is a `kind` showing the same
    recording: the report and the replay of one call then swap back and forth instead of
    stacking without end."""
    stack = screen.app.screen_stack
    if len(stack) < 2 or stack[-1] is not screen:
        return False
    below = stack[-2]
    mine = getattr(screen, "recording", None)
    theirs = getattr(below, "recording", None)
    if not isinstance(below, kind) or mine is None or theirs is None:
        return False
    return bool(mine is theirs or (mine.path is not None and mine.path == theirs.path))
