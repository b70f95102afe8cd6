"""History: the trainee's past calls with their scores, a progress chart, and replay.

Calls the results database knows are listed at once from their stored scores; only
calls it does not know are read and graded here, with a progress line while that runs.
A call listed from the database is read when the trainee opens it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable, Footer, Header, Static

from simulator.tui.messages import HistoryLoaded
from simulator.tui.model.history_data import (
    HistoryEntry,
    Stored,
    load_history,
    open_entry,
    stored_results,
)
from simulator.tui.screens.base import CallsimScreen
from simulator.tui.widgets.progress_chart import ProgressChart

EMPTY = "还没有通话记录。回到场景列表开始第一通电话吧。"


@dataclass
class HistoryProgressed(Message):
    """What the loading worker is doing, for the status line."""

    text: str


@dataclass
class HistoryEntryOpened(Message):
    """A call listed from the database, now read and graded, to show as `then`."""

    index: int
    entry: HistoryEntry
    then: str


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
        self.loaded = False
        self._opening = False

    def compose(self) -> ComposeResult:
        yield Header()
        chart = ProgressChart(id="history-chart", empty="正在读取历史成绩…")
        chart.border_title = "进步曲线"
        yield chart
        yield Static("正在读取历史成绩…", id="history-status")
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        self.title = "历史成绩"
        table = self.query_one(DataTable)
        table.add_columns("时间", "场景", "模式", "分数", "结果")
        # The status line says what is loading; a spinner here would keep the UI thread
        # busy redrawing exactly while the list is on its way.
        table.focus()
        self._load()

    @work(thread=True, exit_on_error=False, group="history", exclusive=True)
    def _load(self) -> None:
        if self.callsim.library is None:
            self.post_message(HistoryProgressed("正在载入场景…"))
        library = self.callsim.get_library()
        name = self.trainee.name
        stored: dict[str, Stored] = {}
        services = self.services
        # Results saved somewhere other than a results database: nothing to read there.
        if services.store_factory is not None or services.result_saver is None:
            try:
                stored = stored_results(services.open_store(), name)
            except Exception:  # the database is optional here: every call is graded instead
                stored = {}

        def progress(done: int, total: int) -> None:
            if done in {1, total} or done % 10 == 0:
                self.post_message(HistoryProgressed(f"正在评分未入库的通话 {done}/{total}…"))

        entries, problems = load_history(
            self.services.recordings_dir,
            name,
            library,
            self.services.grade,
            stored=stored,
            progress=progress,
        )
        self.post_message(HistoryLoaded(entries, problems))

    def on_history_progressed(self, message: HistoryProgressed) -> None:
        if not self.loaded:
            self.query_one("#history-status", Static).update(message.text)

    def on_history_loaded(self, message: HistoryLoaded) -> None:
        self.entries = message.entries
        self.loaded = True
        table = self.query_one(DataTable)
        table.clear()
        for index, entry in enumerate(self.entries):
            table.add_row(*_row(entry), key=str(index))
        if self.entries:
            table.move_cursor(row=len(self.entries) - 1)
        results = [r for r in (e.result for e in self.entries) if r is not None]
        chart = self.query_one(ProgressChart)
        chart.empty = "还没有已评分的通话。"
        chart.show(results)
        if results:
            best = max(score for score, _ in results)
            chart.border_subtitle = (
                f"共 {len(results)} 通 · 最近 {results[-1][0]} 分 · 最高 {best} 分"
            )
        status = self.query_one("#history-status", Static)
        status.update("" if self.entries else EMPTY)
        status.display = not self.entries
        if message.problems:
            problems = "\n".join(message.problems[:3])
            self.notify(problems, title="有录音无法读取", severity="warning", markup=False)

    def _selected(self) -> tuple[int, HistoryEntry] | None:
        table = self.query_one(DataTable)
        if not self.entries or table.cursor_row is None:
            return None
        return table.cursor_row, self.entries[table.cursor_row]

    @on(DataTable.RowSelected)
    def _row_chosen(self) -> None:
        self.action_replay()

    def action_replay(self) -> None:
        self._open("replay")

    def action_report(self) -> None:
        self._open("report")

    def _open(self, then: str) -> None:
        selected = self._selected()
        if selected is None or self._opening:
            return
        index, entry = selected
        if entry.needs_opening:
            self._opening = True
            self.query_one("#history-status", Static).display = True
            self.query_one("#history-status", Static).update("正在打开录音…")
            self._open_worker(index, entry, then)
        else:
            self._show(entry, then)

    @work(thread=True, exit_on_error=False, group="history-open", exclusive=True)
    def _open_worker(self, index: int, entry: HistoryEntry, then: str) -> None:
        opened = open_entry(entry, self.callsim.get_library(), self.services.grade)
        self.post_message(HistoryEntryOpened(index, opened, then))

    def on_history_entry_opened(self, message: HistoryEntryOpened) -> None:
        self._opening = False
        status = self.query_one("#history-status", Static)
        status.update("")
        status.display = False
        if message.index < len(self.entries):
            self.entries[message.index] = message.entry
        if message.entry.problem:
            self.notify(message.entry.problem, severity="warning", markup=False)
            return
        self._show(message.entry, message.then)

    def _show(self, entry: HistoryEntry, then: str) -> None:
        if then == "replay":
            if entry.recording is None:
                self.notify(entry.problem or "这通电话的录音无法读取。", severity="warning")
                return
            # Screens open each other: each is imported when it is opened, which breaks the cycle.
            from simulator.tui.screens.replay import ReplayScreen  # noqa: PLC0415

            self.app.push_screen(ReplayScreen(entry.recording, entry.grade, entry.scenario))
            return
        if entry.recording is None or entry.grade is None:
            self.notify("这通电话没有评分结果。", severity="warning")
            return
        # Screens open each other: each is imported when it is opened, which breaks the cycle.
        from simulator.tui.screens.report import ReportScreen  # noqa: PLC0415

        self.app.push_screen(ReportScreen(entry.grade, entry.recording, entry.scenario))

    def action_back(self) -> None:
        self.dismiss()


def _row(entry: HistoryEntry) -> tuple[str, Text, str, Text, Text]:
    when = entry.started.strftime("%m-%d %H:%M")
    title = Text(entry.title)  # trainer-written: never read as markup
    result = entry.result
    if result is None:
        return when, title, entry.mode, Text("--", style="dim"), Text("无法评分", style="yellow")
    score, passed = result
    verdict = Text("通过", style="green") if passed else Text("未通过", style="red")
    return when, title, entry.mode, Text(f"{score:3d}", style="bold"), verdict
