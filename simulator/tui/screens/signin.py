"""Sign-in: the trainee's name, work number and class, remembered for next time.

The class is optional: it files the results under a class on the scoreboard. It starts
as the remembered one, else `$CALLSIM_CLASS` (set once on a classroom's machines).
"""

from __future__ import annotations

import asyncio
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Horizontal, Vertical
from textual.widgets import Button, Footer, Header, Input, Label, Static

from simulator.locations import default_class
from simulator.tui.model.trainee import Trainee
from simulator.tui.screens.base import CallsimScreen

WELCOME = (
    "电话响起后按 [b]空格[/b] 接听，用输入法打字回复，按 [b]回车[/b] 说出。\n"
    "每通电话结束后，系统按服务规范逐条评分，并告诉您怎样改进。"
)


class SignInScreen(CallsimScreen[None]):
    """Who is training: name and work number (the work number is used in greetings)."""

    CSS_PATH = "signin.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority: the focus moves while the key is handled, so type-ahead lands right.
        Binding("enter", "submit", "进入", id="signin.submit", priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Center(), Vertical(id="signin-box"):
            yield Static("欢迎使用话务员培训模拟器", id="signin-title")
            yield Static(WELCOME, id="signin-welcome")
            yield Label("姓名")
            yield Input(placeholder="例如：李明", id="signin-name", max_length=32)
            with Horizontal(id="signin-row"):
                with Vertical(id="signin-agent-box"):
                    yield Label("工号（问候时报给客户）")
                    yield Input(
                        placeholder="例如：1024",
                        id="signin-agent-id",
                        max_length=12,
                        restrict=r"[0-9]*",
                    )
                with Vertical(id="signin-class-box"):
                    yield Label("班级（可不填）")
                    yield Input(placeholder="例如：春季一班", id="signin-class", max_length=32)
            yield Static("", id="signin-error")
            yield Button("进入  ⏎", id="signin-go", variant="primary")
        yield Footer()

    def header_subtitle(self) -> str:
        return "登录"

    def on_mount(self) -> None:
        trainee = self.trainee
        name = self.query_one("#signin-name", Input)
        agent_id = self.query_one("#signin-agent-id", Input)
        name.value = trainee.name
        agent_id.value = trainee.agent_id
        class_box = self.query_one("#signin-class", Input)
        class_box.value = trainee.class_name or default_class()
        (agent_id if trainee.name and not trainee.agent_id else name).focus()

    @on(Button.Pressed, "#signin-go")
    async def _go(self) -> None:
        await self.action_submit()

    async def action_submit(self) -> None:
        # The binding is handled at the app, ahead of keys still queued for the boxes (a
        # pasted name and ⏎ arrive together): let each box take its keys before reading it.
        for box in self.query(Input):
            taken = asyncio.Event()
            box.call_later(taken.set)
            await taken.wait()
        name_box = self.query_one("#signin-name", Input)
        agent_box = self.query_one("#signin-agent-id", Input)
        name, agent_id = name_box.value.strip(), agent_box.value.strip()
        if self.focused is name_box and name and not agent_id:
            self.set_focus(agent_box)
            return
        error = self.query_one("#signin-error", Static)
        if not name:
            error.update("请填写姓名。")
            self.query_one("#signin-name", Input).focus()
            return
        if not agent_id or not agent_id.isdecimal() or not agent_id.isascii():
            error.update("请填写工号（只能是数字）。" if agent_id else "请填写工号。")
            self.query_one("#signin-agent-id", Input).focus()
            return
        class_name = self.query_one("#signin-class", Input).value.strip()
        trainee = Trainee(name, agent_id, self.trainee.mode, self.trainee.input, class_name)
        self.callsim.remember(trainee)
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.picker import PickerScreen  # noqa: PLC0415

        self.app.switch_screen(PickerScreen())
