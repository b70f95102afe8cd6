"""The board app: figures, ranking, honours, stale data and recovery, pseudonyms.

The source is either a scripted fake (what to return on each refresh) or a real SQLite
store; refreshes are triggered by hand, so nothing waits on the 2-second timer.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from textual.widgets import Label

from simulator.grading.rates import RuleRate
from simulator.scoreboard.app import DEFAULT_REFRESH_SECONDS, BoardOptions, ScoreboardApp
from simulator.scoreboard.launch import board_app
from simulator.scoreboard.widgets import Figure, Honours, Latest, Ranking, Weakest
from simulator.store import save_result
from simulator.store.board import Accolade, BoardData, LatestCall, RankEntry
from simulator.store.errors import StoreUnavailable
from simulator.store.filters import ResultFilter
from simulator.store.samples import sample_grade, sample_header

NOW = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)

DATA = BoardData(
    calls=12,
    trainees=2,
    average=86.25,
    pass_rate=0.75,
    ranking=(
        RankEntry("王芳", "1024", 98, 90.5, 6, 7),
        RankEntry("李明", "1025", 91, 80.3, 3, 5),
    ),
    accolades=(Accolade("fastest_greeting", "最快问候", "李明", "平均 0.9 秒"),),
    weakest=RuleRate("hold.permission", 5, 12),
    latest=(LatestCall("王芳", "silent-call", 98, True, NOW),),
)


class Script:
    """A fake source: returns or raises the next item each time it is called."""

    def __init__(self, *steps: BoardData | Exception) -> None:
        self.steps = list(steps)
        self.calls = 0

    def __call__(self) -> BoardData:
        self.calls += 1
        step = self.steps.pop(0) if len(self.steps) > 1 else self.steps[0]
        if isinstance(step, Exception):
            raise step
        return step


def make_app(
    source: Callable[[], BoardData], *, pseudonyms: bool = False, pseudonym_key: str | None = None
) -> ScoreboardApp:
    options = BoardOptions(pseudonyms=pseudonyms, pseudonym_key=pseudonym_key)
    return ScoreboardApp(source, options=options, now=lambda: NOW, refresh_every=None)


async def settle(app: ScoreboardApp, pilot: object) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]


async def refresh(app: ScoreboardApp, pilot: object) -> None:
    app.request_refresh()
    await settle(app, pilot)


def status(app: ScoreboardApp) -> str:
    """The top bar's status and, when stale, the banner under it."""
    top = str(app.query_one("#status", Label).render())
    banner = app.query_one("#stale", Label)
    return f"{top} {banner.render()}" if banner.display else top


async def test_shows_the_class_figures() -> None:
    app = make_app(Script(DATA))
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(app, pilot)
        assert app.query_one("#average", Figure).value == "86.2"
        assert app.query_one("#pass-rate", Figure).value == "75%"
        assert app.query_one("#calls", Figure).value == "12"
        assert app.query_one(Ranking).rows[0] == ("1", "王芳", "1024", "98", "90.5", "6", "7")
        assert app.query_one(Weakest).line == "保持前征得同意 42%"
        assert app.query_one(Honours).lines == ["最快问候  李明  平均 0.9 秒"]
        assert "王芳 98分 通过" in app.query_one(Latest).lines[0]
        assert "更新于" in status(app)


async def test_keeps_last_data_marked_stale_and_recovers() -> None:
    down = StoreUnavailable("结果数据库无法使用（postgresql://u:***@db/x）：connection refused")
    better = BoardData(calls=13, trainees=2, average=87.0, pass_rate=0.8, ranking=DATA.ranking)
    source = Script(DATA, down, down, better)
    app = make_app(source)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(app, pilot)
        await refresh(app, pilot)
        assert app.screen.has_class("-stale")
        assert "过期" in status(app)
        assert "connection refused" in status(app)
        assert app.query_one("#average", Figure).value == "86.2"  # last data kept
        assert app.query_one(Ranking).rows[0][1] == "王芳"
        await refresh(app, pilot)
        assert app.screen.has_class("-stale")
        await refresh(app, pilot)
        assert not app.screen.has_class("-stale")
        assert "过期" not in status(app)
        assert app.query_one("#average", Figure).value == "87.0"
        assert source.calls == 4


async def test_a_bug_in_the_source_shows_as_stale_not_a_crash() -> None:
    app = make_app(Script(DATA, ZeroDivisionError("boom")))
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(app, pilot)
        app.request_refresh()
        await pilot.pause()
        await pilot.pause()
        assert app.screen.has_class("-stale")
        assert "ZeroDivisionError" in status(app)


async def test_pseudonyms_hide_names_and_work_numbers() -> None:
    app = make_app(Script(DATA), pseudonyms=True, pseudonym_key="k")
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(app, pilot)
        shown = " ".join(" ".join(row) for row in app.query_one(Ranking).rows)
        shown += " ".join(app.query_one(Honours).lines + app.query_one(Latest).lines)
        for secret in ("王芳", "李明", "1024", "1025"):
            assert secret not in shown
        first = app.query_one(Ranking).rows[0][1]
        await pilot.press("p")  # a pseudonymous board never reveals names
        await pilot.pause()
        assert app.query_one(Ranking).rows[0][1] == first


async def test_trainer_can_hide_names_on_a_named_board() -> None:
    app = make_app(Script(DATA))
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(app, pilot)
        await pilot.press("p")
        await pilot.pause()
        assert app.query_one(Ranking).rows[0][1] != "王芳"
        assert len(app.query_one(Ranking).rows[0]) == 6  # work number column gone


async def test_empty_board() -> None:
    app = make_app(Script(BoardData()))
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(app, pilot)
        assert app.query_one("#average", Figure).value == "--"
        assert app.query_one(Ranking).rows == []


async def test_real_store_picks_up_calls_from_another_machine(tmp_path) -> None:
    from simulator.store.engine import open_store

    url = f"sqlite:///{tmp_path}/results.sqlite3"
    app = board_app(ResultFilter(class_name="一班"), url=url)
    app.refresh_every = None  # refreshes are triggered below
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(app, pilot)
        assert app.query_one("#calls", Figure).value == "0"
        writer = open_store(url)
        rng = random.Random(7)
        for n, (name, klass) in enumerate((("孙丽", "一班"), ("周杰", "一班"), ("吴军", "二班"))):
            header = sample_header(f"n{n}", name, f"20{n}", "standard")
            finished = NOW + timedelta(minutes=n)
            save_result(
                sample_grade(rng),
                header,
                class_name=klass,
                store=writer,
                finished_at=finished,
                made_here=True,  # the app's own call: verified, so on the board
            )
        await refresh(app, pilot)
        assert app.query_one("#calls", Figure).value == "2"
        assert {row[1] for row in app.query_one(Ranking).rows} == {"孙丽", "周杰"}
        writer.close()


def test_refreshes_at_least_every_two_seconds() -> None:
    assert DEFAULT_REFRESH_SECONDS <= 2.0
    app = board_app(ResultFilter(), url="sqlite://")
    assert app.refresh_every is not None and app.refresh_every <= 2.0


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("CALLSIM_DB", raising=False)
