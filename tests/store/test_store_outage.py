"""A real PostgreSQL outage: the board keeps its last data marked stale (过期) and
recovers by itself; saving fails with one masked line while the server is down."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from textual.widgets import Label

from simulator.scoreboard.launch import board_app
from simulator.scoreboard.widgets import Figure, Ranking
from simulator.store.engine import open_store
from simulator.store.errors import StoreUnavailable
from simulator.store.filters import ResultFilter
from simulator.store.repository import save_result
from simulator.store.samples import sample_grade, sample_header
from simulator.store.throwaway import PostgresUnavailable, ThrowawayPostgres

pytestmark = pytest.mark.postgres
T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


@pytest.fixture
def own_server() -> Iterator[ThrowawayPostgres]:
    """A server of this test's own, so stopping it disturbs no other test."""
    try:
        server = ThrowawayPostgres()
        server.start()
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL is required: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


def save(url: str, n: int, name: str) -> None:
    header = sample_header(f"outage-{n}", name, str(n), "standard")
    save_result(
        sample_grade(random.Random(n)),
        header,
        class_name="一班",
        store=open_store(url),
        finished_at=T0 + timedelta(minutes=n),
        made_here=True,  # the app's own call: verified, so on the board
    )


async def test_board_survives_a_database_outage(own_server: ThrowawayPostgres) -> None:
    url = own_server.database("callsim", create=False)
    save(url, 1, "孙丽")
    app = board_app(ResultFilter(class_name="一班"), url=url)
    app.refresh_every = None

    async def refresh() -> None:
        app.request_refresh()
        await app.workers.wait_for_complete()
        await pilot.pause()

    async with app.run_test(size=(120, 34)) as pilot:
        await refresh()
        assert app.query_one("#calls", Figure).value == "1"

        own_server.pause()
        await refresh()
        assert app.screen.has_class("-stale")
        banner = str(app.query_one("#stale", Label).render())
        assert "过期" in banner and "callsim:***@127.0.0.1" in banner
        assert own_server.password not in banner
        assert app.query_one("#calls", Figure).value == "1"  # the last data stays up
        assert app.query_one(Ranking).rows[0][1] == "孙丽"
        with pytest.raises(StoreUnavailable) as caught:
            save(url, 2, "周杰")
        assert own_server.password not in str(caught.value)

        own_server.resume()
        save(url, 3, "周杰")
        await refresh()
        assert not app.screen.has_class("-stale")
        assert app.query_one("#calls", Figure).value == "2"
    open_store(url).close()
