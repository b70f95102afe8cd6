"""What the projected board looks like: fixed terminal size, data and clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

from textual.pilot import Pilot

from simulator.scoreboard.app import BoardOptions, ScoreboardApp
from simulator.store.board import BoardData, load_board
from simulator.store.engine import Store, open_store
from simulator.store.errors import StoreUnavailable
from simulator.store.filters import ResultFilter
from simulator.store.samples import seed_class

NOW = datetime(2026, 11, 20, 2, 30, tzinfo=UTC)
BEIJING = timezone(timedelta(hours=8))
SIZE = (120, 34)


def seeded(tmp_path: Path) -> Store:
    store = open_store(f"sqlite:///{tmp_path}/results.sqlite3")
    seed_class(store, trainees=8, calls_per_trainee=6, class_name="春季一班", seed=11)
    return store


def board(store: Store, *, pseudonyms: bool = False, key: str | None = None) -> ScoreboardApp:
    filters = ResultFilter(class_name="春季一班", mode="practice")

    def source() -> BoardData:
        return load_board(store, filters, now=NOW)

    return ScoreboardApp(
        source,
        options=BoardOptions(
            title=filters.describe(), tz=BEIJING, pseudonyms=pseudonyms, pseudonym_key=key
        ),
        now=lambda: NOW,
        refresh_every=None,
    )


async def loaded(pilot: Pilot[None]) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def test_board_snapshot(snap_compare, tmp_path: Path) -> None:
    store = seeded(tmp_path)
    try:
        assert snap_compare(board(store), terminal_size=SIZE, run_before=loaded)
    finally:
        store.close()


def test_pseudonymous_board_snapshot(snap_compare, tmp_path: Path) -> None:
    store = seeded(tmp_path)
    try:
        app = board(store, pseudonyms=True, key="春季一班-2026")
        assert snap_compare(app, terminal_size=SIZE, run_before=loaded)
    finally:
        store.close()


def test_stale_board_snapshot(snap_compare, tmp_path: Path) -> None:
    store = seeded(tmp_path)
    app = board(store)

    async def database_goes_away(pilot: Pilot[None]) -> None:
        await loaded(pilot)

        def unreachable() -> BoardData:
            raise StoreUnavailable(
                "结果数据库无法使用（postgresql+psycopg://trainer:***@10.0.0.5/callsim）："
                "connection refused"
            )

        app.board_source = unreachable
        app.request_refresh()
        await loaded(pilot)

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=database_goes_away)
    finally:
        store.close()
