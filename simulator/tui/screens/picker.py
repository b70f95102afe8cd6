"""The scenario picker: scenarios grouped by persona, practice or exam, keyboard or voice.

Above the groups, 「推荐练习」: the scenario that trains the rules this trainee keeps
missing (simulator.coaching, read from the results database in a worker). The picker
opens on it, and its detail says which rules and how often they were missed lately.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Footer, Header, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from simulator.errors import UserError
from simulator.scenario.models import Scenario
from simulator.tui.messages import ScenariosLoaded, VoiceInputChecked
from simulator.tui.model.library import Library, difficulty_stars, one_line, persona_title
from simulator.tui.model.services import VOICE_CHECKING
from simulator.tui.screens.base import CallsimScreen

if TYPE_CHECKING:
    from simulator.coaching import Recommendation

RECOMMENDED = "recommended:"
"""Option id prefix of the recommended scenario (it is listed in its group as well)."""


@dataclass
class RecommendationFound(Message):
    """The trainee's next call was worked out (None: no history to go on, or no store)."""

    recommendation: Recommendation | None


class PickerScreen(CallsimScreen[None]):
    """Choose the call to take and how to take it."""

    CSS_PATH = "picker.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        # Short descriptions: all six and the palette key fit an 80-column footer.
        Binding("enter", "start", "开始", id="picker.start", priority=True),
        Binding("m", "toggle_mode", "练习/考试", id="picker.mode"),
        Binding("v", "toggle_input", "键盘/语音", id="picker.input"),
        Binding("e", "app.exams", "考试", id="picker.exams"),
        Binding("h", "app.history", "历史", id="picker.history"),
        Binding("escape", "app.sign_out", "换人", id="picker.sign_out"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._library: Library | None = None
        self._voice_ok = False
        self._voice_reason = VOICE_CHECKING
        self._first_choice: int | None = None
        self.recommendation: Recommendation | None = None

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
        yield Static(VOICE_CHECKING, id="picker-voice-reason")
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

    @work(thread=True, exit_on_error=False, group="picker-coach", exclusive=True)
    def _coach(self) -> None:
        """The recommendation, from the results database the app saves calls to."""
        # The grader (the whole rule catalog) is imported when needed, not at start-up.
        from simulator.coaching import coach  # noqa: PLC0415

        services = self.services
        if services.store_factory is None and services.result_saver is not None:
            return  # results go somewhere else than a results database: nothing to read
        library = self.callsim.get_library()
        try:
            store = services.open_store()
            in_order = [s for _, group in library.grouped() for s in group]
            coaching = coach(store, self.trainee.name, in_order, services.scenarios_dir)
        except UserError:  # the database is optional here, as when saving a result
            return
        if coaching.calls:  # a first-timer starts at the top of the list anyway
            self.post_message(RecommendationFound(coaching.recommendation))

    def on_recommendation_found(self, message: RecommendationFound) -> None:
        if message.recommendation is None or self._library is None:
            return
        if self._library.by_id(message.recommendation.scenario_id) is None:
            return
        option_list = self.query_one("#picker-list", OptionList)
        previous, self.recommendation = self.recommendation, message.recommendation
        if previous is None:
            # Opening: go to it unless a scenario was asked for or the trainee moved on.
            untouched = option_list.highlighted in (None, self._first_choice)
            keep = not untouched or self.callsim.start_scenario is not None
        else:
            # Back from a call: new advice is worth the move, the same advice is not.
            keep = previous.scenario_id == message.recommendation.scenario_id
        self._fill(keep=keep)

    def on_screen_resume(self) -> None:
        # Back from a call or the history: the calls just taken may change the advice.
        if self._library is not None:
            self._coach()

    def on_scenarios_loaded(self, message: ScenariosLoaded) -> None:
        self._library = message.library
        self._fill(keep=False)
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
        self._coach()

    def _fill(self, *, keep: bool) -> None:
        """List the scenarios (the recommendation first); highlight where it makes sense.

        `keep` keeps the highlighted scenario; otherwise the picker opens on the one
        asked for on the command line, else the recommendation, else the first.
        """
        library = self._library
        assert library is not None
        option_list = self.query_one("#picker-list", OptionList)
        before = self._chosen() if keep else None
        options: list[Option] = []
        rec = self.recommendation
        scenario = library.by_id(rec.scenario_id) if rec is not None else None
        if scenario is not None:
            options.append(Option(Text("── 推荐练习 ──", style="bold yellow"), disabled=True))
            options.append(Option(_label(scenario, recommended=True), id=RECOMMENDED + scenario.id))
        for title, scenarios in library.grouped():
            options.append(Option(Text(f"── {title} ──", style="bold"), disabled=True))
            for member in scenarios:
                options.append(Option(_label(member), id=member.id))
        option_list.clear_options()
        option_list.add_options(options)
        if not library.scenarios:
            return
        wanted = before.id if before is not None else self.callsim.start_scenario
        index = next((i for i, o in enumerate(options) if o.id and o.id == wanted), None)
        first = next(i for i, o in enumerate(options) if not o.disabled)
        self._first_choice = first
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
        if scenario is None:
            return
        info = self.query_one("#picker-info", Static)
        option_id = event.option.id or ""
        if option_id.startswith(RECOMMENDED) and self.recommendation is not None:
            info.update(_describe(scenario, self.recommendation))
        else:
            info.update(_describe(scenario))

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self) -> None:
        self.action_start()

    def _chosen(self) -> Scenario | None:
        option_list = self.query_one("#picker-list", OptionList)
        if self._library is None or option_list.highlighted is None:
            return None
        option = option_list.get_option_at_index(option_list.highlighted)
        if not option.id:
            return None
        return self._library.by_id(option.id.removeprefix(RECOMMENDED))

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
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.call import CallScreen  # noqa: PLC0415

        self.app.push_screen(CallScreen(scenario))


def _label(scenario: Scenario, *, recommended: bool = False) -> Text:
    label = Text.assemble((f"{difficulty_stars(scenario.difficulty)} ", "yellow"))
    label.append(scenario.title, style="bold" if recommended else "")
    return label


def _describe(scenario: Scenario, recommendation: Recommendation | None = None) -> Text:
    text = Text()
    if recommendation is not None:
        text.append("推荐练习", style="bold black on yellow")
        text.append("\n" + recommendation.reason + "\n\n", style="yellow")
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
