"""The report: score and verdict in big type, the call's timeline, every rule by stage."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Digits, Footer, Header, Static
from textual.worker import Worker, WorkerCancelled, WorkerFailed

from simulator.errors import UserError
from simulator.grading.catalog import RULES_BY_ID, STAGE_TITLES
from simulator.grading.model import Grade, RuleResult
from simulator.recording.events import Answer, SessionHeader
from simulator.recording.reader import Recording
from simulator.scenario.models import Scenario
from simulator.tui.messages import ExamRecorded, ExamRecordFailed
from simulator.tui.model.exam_run import ExamCall, ExamProgress
from simulator.tui.model.library import persona_title
from simulator.tui.model.services import owns_recording
from simulator.tui.screens.base import CallsimScreen, shows_below
from simulator.tui.widgets.meters import clock_text
from simulator.tui.widgets.timeline import Timeline

if TYPE_CHECKING:
    from simulator.coaching import Recommendation
    from simulator.tui.app import CallsimApp
    from simulator.tui.model.exam_run import ExamCall, ExamProgress

MARKS = {"pass": ("✔", "green"), "fail": ("✘", "bold red"), "na": ("–", "dim")}
MODES = {"practice": "练习", "exam": "考试"}
MAX_LISTED_NA = 6  # beyond this the names of rules that do not apply are only counted
SAVING_GROUP = "store"
"""The worker group in which the app saves a graded call (`CallsimApp._save_result`)."""


@dataclass
class PracticeOffered(Message):
    """The trainee's next call, worked out from their record once this call was saved."""

    recommendation: Recommendation
    scenario: Scenario


def offer_text(recommendation: Recommendation) -> Text:
    """The report's last line: 「推荐练习」, the scenario's stars and title, and why."""
    text = Text.assemble(("推荐练习", "bold black on yellow"), " ")
    text.append(recommendation.stars, style="yellow")
    text.append(f" {recommendation.title}", style="bold")
    text.append(f"：{recommendation.reason}")
    text.append(" · 按 p 开始", style="bold")
    return text


def mode_title(header: SessionHeader) -> str:
    """练习, 考试 (a trainer's exam) or 自测 (no hints, but no exam behind it)."""
    if header.mode == "exam" and not header.extra.get("exam"):
        return "自测"
    return MODES.get(header.mode, header.mode)


def rule_title(rule_id: str) -> str:
    spec = RULES_BY_ID.get(rule_id)
    return spec.title if spec is not None else rule_id


def passes_at(grade: Grade, mark: int) -> bool:
    """Whether the call passes at another pass mark (an exam's): same rules as the grader."""
    critical = any(r.critical and r.status == "fail" for r in grade.rules)
    return grade.score >= mark and not critical and not grade.unfinished


def answered_at(recording: Recording) -> float | None:
    """When the call was answered (recording time): the origin of every clock shown."""
    return next((e.t for e in recording.events if isinstance(e, Answer)), None)


def evidence_label(evidence: str) -> str:
    """「您说」 only for the agent's own words; rings, silences and holds are 「记录」."""
    return "您说：" if evidence.startswith("「") else "记录："


def rule_lines(result: RuleResult, answered: float | None = None) -> Text:
    """One rule: its mark and title; a fail adds when, what was said, the standard, the fix.

    The time is the call clock the trainee saw in the transcript: mm:ss since the answer
    (negative while it rang); an unanswered call has no such clock and shows none."""
    mark, style = MARKS.get(result.status, ("?", ""))
    text = Text.assemble((f"{mark} ", style))
    text.append(rule_title(result.id), style=style if result.status == "fail" else "")
    if result.critical and result.status == "fail":
        text.append("  （一票否决）", style="bold red")
    if result.status != "fail":
        return text
    if result.message:
        text.append(f"\n   {result.message}")
    if result.evidence:
        when = ""
        if result.at is not None and answered is not None:
            when = f"{clock_text(result.at - answered)} "
        text.append(f"\n   {evidence_label(result.evidence)}", style="dim")
        text.append(f"{when}{result.evidence}")
    if result.standard:
        text.append("\n   标准：", style="dim")
        text.append(result.standard, style="green")
    if result.fix:
        text.append("\n   改进：", style="dim")
        text.append(result.fix, style="yellow")
    return text


def stage_blocks(grade: Grade, answered: float | None = None) -> list[tuple[str, Text]]:
    """(stage heading, its rules) in the catalog's stage order; `na` rules on one line."""
    stages = list(STAGE_TITLES)
    stages += sorted({r.stage for r in grade.rules} - set(stages))
    blocks = []
    for stage in stages:
        results = [r for r in grade.rules if r.stage == stage]
        judged = [r for r in results if r.status != "na"]
        if not results:
            continue
        passed = sum(1 for r in judged if r.status == "pass")
        title = STAGE_TITLES.get(stage, stage)
        heading = f"{title}  {passed}/{len(judged)}" if judged else f"{title}  本通不适用"
        body = Text()
        for result in sorted(judged, key=lambda r: r.status != "fail"):
            body.append_text(rule_lines(result, answered))
            body.append("\n")
        skipped = [rule_title(r.id) for r in results if r.status == "na"]
        if len(skipped) > MAX_LISTED_NA:
            body.append(f"– 另有 {len(skipped)} 条规则本通不适用", style="dim")
        elif skipped:
            body.append("– 本通不适用：" + "、".join(skipped), style="dim")
        body.rstrip()
        blocks.append((heading, body))
    return blocks


class ReportScreen(CallsimScreen[None]):
    """What the grader said about one call, and where its time went.

    After an exam call it also stores the result as the exam's (in a worker) and says
    where the exam stands; `n` then takes the next call of the attempt. Outside an exam its
    last line offers the trainee's next call (「推荐练习」), read from their record once this
    call is saved; `p` takes it.
    """

    CSS_PATH = "report.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "again", "再练一次", id="report.again"),
        Binding("n", "next_exam_call", "下一通考试", id="report.next_exam_call"),
        Binding("r", "replay", "回放", id="report.replay"),
        Binding("p", "take_offer", "推荐练习", id="report.offer"),
        Binding("h", "app.history", "历史成绩", id="report.history"),
        Binding("escape", "back", "返回", id="report.back"),
    ]

    def __init__(
        self,
        grade: Grade,
        recording: Recording,
        scenario: Scenario | None,
        *,
        exam: ExamCall | None = None,
    ) -> None:
        super().__init__()
        self.grade = grade
        self.recording = recording
        self.scenario = scenario
        self.exam = exam
        self.exam_progress: ExamProgress | None = None
        self.offer: PracticeOffered | None = None
        self.offer_search: Worker[None] | None = None
        """The worker looking for the offer (awaitable: tests wait for it, not for time)."""

    @property
    def pass_mark(self) -> int:
        """The exam's pass mark inside an exam, else the grader's."""
        return self.exam.session.exam.pass_mark if self.exam is not None else self.grade.pass_mark

    def compose(self) -> ComposeResult:
        grade, header = self.grade, self.recording.header
        yield Header()
        with Horizontal(id="report-top"):
            yield Digits(str(grade.score), id="report-score")
            with Vertical(id="report-summary"):
                mark = self.pass_mark
                passed = grade.passed if mark == grade.pass_mark else passes_at(grade, mark)
                verdict = Static("通过 ✔" if passed else "未通过 ✘", id="report-verdict")
                verdict.set_class(passed, "-passed")
                yield verdict
                title = self.scenario.title if self.scenario else header.scenario
                meta = f"{title} · {persona_title(header.persona)} · {mode_title(header)}"
                yield Static(Text(f"{meta} · 及格 {mark} 分"), id="report-meta")
                # One line under the verdict (the top is three lines high): why the
                # call cannot pass, which for a cut-off recording says it too.
                if grade.unfinished:
                    cut = "" if grade.complete else "；按已有内容评分"
                    yield Static(grade.unfinished + cut, id="report-unfinished")
                elif not grade.complete:
                    yield Static("录音不完整（通话中断），按已有内容评分", id="report-incomplete")
        if self.exam is not None:
            yield Static(Text(f"{self.exam.label} · 正在保存考试成绩…"), id="report-exam")
        timeline = Timeline(self.recording.in_time_order(), id="report-timeline")
        timeline.border_title = "通话时间线"
        yield timeline
        with VerticalScroll(id="report-rules"):
            for heading, body in stage_blocks(grade, answered_at(self.recording)):
                yield Static(heading, classes="report-stage")
                yield Static(body, classes="report-stage-body")
        yield Static("", id="report-offer")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "评分报告" if self.exam is None else "考试评分报告"
        self.query_one("#report-rules").focus()
        if self.exam is not None:
            self._record_exam(self.exam, self.callsim)
        elif self._own_practice():
            self.offer_search = self._find_offer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "again":
            return self._may_call() and self.scenario is not None and self.exam is None
        if action == "take_offer":
            return self._may_call() and self.offer is not None
        if action == "next_exam_call":
            progress = self.exam_progress
            return progress is not None and progress.next_in_attempt is not None
        return True

    def _may_call(self) -> bool:
        """Whether this report may start a call: never in `callsim replay FILE`, nor
        before someone has signed in (the call would be filed under nobody)."""
        return self.trainee.signed_in and not self.callsim.REPLAY_ONLY

    def action_again(self) -> None:
        if self._may_call() and self.scenario is not None and self.exam is None:
            self.callsim.take_call(self.scenario)

    # ------------------------------------------------------- next practice

    def _own_practice(self) -> bool:
        """Whether to offer a next call: the signed-in trainee's own call, outside an exam,
        with results kept in the results database (the only record coaching reads)."""
        trainee = self.trainee
        if not trainee.signed_in or self.recording.header.trainee != trainee.name:
            return False
        services = self.services
        return not (services.store_factory is None and services.result_saver is not None)

    @work(thread=True, exit_on_error=False, group="report-offer", exclusive=True)
    def _find_offer(self) -> None:
        """The recommendation from the trainee's record, this call included."""
        # The grader (the whole rule catalog) is imported when needed, not at start-up.
        from simulator.coaching import coach  # noqa: PLC0415

        # The call was handed to a saving worker before this screen was made: wait for it,
        # so the advice counts the call just taken (a finished save has left the list).
        saving = [w for w in self.app.workers if w.group == SAVING_GROUP]
        for worker in saving:
            # Not saved: the app says so; the advice comes from what the database holds.
            with suppress(WorkerFailed, WorkerCancelled):
                self.app.call_from_thread(worker.wait)
        library = self.callsim.get_library()
        try:
            store = self.services.open_store()
            in_order = [s for _, group in library.grouped() for s in group]
            coaching = coach(store, self.trainee.name, in_order, self.services.scenarios_dir)
        except UserError:  # the database is optional here, as when saving a result
            return
        rec = coaching.recommendation
        scenario = library.by_id(rec.scenario_id) if rec is not None else None
        if coaching.calls and rec is not None and scenario is not None:
            self.post_message(PracticeOffered(rec, scenario))

    def on_practice_offered(self, message: PracticeOffered) -> None:
        self.offer = message
        offer = self.query_one("#report-offer", Static)
        offer.update(offer_text(message.recommendation))
        offer.add_class("-shown")
        self.refresh_bindings()

    def action_take_offer(self) -> None:
        if self._may_call() and self.offer is not None:
            self.callsim.take_call(self.offer.scenario)

    # ------------------------------------------------------------- exams

    @work(thread=True, exit_on_error=False, group="exam-record", exclusive=True)
    def _record_exam(self, exam: ExamCall, app: CallsimApp) -> None:
        # `app` comes from the UI thread: after Esc this screen is detached, and
        # `self.app` cannot be found from this thread any more.
        session = exam.session
        try:
            own = owns_recording(self.recording, app.services.recordings_dir)
            attempt = session.record(self.grade, self.recording, sign=own)
            progress = ExamProgress(attempt, session.next_call(), session.attempts_left)
        except Exception as exc:  # the recording is on disk; the trainer can store it later
            # Told through the app: the trainee may have left this report already.
            app.notify(f"{exc}", title="考试成绩未能保存", severity="error", markup=False)
            self.post_message(ExamRecordFailed(f"{exc}"))
            return
        self.post_message(ExamRecorded(progress))

    def on_exam_recorded(self, message: ExamRecorded) -> None:
        assert self.exam is not None
        self.exam_progress = progress = message.progress
        text = progress.summary(self.exam.session.exam)
        if progress.next_in_attempt is not None:
            text += " · 按 n 接听下一通"
        else:
            text += " · 按 Esc 返回考试列表"
        banner = self.query_one("#report-exam", Static)
        banner.update(Text(text))
        banner.set_class(progress.attempt.complete and progress.attempt.passed, "-passed")
        banner.set_class(progress.attempt.complete and not progress.attempt.passed, "-failed")
        self.refresh_bindings()

    def on_exam_record_failed(self, message: ExamRecordFailed) -> None:
        path = self.recording.path
        banner = self.query_one("#report-exam", Static)
        banner.update(
            Text(
                f"考试成绩未能保存：{message.reason}。录音在 {path}，"
                "请告知培训老师（可用 callsim grade --save 补存）。"
            )
        )
        banner.set_class(True, "-failed")

    def action_next_exam_call(self) -> None:
        progress, exam = self.exam_progress, self.exam
        step = progress.next_in_attempt if progress is not None else None
        if step is None or exam is None:
            return

        scenario = self.callsim.get_library().by_id(step.scenario)
        if scenario is None:
            self.notify(f"找不到考试场景 '{step.scenario}'。", severity="error", markup=False)
            return
        self.callsim.take_exam_call(ExamCall(exam.session, step), scenario)

    def action_replay(self) -> None:
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.replay import ReplayScreen  # noqa: PLC0415

        if shows_below(self, ReplayScreen):
            self.dismiss()  # back to the replay this report came from, not one more on top
            return
        self.app.push_screen(ReplayScreen(self.recording, self.grade, self.scenario))

    def action_back(self) -> None:
        self.dismiss()
