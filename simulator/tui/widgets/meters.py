"""The call's clocks: time since the answer, the silence meter, the hold timer."""

from __future__ import annotations

from rich.text import Text
from textual.widget import Widget

from simulator.tui.model.live_call import Limits, Meters

BAR_CELLS = 10


def clock_text(seconds: float | None) -> str:
    """mm:ss of the call clock, which starts at the answer: ringing reads as -00:03."""
    if seconds is None:
        return "--:--"
    sign = "-" if seconds <= -1 else ""
    whole = int(abs(seconds))
    return f"{sign}{whole // 60:02d}:{whole % 60:02d}"


def silence_bar(seconds: float, limit: float, waiting: bool) -> Text:
    """A bar filling towards the dead-air limit; it only turns red when the caller waits."""
    filled = min(BAR_CELLS, int(seconds / limit * BAR_CELLS)) if limit > 0 else 0
    if not waiting:
        style = "dim"
    elif seconds >= limit:
        style = "bold red"
    elif seconds >= limit * 0.6:
        style = "yellow"
    else:
        style = "green"
    text = Text.assemble(("█" * filled, style))
    text.append("░" * (BAR_CELLS - filled), style="dim")
    text.append(f" {seconds:4.1f}s", style=style)
    return text


class CallMeters(Widget):
    """Two lines of figures; `show()` is called on every tick of the call."""

    DEFAULT_CSS = """
    CallMeters { width: 1fr; height: 2; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._meters: Meters | None = None
        self._limits = Limits()

    def show(self, meters: Meters | None, limits: Limits) -> None:
        if meters != self._meters or limits != self._limits:
            self._meters = meters
            self._limits = limits
            self.refresh()

    def render(self) -> Text:
        meters, limits = self._meters, self._limits
        text = Text.assemble(("通话 ", "dim"))
        text.append(clock_text(meters.talk if meters else None), style="bold")
        text.append("   保持 ", style="dim")
        hold = meters.hold if meters else None
        if hold is None:
            text.append("--", style="dim")
        else:
            text.append(f"{hold:4.1f}s", style="bold red" if hold >= limits.hold else "bold cyan")
            text.append(f" / {limits.hold:.0f}s", style="dim")
        text.append("\n静默 ", style="dim")
        if meters is None or meters.silence is None:
            text.append("░" * BAR_CELLS + "   --", style="dim")
        else:
            text.append_text(silence_bar(meters.silence, limits.dead_air, meters.waiting))
            if meters.waiting:
                text.append(f" / {limits.dead_air:.0f}s 客户在等", style="dim")
        return text
