"""A yes/no question over the current screen, for steps that cannot be undone."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class ConfirmScreen(ModalScreen[bool]):
    """Dismissed with True on `y`/Enter, False on `n`/Esc.

    The default answer is the safe one: Enter confirms only when `enter_confirms` is set,
    so a trainee who keeps typing a reply and presses Enter does not end an exam call.
    """

    DEFAULT_CSS = """
    ConfirmScreen { align: center middle; }
    ConfirmScreen > Vertical {
        width: 60; max-width: 95%; height: auto;
        border: thick $error; background: $surface; padding: 0 1;
    }
    ConfirmScreen #confirm-question { text-style: bold; }
    ConfirmScreen #confirm-detail { color: $text-muted; }
    ConfirmScreen #confirm-keys { color: $accent; margin-top: 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "确定", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "取消", id="confirm.no"),
        Binding("enter", "enter", "", id="confirm.enter", show=False),
    ]

    def __init__(self, question: str, detail: str = "", *, enter_confirms: bool = False) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.enter_confirms = enter_confirms

    def compose(self) -> ComposeResult:
        with Vertical() as frame:
            frame.border_title = "请确认"
            yield Static(Text(self.question), id="confirm-question")
            if self.detail:
                yield Static(Text(self.detail), id="confirm-detail")
            yield Static("按 y 确定 · 按 n 或 Esc 取消", id="confirm-keys")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def action_enter(self) -> None:
        self.dismiss(self.enter_confirms)
