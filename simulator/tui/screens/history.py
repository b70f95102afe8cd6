"""History: the trainee's past calls with their scores, a progress chart, and replay."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import DataTable, Footer, Header, Static

from simulator.tui.history_data import HistoryEntry, load_history
from simulator.tui.messages import HistoryLoaded
from simulator.tui.screens.base import CallsimScreen
from simulator.tui.widgets.progress_chart import ProgressChart

MODES = {"practice": "练习", "exam": "考试"}


class HistoryScreen(CallsimScreen[None]):
    """Every recorded call of the signed-in trainee, oldest at the top."""

    CSS_PATH = "history.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "replay", "回放", id="history.replay", priority=True),
        Binding("g", "report", "评分报告", id="history.report"),
        Binding("escape", "back", "返回", id="history.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[HistoryEntry] = []

    def compose(self) -> ComposeResult:
        yield Header()
        chart = ProgressChart(id="history-chart")
        chart.border_title = "进步曲线"
        yield chart
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="history-empty")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "历史成绩"
        table = self.query_one(DataTable)
        table.add_columns("时间", "场景", "模式", "分数", "结果")
        table.loading = True
        table.focus()
        self._load()

    @work(thread=True, exit_on_error=False, group="history", exclusive=True)
    def _load(self) -> None:
        library = self.callsim.get_library()
        entries, problems = load_history(
            self.services.recordings_dir, self.trainee.name, library, self.services.grade
        )
        self.post_message(HistoryLoaded(entries, problems))

    def on_history_loaded(self, message: HistoryLoaded) -> None:
        self.entries = message.entries
        table = self.query_one(DataTable)
        table.loading = False
        table.clear()
        for index, entry in enumerate(self.entries):
            table.add_row(*_row(entry), key=str(index))
        if self.entries:
            table.move_cursor(row=len(self.entries) - 1)
        graded = [e.grade for e in self.entries if e.grade is not None]
        chart = self.query_one(ProgressChart)
        chart.show([(g.score, g.passed) for g in graded])
        if graded:
            best = max(g.score for g in graded)
            chart.border_subtitle = (
                f"共 {len(graded)} 通 · 最近 {graded[-1].score} 分 · 最高 {best} 分"
            )
        empty = self.query_one("#history-empty", Static)
        empty.update("" if self.entries else "还没有通话记录。回到场景列表开始第一通电话吧。")
        if message.problems:
            problems = "\n".join(message.problems[:3])
            self.notify(problems, title="有录音无法读取", severity="warning", markup=False)

    def _selected(self) -> HistoryEntry | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row is None:
            return None
        return self.entries[table.cursor_row]

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_replay()

    def action_replay(self) -> None:
        entry = self._selected()
        if entry is None or entry.recording is None:
            return
        from simulator.tui.screens.replay import ReplayScreen

        self.app.push_screen(ReplayScreen(entry.recording, entry.grade, entry.scenario))

    def action_report(self) -> None:
        entry = self._selected()
        if entry is None or entry.recording is None or entry.grade is None:
            self.notify("这通电话没有评分结果。", severity="warning")
            return
        from simulator.tui.screens.report import ReportScreen

        self.app.push_screen(ReportScreen(entry.grade, entry.recording, entry.scenario))

    def action_back(self) -> None:
        self.dismiss()


def _row(entry: HistoryEntry) -> tuple[str, Text, str, Text, Text]:
    mode = MODES.get(entry.recording.header.mode, "") if entry.recording else ""
    when = entry.started.strftime("%m-%d %H:%M")
    title = Text(entry.title)  # trainer-written: never read as markup
    if entry.grade is None:
        return when, title, mode, Text("--", style="dim"), Text("无法评分", style="yellow")
    score = Text(f"{entry.grade.score:3d}", style="bold")
    result = Text("通过", style="green") if entry.grade.passed else Text("未通过", style="red")
    return when, title, mode, score, result
