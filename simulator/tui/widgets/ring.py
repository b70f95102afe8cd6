"""The phone itself: ringing (with the ring count), connected, on hold, hung up."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from simulator.engine.call import CallState

_STATES: dict[str, tuple[str, str]] = {
    "preparing": ("… 准备来电", "dim"),
    "idle": ("… 准备来电", "dim"),
    "ringing": ("☎ 来电响铃", "bold black on yellow"),
    "connected": ("● 通话中", "bold green"),
    "hold": ("‖ 保持中", "bold black on cyan"),
    "ended": ("■ 已挂断", "bold red"),
}


class RingIndicator(Widget):
    """Two lines: the state in colour, and the ring counter (or how to answer)."""

    DEFAULT_CSS = """
    RingIndicator { width: 24; height: 2; }
    """

    state: reactive[str] = reactive("preparing")
    live: reactive[bool] = reactive(True)
    """A live call tells how to answer; a replay only counts the rings."""
    rings: reactive[int] = reactive(0)

    def show(self, state: CallState | None, rings: int, on_hold: bool = False) -> None:
        if state is None:
            name = "preparing"
        elif state is CallState.CONNECTED and on_hold:
            name = "hold"
        else:
            name = state.value
        self.show_named(name, rings)

    def show_named(self, name: str, rings: int) -> None:
        """Show a state by name: preparing, ringing, connected, hold, ended."""
        self.state = name
        self.rings = rings

    def render(self) -> Text:
        label, style = _STATES.get(self.state, _STATES["idle"])
        text = Text.assemble((f" {label} ", style))
        if self.state == "ringing":
            waves = ")))" if self.rings % 2 else "((("
            text.append(f" {waves}", style="yellow")
            how = " · 按空格接听" if self.live else ""
            text.append(f"\n 第 {self.rings} 声{how}", style="bold")
        elif self.rings:
            text.append(f"\n 响铃 {self.rings} 声", style="dim")
        return text
