"""Store tests run against both backends: an SQLite file and a real PostgreSQL server.

The PostgreSQL server is a throwaway cluster (initdb + pg_ctl in a temp dir, a free
loopback port), started once per session and always stopped at the end. If it cannot
start, the PostgreSQL tests fail loudly: they never skip.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from simulator.store.engine import Store, open_store
from simulator.store.throwaway import PostgresUnavailable, ThrowawayPostgres


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[ThrowawayPostgres]:
    try:
        server = ThrowawayPostgres()
        server.start()
    except PostgresUnavailable as exc:
        pytest.fail(f"PostgreSQL is required for the store tests: {exc}", pytrace=False)
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A fresh, empty database of each backend (no tables yet)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path_factory.mktemp('db')}/results.sqlite3"
    server: ThrowawayPostgres = request.getfixturevalue("postgres_server")
    return server.database()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()
