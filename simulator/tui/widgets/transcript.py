"""The words of the call as they are spoken: caller, trainee, and what happened."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from simulator.engine.notices import (
    AgentSaid,
    CallAnswered,
    CallEnded,
    CallerLineEnded,
    CallerLineStarted,
    CallNotice,
    HoldChanged,
)
from simulator.tui.widgets.meters import clock_text

ENDINGS = {
    "caller_hung_up": "客户已挂机",
    "agent_hung_up": "您已挂机",
    "caller_gave_up_ringing": "响铃太久，客户已挂断",
    "max_duration": "通话时间已到",
    "stalled": "来电脚本原地打转，通话已结束",
}
SPEAKERS = {"caller": ("客户", "bold magenta"), "agent": ("我", "bold cyan")}


def line_text(
    who: str,
    text: str,
    at: float | None,
    *,
    speaking: bool = False,
    fails: Sequence[str] = (),
) -> Text:
    """One utterance; `fails` names the rules it failed (a replay of a graded call)."""
    label, style = SPEAKERS[who]
    line = Text.assemble(("✘ " if fails else "", "bold red"), (f"{clock_text(at)} ", "dim"))
    line.append(f"{label}：", style=style)
    line.append(text)
    if speaking:
        line.append("  ◀ 正在说", style="italic magenta")
    if fails:
        line.append("  失分：" + "、".join(fails), style="bold red")
    return line


class TranscriptLine(Static):
    """One utterance; a caller line is marked while it is still being spoken."""

    DEFAULT_CSS = """
    TranscriptLine { height: auto; }
    TranscriptLine.-system { color: $text-muted; text-style: italic; }
    TranscriptLine.-fail { background: $error 15%; }
    """

    def __init__(self, content: Text | str, *, classes: str = "") -> None:
        super().__init__(content, classes=classes)
        self.plain = str(content)

    def show(self, content: Text) -> None:
        self.plain = str(content)
        self.update(content)


class Transcript(VerticalScroll):
    """Scrolls to the newest line as lines arrive."""

    DEFAULT_CSS = """
    Transcript { height: 1fr; padding: 0 1; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._open: dict[str, tuple[TranscriptLine, float | None, tuple[str, ...]]] = {}

    def say(
        self,
        who: str,
        text: str,
        at: float | None,
        *,
        speaking: bool = False,
        fails: Sequence[str] = (),
    ) -> TranscriptLine:
        content = line_text(who, text, at, speaking=speaking, fails=fails)
        line = TranscriptLine(content, classes=f"-{who} -fail" if fails else f"-{who}")
        if speaking:
            self._open[text] = (line, at, tuple(fails))
        self.mount(line)
        self.scroll_end(animate=False)
        return line

    def finished(self, text: str) -> None:
        """The caller finished saying `text`: drop its speaking mark."""
        entry = self._open.pop(text, None)
        if entry is not None:
            line, at, fails = entry
            line.show(line_text("caller", text, at, fails=fails))

    def note(self, text: str) -> TranscriptLine:
        """A line about the call itself (answered, on hold, ended)."""
        line = TranscriptLine(Text(f"—— {text} ——"), classes="-system")
        self.mount(line)
        self.scroll_end(animate=False)
        return line

    def show_notice(self, notice: CallNotice, answered: float | None) -> None:
        """What the engine reported, as a transcript line (times since the answer)."""

        def since(t: float) -> float | None:
            return t - answered if answered is not None else None

        if isinstance(notice, CallerLineStarted):
            self.say("caller", notice.text, since(notice.t), speaking=True)
        elif isinstance(notice, CallerLineEnded):
            self.finished(notice.text)
        elif isinstance(notice, AgentSaid):
            self.say("agent", notice.say.text, since(notice.say.t))
        elif isinstance(notice, CallAnswered):
            self.note("已接听，请问候客户")
        elif isinstance(notice, HoldChanged):
            self.note("已保持：客户在等待" if notice.on else "已恢复通话")
        elif isinstance(notice, CallEnded):
            self.note(f"{ENDINGS.get(notice.reason, '通话结束')}，正在评分…")

    def clear_lines(self) -> None:
        self._open.clear()
        self.remove_children()

    def lines(self) -> list[str]:
        """Plain text of every line (tests and benchmarks read this)."""
        return [line.plain for line in self.query(TranscriptLine)]
