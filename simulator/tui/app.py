"""The callsim Textual app: a thin shell that owns the services and routes between screens.

Everything it needs from outside the UI (clock, folders, voice, grader, store) comes in
through `Services`, so tests run the real screens on a fake clock in temporary folders.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import Screen
from textual.theme import ThemeProvider

from simulator.locations import layered
from simulator.recording.reader import Recording
from simulator.scenario.models import Scenario
from simulator.settings import current as current_settings
from simulator.terminal.linebreak import install as install_chinese_line_breaking
from simulator.tui.messages import ResultSaved
from simulator.tui.model.library import Library, load_library
from simulator.tui.model.services import Services
from simulator.tui.model.trainee import Trainee, load_trainee, save_trainee
from simulator.tui.palette import (
    THEME_PLACEHOLDER,
    ChineseCommandPalette,
    PinyinCommandsProvider,
)

if TYPE_CHECKING:
    from simulator.grading.model import Grade
    from simulator.settings import Settings
    from simulator.tui.model.exam_run import ExamCall


class CallsimApp(App[None]):
    """Sign in, pick a scenario, take the call, read the report, replay."""

    CSS_PATH = "app.tcss"
    TITLE = "callsim 话务员培训模拟器"
    COMMAND_PALETTE_DISPLAY = "^p"
    REPLAY_ONLY: ClassVar[bool] = False
    """Only replays, no calls (`callsim replay FILE`: nobody has signed in)."""
    COMMANDS: ClassVar[set[type[Provider] | Callable[[], type[Provider]]]] = {
        PinyinCommandsProvider
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "帮助", id="app.help"),
        # `?` too, wherever it is not typed into a reply box.
        Binding("question_mark", "help", "帮助", id="app.help_key", show=False),
        Binding("ctrl+p", "command_palette", "命令", id="app.palette", priority=True, show=False),
        Binding("ctrl+q", "quit", "退出", id="app.quit", priority=True, show=False),
    ]

    def __init__(
        self,
        services: Services | None = None,
        *,
        scenario_id: str | None = None,
        exam_file: Path | None = None,
    ):
        super().__init__()
        install_chinese_line_breaking()
        self.services = services or Services()
        self.trainee: Trainee = load_trainee(self.services.data_dir)
        self.library: Library | None = None
        self._library_lock = threading.Lock()
        self.start_scenario = scenario_id
        self.start_exam = exam_file
        """Open the exam list on this exam after the sign-in (`callsim run --exam FILE`)."""
        self._notices_shown: set[str] = set()

    @property
    def settings(self) -> Settings:
        """The settings the app runs with: its services were made from them."""
        return self.services.settings

    def on_mount(self) -> None:
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.signin import SignInScreen  # noqa: PLC0415

        self.push_screen(SignInScreen())

    def get_library(self) -> Library:
        """The scenario library, loaded on first use (call from a worker thread).

        Screens ask for it from their workers at the same time (the picker, the exam
        list, the history): one loads it, the others wait for that load instead of
        parsing every file again."""
        with self._library_lock:
            if self.library is None:
                self.library = load_library(
                    self.services.scenarios_dir, self.services.library_below
                )
            return self.library

    def notify_once(self, text: str) -> None:
        """Show a notice the first time only (e.g. that the caller has no voice)."""
        if text not in self._notices_shown:
            self._notices_shown.add(text)
            self.notify(text, timeout=8, markup=False)

    # ------------------------------------------------------------------ actions

    def action_help(self) -> None:
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.help import HelpScreen  # noqa: PLC0415

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_command_palette(self) -> None:
        if not ChineseCommandPalette.is_open(cast("App[object]", self)):
            self.push_screen(ChineseCommandPalette(id="--command-palette"))

    def action_change_theme(self) -> None:
        self.push_screen(
            ChineseCommandPalette(providers=[ThemeProvider], placeholder=THEME_PLACEHOLDER)
        )

    def action_pick_scenario(self) -> None:
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.picker import PickerScreen  # noqa: PLC0415

        if not self.trainee.signed_in:
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, PickerScreen):
            self.switch_screen(PickerScreen())

    def take_call(self, scenario: Scenario) -> None:
        """A new call of `scenario`, on top of the scenario list (whatever was open)."""
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.call import CallScreen  # noqa: PLC0415
        from simulator.tui.screens.picker import PickerScreen  # noqa: PLC0415

        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, PickerScreen):
            self.switch_screen(PickerScreen())
        self.push_screen(CallScreen(scenario))

    def action_exams(self, preselect: Path | None = None) -> None:
        """The exam list, on top of the scenario list."""
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.exams import ExamListScreen  # noqa: PLC0415
        from simulator.tui.screens.picker import PickerScreen  # noqa: PLC0415

        if not self.trainee.signed_in or isinstance(self.screen, ExamListScreen):
            return
        while len(self.screen_stack) > 2:
            self.pop_screen()
        if not isinstance(self.screen, PickerScreen):
            self.switch_screen(PickerScreen())
        self.push_screen(ExamListScreen(preselect))

    def take_exam_call(self, call: ExamCall, scenario: Scenario) -> None:
        """The next call of an exam, on top of the exam list."""
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.call import CallScreen  # noqa: PLC0415
        from simulator.tui.screens.exams import ExamListScreen  # noqa: PLC0415

        while len(self.screen_stack) > 2 and not isinstance(self.screen, ExamListScreen):
            self.pop_screen()
        if not isinstance(self.screen, ExamListScreen):
            self.push_screen(ExamListScreen())
        self.push_screen(CallScreen(scenario, exam=call))

    def action_history(self) -> None:
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.history import HistoryScreen  # noqa: PLC0415

        if not self.trainee.signed_in or isinstance(self.screen, HistoryScreen):
            return
        if any(isinstance(s, HistoryScreen) for s in self.screen_stack):
            # Back to the history already open (under a report or a replay it opened):
            # one history, not a new one on every report.
            while not isinstance(self.screen, HistoryScreen):
                self.pop_screen()
            return
        self.push_screen(HistoryScreen())

    def action_sign_out(self) -> None:
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.signin import SignInScreen  # noqa: PLC0415

        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(SignInScreen())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand("选择场景", "回到场景列表，开始一通新电话", self.action_pick_scenario)
        yield SystemCommand("参加考试", "老师安排的考试：无提示，成绩单独记录", self.action_exams)
        yield SystemCommand("历史成绩", "查看以往通话的成绩、进步曲线并回放", self.action_history)
        yield SystemCommand("帮助", "按键说明与服务规范要点", self.action_help)
        yield SystemCommand("重新登录", "更换学员姓名或工号", self.action_sign_out)
        yield SystemCommand("切换主题", "更换界面配色", self.action_change_theme)
        yield SystemCommand("退出", "关闭模拟器", self.action_quit)

    # --------------------------------------------------------- background work

    def remember(self, trainee: Trainee) -> None:
        """Use this trainee from now on, and write it to the settings file."""
        self.trainee = trainee
        self._write_settings(trainee)

    @work(thread=True, exit_on_error=False, group="settings")
    def _write_settings(self, trainee: Trainee) -> None:
        try:
            save_trainee(self.services.data_dir, trainee)
        except OSError as exc:
            self.call_from_thread(
                self.notify, f"无法保存登录信息：{exc.strerror}", severity="warning"
            )

    def save_result_in_background(self, grade: Grade, recording: Recording) -> None:
        """Store a graded call without blocking; the store is optional."""
        self._save_result(grade, recording)

    @work(thread=True, exit_on_error=False, group="store")
    def _save_result(self, grade: Grade, recording: Recording) -> None:
        try:
            notice = self.services.save_result(grade, recording)
        except Exception as exc:  # the store is optional: report, never crash the app
            self.post_message(ResultSaved(f"成绩未能保存到成绩库：{exc}", ok=False))
            return
        if notice:
            self.post_message(ResultSaved(notice, ok=True))

    def on_result_saved(self, message: ResultSaved) -> None:
        if message.ok:
            self.notify(message.notice, markup=False)
        else:
            self.notify(message.notice, severity="warning", markup=False)


def make_app(
    *,
    settings: Settings | None = None,
    recordings: Path | None = None,
    scenarios: Path | None = None,
    scenario_id: str | None = None,
    exam_file: Path | None = None,
) -> CallsimApp:
    """The app with the real services for `settings` (the command's; else those in force),
    paths overridable from the command line."""
    services = Services.from_settings(settings or current_settings())
    if recordings is not None:
        services.recordings_dir = recordings
    if scenarios is not None:
        services.scenarios_dir = scenarios
        services.library_below = tuple(layered(scenarios)[1:])
    return CallsimApp(services, scenario_id=scenario_id, exam_file=exam_file)
