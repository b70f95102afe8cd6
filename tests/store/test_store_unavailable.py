"""An unreachable or refused database gives one clear line, never the password."""

from __future__ import annotations

import pytest

from simulator.store.engine import open_store
from simulator.store.errors import StoreUnavailable
from simulator.store.throwaway import ThrowawayPostgres, free_port
from simulator.store.urls import MASK


@pytest.mark.postgres
def test_wrong_password_is_masked(postgres_server: ThrowawayPostgres) -> None:
    wrong = "WrongHorseBattery9"
    url = postgres_server.url("callsim").replace(postgres_server.password, wrong)
    store = open_store(url)
    try:
        with pytest.raises(StoreUnavailable) as caught:
            store.read(lambda conn: None)
    finally:
        store.close()
    message = str(caught.value)
    assert wrong not in message
    assert f"callsim:{MASK}@127.0.0.1" in message
    assert "password authentication failed" in message
    assert "\n" not in message


def test_refused_connection_is_one_line() -> None:
    secret = "NotPrinted123"
    url = f"postgresql+psycopg://trainer:{secret}@127.0.0.1:{free_port()}/nothing"
    store = open_store(url)
    try:
        with pytest.raises(StoreUnavailable) as caught:
            store.read(lambda conn: None)
    finally:
        store.close()
    message = str(caught.value)
    assert secret not in message
    assert message.startswith("结果数据库无法使用（postgresql+psycopg://trainer:***@127.0.0.1")
    assert "\n" not in message


def test_bad_url_is_a_user_error() -> None:
    with pytest.raises(StoreUnavailable, match="结果数据库地址无效") as caught:
        open_store("nosuchdb+driver://user:Secret99@host/db")
    assert "Secret99" not in str(caught.value)


def test_unwritable_sqlite_location(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StoreUnavailable, match="无法创建结果数据库目录"):
        open_store(f"sqlite:///{blocker}/sub/results.sqlite3")
