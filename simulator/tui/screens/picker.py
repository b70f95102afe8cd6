"""The scenario picker: scenarios grouped by persona, practice or exam, keyboard or voice."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Header, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from simulator.scenario.models import Scenario
from simulator.tui.library import Library, difficulty_stars, one_line, persona_title
from simulator.tui.messages import ScenariosLoaded, VoiceInputChecked
from simulator.tui.screens.base import CallsimScreen
from simulator.tui.services import VOICE_MISSING


class PickerScreen(CallsimScreen[None]):
    """Choose the call to take and how to take it."""

    CSS_PATH = "picker.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "开始通话", id="picker.start", priority=True),
        Binding("m", "toggle_mode", "练习/考试", id="picker.mode"),
        Binding("v", "toggle_input", "键盘/语音", id="picker.input"),
        Binding("e", "app.exams", "参加考试", id="picker.exams"),
        Binding("h", "app.history", "历史成绩", id="picker.history"),
        Binding("escape", "app.sign_out", "重新登录", id="picker.sign_out"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._library: Library | None = None
        self._voice_ok = False
        self._voice_reason = VOICE_MISSING

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="picker-main"):
            yield OptionList(id="picker-list")
            with Vertical(id="picker-detail"):
                yield Static("正在载入场景…", id="picker-info")
        with Horizontal(id="picker-options"):
            with RadioSet(id="picker-mode"):
                yield RadioButton("练习（有提示）", id="mode-practice")
                yield RadioButton("考试（无提示）", id="mode-exam")
            with RadioSet(id="picker-input"):
                yield RadioButton("键盘输入", id="input-keyboard")
                yield RadioButton("语音输入", id="input-voice", disabled=True)
        yield Static(VOICE_MISSING, id="picker-voice-reason")
        yield Footer()

    def on_mount(self) -> None:
        trainee = self.trainee
        self.query_one(f"#mode-{trainee.mode}", RadioButton).value = True
        self.query_one("#input-keyboard", RadioButton).value = True
        self.query_one("#picker-list", OptionList).focus()
        self._load()
        exam_file, self.callsim.start_exam = self.callsim.start_exam, None
        if exam_file is not None:
            self.callsim.action_exams(exam_file)

    @work(thread=True, exit_on_error=False, group="picker")
    def _load(self) -> None:
        self.post_message(ScenariosLoaded(self.callsim.get_library()))
        available, reason = self.services.check_voice_input()
        self.post_message(VoiceInputChecked(available, reason))

    def on_scenarios_loaded(self, message: ScenariosLoaded) -> None:
        self._library = message.library
        options: list[Option] = []
        for title, scenarios in message.library.grouped():
            options.append(Option(Text(f"── {title} ──", style="bold"), disabled=True))
            for scenario in scenarios:
                label = Text.assemble((f"{difficulty_stars(scenario.difficulty)} ", "yellow"))
                label.append(scenario.title)
                options.append(Option(label, id=scenario.id))
        option_list = self.query_one("#picker-list", OptionList)
        option_list.clear_options()
        option_list.add_options(options)
        if message.library.problems:
            self.notify(
                "\n".join(message.library.problems[:5]),
                title="有场景文件无法载入",
                severity="warning",
            )
        if not message.library.scenarios:
            folder = self.services.scenarios_dir
            self.query_one("#picker-info", Static).update(Text(f"在 {folder} 中没有找到场景文件。"))
            return
        wanted = self.callsim.start_scenario
        index = next((i for i, o in enumerate(options) if o.id and o.id == wanted), None)
        first = next(i for i, o in enumerate(options) if not o.disabled)
        option_list.highlighted = index if index is not None else first

    def on_voice_input_checked(self, message: VoiceInputChecked) -> None:
        self._voice_ok = message.available
        self._voice_reason = message.reason
        voice = self.query_one("#input-voice", RadioButton)
        voice.disabled = not message.available
        reason = self.query_one("#picker-voice-reason", Static)
        reason.update(Text(message.reason))  # the reason quotes shell commands like .[mic]
        if message.available and self.trainee.input == "voice":
            voice.value = True

    @on(OptionList.OptionHighlighted, "#picker-list")
    def _show(self, event: OptionList.OptionHighlighted) -> None:
        scenario = self._chosen()
        if scenario is not None:
            self.query_one("#picker-info", Static).update(_describe(scenario))

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self) -> None:
        self.action_start()

    def _chosen(self) -> Scenario | None:
        option_list = self.query_one("#picker-list", OptionList)
        if self._library is None or option_list.highlighted is None:
            return None
        option = option_list.get_option_at_index(option_list.highlighted)
        return self._library.by_id(option.id) if option.id else None

    def action_toggle_mode(self) -> None:
        exam = self.query_one("#mode-exam", RadioButton)
        target = "#mode-practice" if exam.value else "#mode-exam"
        self.query_one(target, RadioButton).value = True

    def action_toggle_input(self) -> None:
        if not self._voice_ok:
            self.notify(self._voice_reason, severity="warning", markup=False)
            return
        voice = self.query_one("#input-voice", RadioButton)
        target = "#input-keyboard" if voice.value else "#input-voice"
        self.query_one(target, RadioButton).value = True

    def action_start(self) -> None:
        scenario = self._chosen()
        if scenario is None:
            return
        exam = self.query_one("#mode-exam", RadioButton).value
        voice = self._voice_ok and self.query_one("#input-voice", RadioButton).value
        trainee = self.trainee.with_choice(
            mode="exam" if exam else "practice", input="voice" if voice else "keyboard"
        )
        self.callsim.remember(trainee)
        from simulator.tui.screens.call import CallScreen

        self.app.push_screen(CallScreen(scenario))


def _describe(scenario: Scenario) -> Text:
    text = Text()
    text.append(scenario.title + "\n", style="bold")
    text.append(f"来电类型：{persona_title(scenario.persona)}\n")
    text.append("难度：")
    text.append(difficulty_stars(scenario.difficulty) + "\n", style="yellow")
    text.append(f"单位：{scenario.org}\n\n")
    text.append(one_line(scenario) + "\n", style="italic")
    if scenario.description and scenario.description != one_line(scenario):
        text.append("\n" + scenario.description.strip(), style="dim")
    text.append("\n\n按回车开始：电话会响起，按空格接听。", style="dim")
    return text
