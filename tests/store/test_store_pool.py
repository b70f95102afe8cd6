"""A class of terminals on one PostgreSQL: few connections each, and a full server is
waited for like a busy one instead of failing the save at once."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import text

from simulator.store import engine as engine_module
from simulator.store.engine import (
    MAX_CONNECTION_RETRIES,
    MAX_OVERFLOW,
    POOL_SIZE,
    Store,
    _busy,
    open_store,
)
from simulator.store.throwaway import ThrowawayPostgres

TERMINALS = 40
SERVER_SLOTS = 100 - 3  # PostgreSQL's default max_connections minus superuser_reserved


@pytest.mark.parametrize(
    "message",
    [
        # PostgreSQL's own wording (postmaster, backend startup), as psycopg reports it.
        'connection failed: connection to server at "10.0.0.5", port 5432 failed: '
        "FATAL:  sorry, too many clients already",
        "connection failed: FATAL:  remaining connection slots are reserved for roles "
        "with the SUPERUSER attribute",
        "FATAL:  remaining connection slots are reserved for non-replication superuser connections",
        'FATAL:  too many connections for role "trainee"',
        "QueuePool limit of size 1 overflow 1 reached, connection timed out, timeout 5.00",
    ],
)
def test_a_full_server_is_busy_not_down(message: str) -> None:
    assert _busy(Exception(message))


@pytest.mark.parametrize(
    "message",
    ["connection refused", 'password authentication failed for user "x"', "no such table"],
)
def test_real_outages_are_not_busy(message: str) -> None:
    assert not _busy(Exception(message))


@pytest.mark.postgres
def test_a_class_of_terminals_fits_in_a_default_server(postgres_server: ThrowawayPostgres) -> None:
    store = open_store(postgres_server.database())
    try:
        pool: Any = store.engine.pool
        assert (pool.size(), pool._max_overflow) == (POOL_SIZE, MAX_OVERFLOW)
        assert TERMINALS * (POOL_SIZE + MAX_OVERFLOW) <= SERVER_SLOTS
    finally:
        store.close()


@pytest.fixture
def one_slot(postgres_server: ThrowawayPostgres) -> Iterator[str]:
    """A database reachable through a role allowed one connection: a full server in
    miniature (the same SQLSTATE 53300), without filling the shared test server."""
    url = postgres_server.database()
    name = url.rsplit("/", 1)[1]
    role = f"{name}_one"
    admin = open_store(url)
    with admin.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text(f"CREATE ROLE {role} LOGIN PASSWORD 'slot' CONNECTION LIMIT 1"))
        conn.execute(text(f'ALTER DATABASE "{name}" OWNER TO {role}'))
    admin.close()
    yield f"postgresql+psycopg://{role}:slot@127.0.0.1:{postgres_server.port}/{name}"


def hold_the_slot(url: str) -> psycopg.Connection[Any]:
    role_and_host, name = url.split("://", 1)[1].rsplit("/", 1)
    user, rest = role_and_host.split(":", 1)
    password, hostport = rest.split("@", 1)
    host, port = hostport.split(":")
    return psycopg.connect(host=host, port=int(port), user=user, password=password, dbname=name)


@pytest.mark.postgres
def test_the_real_too_many_connections_error_is_busy(one_slot: str) -> None:
    held = hold_the_slot(one_slot)
    store = open_store(one_slot)
    try:
        with pytest.raises(Exception) as raised, store.engine.connect():
            pass
        assert "too many connections" in str(raised.value)
        assert _busy(raised.value)
    finally:
        store.close()
        held.close()


@pytest.mark.postgres
def test_a_save_waits_for_a_free_slot_instead_of_failing(
    one_slot: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    held = hold_the_slot(one_slot)
    store: Store = open_store(one_slot)
    refused = 0
    waited_long = threading.Event()
    real_busy = engine_module._busy

    def counting_busy(exc: BaseException) -> bool:
        nonlocal refused
        refused += 1
        # Well past the retries a real outage gets: the slot is given back only now.
        if refused > 2 * (MAX_CONNECTION_RETRIES + 1):
            waited_long.set()
        return real_busy(exc)

    monkeypatch.setattr(engine_module, "_busy", counting_busy)
    outcome: list[object] = []

    def save() -> None:
        try:
            outcome.append(store.write(lambda conn: conn.execute(text("SELECT 1")).scalar()))
        except Exception as exc:  # the assertion below shows what went wrong
            outcome.append(exc)

    saver = threading.Thread(target=save)
    saver.start()
    try:
        waited_long.wait(timeout=60)
        held.close()
        saver.join(timeout=60)
        assert outcome == [1]
    finally:
        held.close()
        store.close()
