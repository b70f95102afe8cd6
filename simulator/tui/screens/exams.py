"""The exam list: the trainer's exams, this trainee's attempts and order, and the start.

Every figure on it comes from the results database (in a worker), so attempts used on
another machine count here too. Exam calls show no hints and are stored as exam results.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from simulator.exams.models import Exam
from simulator.tui.messages import (
    ExamCallReady,
    ExamPlanRead,
    ExamsLoaded,
    ExamUnavailable,
)
from simulator.tui.model.exam_run import ExamCall, ExamShelf, load_exams
from simulator.tui.screens.base import CallsimScreen

NO_EXAMS = "没有找到考试文件。\n培训老师把考试写在 {folder} 中（写法见 README 的 Classroom 一节）。"


class ExamListScreen(CallsimScreen[None]):
    """Pick an exam, read its plan, start (or go on with) an attempt."""

    CSS_PATH = "exams.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "start", "开始考试", id="exams.start", priority=True),
        Binding("escape", "back", "返回场景列表", id="exams.back"),
    ]

    def __init__(self, preselect: Path | None = None) -> None:
        super().__init__()
        self.preselect = preselect
        self.shelf: ExamShelf | None = None
        self.plan_shown_for: str | None = None
        self._can_start = False
        self._starting = False
        self._plan_requests = 0  # a plan read in a worker shows only if none was asked since

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="exams-main"):
            exam_list = OptionList(id="exams-list")
            exam_list.border_title = "考试"
            yield exam_list
            with VerticalScroll(id="exams-detail"):
                yield Static("正在载入考试…", id="exams-plan")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "考试"
        self.query_one("#exams-list", OptionList).focus()
        self._load()

    def on_screen_resume(self) -> None:
        self._starting = False
        exam = self._chosen()
        if exam is not None:  # back from an exam call: attempts and results have moved on
            self._read_plan(exam)

    @work(thread=True, exit_on_error=False, group="exams")
    def _load(self) -> None:
        # The exam files alone are quick to read: the list shows at once, and the plan
        # (which names scenarios by title) waits for the library if it is still loading.
        extra = [self.preselect] if self.preselect is not None else []
        shelf = load_exams(self.services.scenarios_dir, extra, self.services.library_below)
        self.post_message(ExamsLoaded(shelf))

    def on_exams_loaded(self, message: ExamsLoaded) -> None:
        self.shelf = shelf = message.shelf
        exam_list = self.query_one("#exams-list", OptionList)
        exam_list.clear_options()
        exam_list.add_options(Option(Text(exam.title), id=exam.id) for exam, _ in shelf.exams)
        if shelf.problems:
            self.notify(
                "\n".join(shelf.problems[:5]),
                title="有考试文件无法载入",
                severity="warning",
                markup=False,
            )
        if not shelf.exams:
            folder = self.services.scenarios_dir / "exams"
            self.query_one("#exams-plan", Static).update(Text(NO_EXAMS.format(folder=folder)))
            return
        wanted = shelf.id_of(self.preselect) if self.preselect is not None else None
        ids = [exam.id for exam, _ in shelf.exams]
        exam_list.highlighted = ids.index(wanted) if wanted in ids else 0

    @on(OptionList.OptionHighlighted, "#exams-list")
    def _highlighted(self) -> None:
        exam = self._chosen()
        if exam is not None:
            self._can_start = False
            waiting = "正在读取考试记录…"
            if self.callsim.library is None:
                waiting = "正在载入场景和考试记录…"
            self.query_one("#exams-plan", Static).update(Text(waiting))
            self._read_plan(exam)

    @on(OptionList.OptionSelected, "#exams-list")
    def _selected(self) -> None:
        self.action_start()

    def _chosen(self) -> Exam | None:
        exam_list = self.query_one("#exams-list", OptionList)
        if self.shelf is None or exam_list.highlighted is None:
            return None
        option = exam_list.get_option_at_index(exam_list.highlighted)
        return self.shelf.by_id(option.id) if option.id else None

    def _read_plan(self, exam: Exam) -> None:
        self._plan_requests += 1
        self._plan_worker(exam, self._plan_requests)

    # Exclusive: holding ↓ must not queue one database session per exam passed over.
    @work(thread=True, exit_on_error=False, group="exam-plan", exclusive=True)
    def _plan_worker(self, exam: Exam, request: int) -> None:
        # The grader (the whole rule catalog) is imported when needed, not at start-up.
        from simulator.exams.plan import plan_text  # noqa: PLC0415

        library = self.callsim.get_library()

        def title_of(scenario_id: str) -> str:
            scenario = library.by_id(scenario_id)
            return scenario.title if scenario is not None else ""

        try:
            session = self.services.exam_session(exam, self.trainee)
            text = plan_text(session, title_of=title_of)
            step = session.next_call()
            can_start, resumes = step is not None, step is not None and step.position > 0
        except Exception as exc:  # the database is down or broken: say so, keep the list
            text = f"无法读取考试记录：{exc}\n考试需要成绩库来计算剩余次数，请告知培训老师。"
            can_start = resumes = False
        self.post_message(ExamPlanRead(exam.id, text, can_start, request, resumes))

    def on_exam_plan_read(self, message: ExamPlanRead) -> None:
        if message.request != self._plan_requests:
            return  # the highlight moved, or the screen came back, while this was read
        self.plan_shown_for = message.exam_id
        self._can_start = message.can_start
        verb = "继续" if message.resumes else "开始"
        hint = f"\n按回车{verb}考试：电话会响起，按空格接听。" if message.can_start else ""
        self.query_one("#exams-plan", Static).update(Text(message.text + hint))

    def action_start(self) -> None:
        exam = self._chosen()
        if exam is None or self._starting:
            return
        if not self._can_start:
            self.notify("这场考试现在不能开始，原因见右侧说明。", severity="warning")
            return
        self._starting = True
        self._begin(exam)

    @work(thread=True, exit_on_error=False, group="exam-start", exclusive=True)
    def _begin(self, exam: Exam) -> None:
        try:
            session = self.services.exam_session(exam, self.trainee)
            step = session.next_call()
        except Exception as exc:  # the database is down or broken: nothing started
            self.post_message(ExamUnavailable(f"无法读取考试记录：{exc}"))
            return
        if step is None:
            self.post_message(ExamUnavailable(f"「{exam.title}」已没有剩余的考试次数。"))
            return
        scenario = self.callsim.get_library().by_id(step.scenario)
        if scenario is None:
            self.post_message(ExamUnavailable(f"找不到考试场景 '{step.scenario}'。"))
            return
        self.post_message(ExamCallReady(ExamCall(session, step), scenario))

    def on_exam_unavailable(self, message: ExamUnavailable) -> None:
        self._starting = False
        self.notify(message.reason, severity="warning", markup=False)

    def on_exam_call_ready(self, message: ExamCallReady) -> None:
        self.callsim.take_exam_call(message.call, message.scenario)

    def action_back(self) -> None:
        self.dismiss()
