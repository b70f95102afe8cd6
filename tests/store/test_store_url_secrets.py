"""Passwords with characters URLs treat specially are never printed (issue 16, item 3).

The mask comes from parsing the URL as the driver will; a URL that does not parse, or
parses ambiguously, is refused without being repeated.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main
from simulator.store.engine import open_store
from simulator.store.errors import StoreUnavailable
from simulator.store.throwaway import ThrowawayPostgres, free_port
from simulator.store.urls import MALFORMED, mask_url, scrub

RECORDING = "\n".join(
    [
        '{"kind": "session", "format": 1, "id": "url-secret-1", "scenario": "silent-call", '
        '"persona": "silent", "org": "福彩热线", "agent_id": "1024", "trainee": "李明"}',
        '{"t": 0.0, "kind": "ring", "n": 1}',
        '{"t": 4.2, "kind": "answer"}',
        '{"t": 5.6, "end": 8.1, "kind": "say", "who": "agent", "text": "您好，欢迎致电福彩热线"}',
        '{"t": 40.1, "kind": "hangup", "who": "caller"}',
        "",
    ]
)

SPECIAL = ["pa/ss-Zq1", "pa#ss-Zq2", "pa?ss-Zq3", "pa ss-Zq4", "p/a#s?s w-Zq5"]


@pytest.mark.parametrize("secret", SPECIAL)
def test_special_characters_are_masked(secret: str) -> None:
    url = f"postgresql+psycopg://trainer:{secret}@127.0.0.1:{free_port()}/callsim"
    assert mask_url(url) == url.replace(secret, "***")
    assert secret not in scrub(f"failed for {url}: password {secret!r}", url)
    store = open_store(url)
    try:
        with pytest.raises(StoreUnavailable) as caught:
            store.read(lambda conn: None)
        assert secret not in str(caught.value)
        assert "trainer:***@127.0.0.1" in str(caught.value)
        assert secret not in store.display_url
    finally:
        store.close()


@pytest.mark.parametrize(
    "url",
    [
        "postgresql+psycopg://trainer:p@ssZq6@127.0.0.1:5432/callsim",  # unencoded @
        "trainer:Zq7secret@127.0.0.1:5432/callsim",  # no scheme://
        "postgresql://trainer:Zq8secret/callsim",  # no @: the password reads as a port
        "postgresql://trainer:Zq9secret@host\n/db",
    ],
)
def test_malformed_urls_are_refused_without_repeating_them(
    url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("CALLSIM_DB", raising=False)
    with pytest.raises(StoreUnavailable) as caught:
        open_store(url)
    message = str(caught.value)
    assert "格式有误" in message
    assert "Zq" not in message and "ss" not in message.split("—", maxsplit=1)[0]
    assert mask_url(url) == MALFORMED
    assert main(["--db", url, "report"]) == 2
    err = capsys.readouterr().err
    assert "Zq" not in err and "Traceback" not in err
    assert err.count("\n") == 1


def test_password_options_in_the_query_are_masked() -> None:
    url = "postgresql://127.0.0.1/db?user=a&password=Zq10&sslmode=require"
    assert mask_url(url) == "postgresql://127.0.0.1/db?user=a&password=***&sslmode=require"


@pytest.mark.postgres
def test_saving_on_postgresql_never_prints_the_password(
    postgres_server: ThrowawayPostgres,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import psycopg

    secret = "p/a#s?s w-Zq11"
    admin = postgres_server.database()
    dbname = admin.rsplit("/", 1)[1]
    with psycopg.connect(
        admin.replace("postgresql+psycopg", "postgresql"), autocommit=True
    ) as conn:
        conn.execute("DROP ROLE IF EXISTS special_trainer")
        conn.execute(f"CREATE ROLE special_trainer LOGIN PASSWORD '{secret}'")
        conn.execute(f'GRANT ALL ON DATABASE "{dbname}" TO special_trainer')
        conn.execute(f'ALTER DATABASE "{dbname}" OWNER TO special_trainer')
    url = f"postgresql+psycopg://special_trainer:{secret}@127.0.0.1:{postgres_server.port}/{dbname}"
    recording = tmp_path / "call.jsonl"
    recording.write_text(RECORDING, encoding="utf-8")
    monkeypatch.delenv("CALLSIM_DB", raising=False)
    monkeypatch.setenv("CALLSIM_DATA_DIR", str(tmp_path / "data"))
    assert main(["--db", url, "grade", "--save", "--json", str(recording)]) == 0
    out, err = capsys.readouterr()
    assert "已将 1 通电话的成绩存入成绩库" in err
    assert "special_trainer:***@127.0.0.1" in err
    assert secret not in out + err
    assert "Zq11" not in err and "s?s" not in err
