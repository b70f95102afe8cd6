"""Wiring the board to the results database (kept out of the app so tests can fake it)."""

from __future__ import annotations

from datetime import UTC, datetime

from simulator.scoreboard.app import BoardOptions, ScoreboardApp
from simulator.store.board import BoardData, RankBy, load_board
from simulator.store.engine import open_store
from simulator.store.filters import ResultFilter
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
    )
