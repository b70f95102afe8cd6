"""The top of the call screen: the phone, the clocks, the practice hint, the microphone."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Static

from simulator.tui.model.live_call import LiveCall, practice_hint
from simulator.tui.widgets.meters import CallMeters
from simulator.tui.widgets.ring import RingIndicator


class CallStatus(Vertical):
    """Redrawn on every tick from the live call; hints only in practice mode."""

    DEFAULT_CSS = """
    CallStatus { height: auto; }
    CallStatus > #call-status { height: 4; border: round $primary; padding: 0 1; }
    CallStatus > #call-hint { height: 1; padding: 0 1; color: $warning; }
    CallStatus > #call-hint.-urgent { color: $error; text-style: bold; }
    CallStatus.-exam > #call-hint { display: none; }
    CallStatus > #call-voice { height: 1; padding: 0 1; color: $accent; display: none; }
    CallStatus.-voice > #call-voice { display: block; }
    """

    def __init__(self, *, practice: bool, voice: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.practice = practice
        self.set_class(not practice, "-exam")
        self.set_class(voice, "-voice")

    def compose(self) -> ComposeResult:
        with Horizontal(id="call-status"):
            yield RingIndicator(id="call-ring")
            yield CallMeters(id="call-meters")
        yield Static("", id="call-hint")
        yield Static("", id="call-voice")

    def show(self, live: LiveCall | None) -> None:
        if live is None:
            self.query_one(RingIndicator).show(None, 0)
            return
        call = live.call
        self.query_one(RingIndicator).show(call.state, live.rings, call.on_hold)
        meters = live.meters()
        self.query_one(CallMeters).show(meters, live.limits)
        if self.practice:
            hint = practice_hint(meters, live.limits)
            widget = self.query_one("#call-hint", Static)
            widget.update(hint.text if hint else "")
            widget.set_class(bool(hint and hint.urgent), "-urgent")

    def voice_status(self, text: str) -> None:
        self.query_one("#call-voice", Static).update(text)
