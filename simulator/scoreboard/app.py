"""The projected scoreboard: a small full-screen Textual app, refreshed every ≤ 2 s.

The app knows nothing about databases: it is given a `source` (a function returning
BoardData, run in a thread worker) and a `now` function. Failures keep the last data on
screen, marked stale (过期), and the next refresh tries again, so the board recovers by
itself when the database comes back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Label
from textual.worker import Worker, WorkerState

from simulator.errors import UserError
from simulator.scoreboard.live_view import LIVE_POLL_SECONDS, LiveCallScreen, LiveSource
from simulator.scoreboard.messages import BoardLoaded, BoardLoadFailed, LiveCallsListed
from simulator.scoreboard.pseudonyms import Pseudonyms
from simulator.scoreboard.widgets import Figure, Honours, Latest, Ranking, Weakest, figures
from simulator.store.board import BoardData, RankBy
from simulator.store.urls import resolve_url, scrub
from simulator.terminal.linebreak import install as install_chinese_line_breaking
from simulator.timers import timer_delay

BoardSource = Callable[[], BoardData]
DEFAULT_REFRESH_SECONDS = 2.0


@dataclass(frozen=True)
class BoardOptions:
    """What the board shows and how it hides names."""

    title: str = "全部班级 · 练习"
    rank_by: RankBy = "best"
    top: int = 15
    pseudonyms: bool = False
    pseudonym_key: str | None = None
    tz: tzinfo | None = None
    """Time zone of the clock shown on the board (None: the machine's)."""


def _redact_configured_url(text: str) -> str:
    """`text` with the secrets of the configured database URL masked."""
    return scrub(text, resolve_url())


def _system_now() -> datetime:
    return datetime.now(UTC)


class ScoreboardApp(App[None]):
    """The board. `refresh_every=None` turns the timer off (tests trigger refreshes)."""

    CSS_PATH = Path(__file__).with_name("scoreboard.tcss")
    TITLE = "callsim 成绩榜"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", "刷新", id="scoreboard.reload"),
        Binding("p", "toggle_pseudonyms", "化名", id="scoreboard.pseudonyms"),
        Binding("l", "watch_live", "课堂演示", id="scoreboard.live"),
        Binding("q", "quit", "退出", id="scoreboard.quit"),
    ]

    def __init__(
        self,
        source: BoardSource,
        *,
        options: BoardOptions | None = None,
        now: Callable[[], datetime] = _system_now,
        refresh_every: float | None = DEFAULT_REFRESH_SECONDS,
        redact: Callable[[str], str] | None = None,
        live: LiveSource | None = None,
        live_first: bool = False,
    ) -> None:
        super().__init__()
        install_chinese_line_breaking()
        self._live_calls: LiveCallsListed | None = None
        self.redact = redact or _redact_configured_url
        self.board_source = source
        self.options = options or BoardOptions()
        self.now = now
        self.refresh_every = refresh_every
        self.board_data: BoardData | None = None
        self.loaded_at: datetime | None = None
        self.stale_reason: str | None = None
        self.pseudonymous = self.options.pseudonyms
        self._pseudonyms = Pseudonyms(self.options.pseudonym_key)
        self._loading = False
        self.live_source = live
        self.live_first = live_first
        # With the board's timer off (tests), the live view's is off too.
        self.live_poll_every = LIVE_POLL_SECONDS if refresh_every is not None else None

    def compose(self) -> ComposeResult:
        with Horizontal(id="top"):
            yield Label(f"{self.TITLE} · {self.options.title}", id="title")
            yield Label("正在读取成绩…", id="status")
        yield Label("", id="stale")
        yield Label("", id="live-banner")
        with Horizontal(id="figures"):
            yield Figure("班级平均分", id="average")
            yield Figure("通过率", id="pass-rate")
            yield Figure("通话数", id="calls")
            with Vertical(id="weakest-box", classes="panel"):
                yield Label("当前最弱规则", classes="caption")
                yield Weakest(id="weakest")
        with Horizontal(id="body"):
            with Vertical(id="ranking-box", classes="panel"):
                yield Label("排行榜", classes="caption")
                yield Ranking(
                    top=self.options.top,
                    rank_by=self.options.rank_by,
                    show_ids=not self.pseudonymous,
                    id="ranking",
                )
            with Vertical(id="side"):
                with Vertical(id="honours-box", classes="panel"):
                    yield Label("荣誉榜", classes="caption")
                    yield Honours(id="honours")
                with Vertical(id="latest-box", classes="panel"):
                    yield Label("最新通话", classes="caption")
                    yield Latest(id="latest", local_time=self._clock_text)

    @property
    def board(self) -> Screen[object]:
        """The board's own screen, also while the live view is shown over it."""
        return self.screen_stack[0]

    def on_mount(self) -> None:
        self.request_refresh()
        if self.refresh_every is not None:
            self.set_interval(timer_delay(self.refresh_every), self.request_refresh)
        if self.live_first:
            self.action_watch_live()

    def request_refresh(self) -> None:
        """Load the board again, unless a load is still running."""
        if self._loading:
            return
        self._loading = True
        self._load()

    @work(thread=True, exit_on_error=False, group="board")
    def _load(self) -> None:
        try:
            data = self.board_source()
        except UserError as exc:
            self.post_message(BoardLoadFailed(str(exc), self.now()))
        else:
            self.post_message(BoardLoaded(data, self.now()))
        if self.live_source is not None:
            try:
                calls = self.live_source.calls()
            except UserError:
                return  # the board's own read says the database is down, if it is
            self.post_message(LiveCallsListed(calls))

    def on_live_calls_listed(self, message: LiveCallsListed) -> None:
        self._live_calls = message
        self._render_banner()

    def _render_banner(self) -> None:
        """The 课堂演示 banner, drawn again whenever names are shown or hidden."""
        message = self._live_calls
        if message is None:
            return
        ongoing = [c for c in message.calls if not c.ended]
        banner = self.board.query_one("#live-banner", Label)
        banner.display = bool(ongoing)
        if ongoing:
            first = ongoing[0]
            more = f"（共 {len(ongoing)} 通）" if len(ongoing) > 1 else ""
            banner.update(
                f"● 课堂演示进行中：{self._display_name(first.trainee)} · {first.title}{more}"
                " —— 按 L 观看"
            )

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "board":
            return
        if event.state == WorkerState.ERROR:
            self._loading = False
            error = event.worker.error
            # Not a user error, but the board stays up; the database's secrets are masked.
            first = str(error).strip().splitlines()[0] if str(error).strip() else ""
            self._show_stale(self.redact(f"内部错误：{type(error).__name__}: {first}"), self.now())
        elif event.state in (WorkerState.SUCCESS, WorkerState.CANCELLED):
            self._loading = False

    def on_board_loaded(self, message: BoardLoaded) -> None:
        self.board_data = message.data
        self.loaded_at = message.at
        self.stale_reason = None
        self.board.remove_class("-stale")
        self._render_data()
        status = self.board.query_one("#status", Label)
        status.update(f"更新于 {self._clock_text(message.at)}")

    def on_board_load_failed(self, message: BoardLoadFailed) -> None:
        self._show_stale(message.reason, message.at)

    def _show_stale(self, reason: str, at: datetime) -> None:
        self.stale_reason = reason
        self.board.add_class("-stale")
        since = self._clock_text(self.loaded_at) if self.loaded_at else "无"
        self.board.query_one("#status", Label).update(f"【过期】数据停在 {since}")
        self.board.query_one("#stale", Label).update(
            f"【过期】{self._clock_text(at)} 读取失败，正在自动重试：{reason}"
        )

    def _display_name(self, trainee: str) -> str:
        return self._pseudonyms(trainee) if self.pseudonymous else trainee

    def _render_data(self) -> None:
        data = self.board_data or BoardData()
        for key, value in figures(data).items():
            self.board.query_one(f"#{key}", Figure).show(value)
        self.board.query_one(Weakest).show(data.weakest)
        ranking = self.board.query_one(Ranking)
        ranking.show_ids = not self.pseudonymous
        ranking.show(data.ranking, self._display_name)
        self.board.query_one(Honours).show(data.accolades, self._display_name)
        self.board.query_one(Latest).show(data, self._display_name)

    def _clock_text(self, moment: object) -> str:
        if not isinstance(moment, datetime):
            return ""
        return moment.astimezone(self.options.tz).strftime("%H:%M:%S")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "watch_live":  # already watching
            return not isinstance(self.screen, LiveCallScreen)
        return True

    def action_watch_live(self) -> None:
        """Open the live view (课堂演示) of the newest call shown live."""
        if self.live_source is None:
            self.notify("这个成绩榜没有连接课堂演示。")
            return
        if isinstance(self.screen, LiveCallScreen):
            return
        self.push_screen(
            LiveCallScreen(
                self.live_source,
                name_of=self._display_name,
                show_ids=lambda: not self.pseudonymous,
                clock_text=self._clock_text,
                now=self.now,
                poll_every=self.live_poll_every,
            )
        )

    def action_reload(self) -> None:
        self.request_refresh()

    def action_toggle_pseudonyms(self) -> None:
        """Hide or show real names; a board started with pseudonyms never reveals them."""
        if self.options.pseudonyms:
            self.notify("本看板以化名模式启动，不能显示真实姓名。")
            return
        self.pseudonymous = not self.pseudonymous
        self._render_data()
        self._render_banner()  # a real name must not stay on the projector
