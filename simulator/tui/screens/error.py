"""What a trainee sees when something inside a call breaks: no traceback, a way on."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.widgets import Button, Footer, Static

from simulator.tui.model.crash import write_crash_log
from simulator.tui.screens.base import CallsimScreen


class ErrorScreen(CallsimScreen[None]):
    """A plain-language account of the failure, where the recording is, and what to do."""

    DEFAULT_CSS = """
    ErrorScreen { align: center middle; }
    #error-box { width: 80; max-width: 100%; height: auto; border: heavy $error; padding: 1 2; }
    #error-title { text-style: bold; color: $error; margin-bottom: 1; }
    #error-box Button { margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "back", "返回场景列表", id="error.back"),
    ]

    def __init__(self, summary: str, recording: Path | None, log: Path | None) -> None:
        super().__init__()
        self.summary = summary
        self.recording = recording
        self.log_path = log

    @classmethod
    def after(cls, exc: BaseException, recording: Path | None, data_dir: Path) -> ErrorScreen:
        """The screen for an exception, its traceback kept in a log file for the trainer."""
        log = write_crash_log(data_dir, exc)
        return cls(f"{type(exc).__name__}: {exc}", recording, log)

    def compose(self) -> ComposeResult:
        with Center(), Vertical(id="error-box"):
            yield Static("抱歉，这通电话出错中断了。", id="error-title")
            yield Static(Text(f"原因：{self.summary}"), id="error-summary")
            if self.recording is not None:
                yield Static(Text(f"已说的内容都保存在录音文件中：\n{self.recording}"))
            if self.log_path is not None:
                log = f"详细错误信息（请交给培训老师）：\n{self.log_path}"
                yield Static(Text(log), classes="dim")
            yield Button("返回场景列表", id="error-back", variant="primary")
        yield Footer()

    def on_button_pressed(self) -> None:
        self.action_back()

    def action_back(self) -> None:
        self.callsim.action_pick_scenario()
