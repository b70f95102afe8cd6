"""Wiring the board to the results database (kept out of the app so tests can fake it)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from simulator.scoreboard.app import BoardOptions, ScoreboardApp
from simulator.store.board import BoardData, RankBy, load_board
from simulator.store.engine import Store, open_store
from simulator.store.filters import ResultFilter
from simulator.store.live import LiveCallInfo, LiveEvent, read_events, recent_calls
from simulator.store.urls import scrub


def board_app(
    filters: ResultFilter,
    *,
    url: str | None = None,
    rank_by: RankBy = "best",
    top: int = 15,
    pseudonyms: bool = False,
    pseudonym_key: str | None = None,
    refresh_every: float = 2.0,
    live_first: bool = False,
) -> ScoreboardApp:
    """The board for `filters` on the database at `url` (default: `$CALLSIM_DB` / SQLite).

    Opening the store checks the URL (a bad one is a UserError before the board
    starts); connecting happens in the board's worker, so an unreachable server shows
    as stale data and is retried, instead of stopping the board.
    """
    store = open_store(url)

    def source() -> BoardData:
        return load_board(store, filters, rank_by=rank_by, now=datetime.now(UTC))

    options = BoardOptions(
        title=filters.describe(),
        rank_by=rank_by,
        top=top,
        pseudonyms=pseudonyms,
        pseudonym_key=pseudonym_key,
    )
    return ScoreboardApp(
        source,
        options=options,
        refresh_every=refresh_every,
        redact=lambda text: scrub(text, store.url),
        live=StoreLiveSource(store, filters.class_name),
        live_first=live_first,
    )


class StoreLiveSource:
    """The live view's data: calls shown live in the class, read from the database."""

    def __init__(
        self,
        store: Store,
        class_name: str | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.store = store
        self.class_name = class_name
        self.now = now

    def calls(self) -> list[LiveCallInfo]:
        return recent_calls(self.store, class_name=self.class_name, now=self.now())

    def events(self, call_id: str, after_seq: int) -> list[LiveEvent]:
        return read_events(self.store, call_id, after_seq)
