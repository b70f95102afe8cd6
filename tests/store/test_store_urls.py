"""Choosing the database and never printing its password."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from simulator.store.urls import (
    default_url,
    is_sqlite,
    mask_url,
    password_of,
    resolve_url,
    scrub,
    sqlite_path,
)


def test_default_is_sqlite_in_the_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("CALLSIM_DB", raising=False)
    assert resolve_url() == default_url() == f"sqlite:///{tmp_path}/results.sqlite3"
    assert sqlite_path(resolve_url()) == tmp_path / "results.sqlite3"


def test_environment_then_explicit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_DB", "postgresql+psycopg://u@h/db")
    assert resolve_url() == "postgresql+psycopg://u@h/db"
    assert resolve_url("sqlite:////x/y.db") == "sqlite:////x/y.db"
    assert is_sqlite("sqlite+pysqlite:///a.db")
    assert not is_sqlite("postgresql+psycopg://u@h/db")
    assert sqlite_path("sqlite://") is None
    assert sqlite_path("postgresql://u@h/db") is None


@pytest.mark.parametrize(
    ("url", "masked"),
    [
        (
            "postgresql+psycopg://trainer:s3cr3t@db.local:5432/callsim",
            "postgresql+psycopg://trainer:***@db.local:5432/callsim",
        ),
        ("postgresql://trainer:p%40ss@host/db", "postgresql://trainer:***@host/db"),
        ("postgresql://trainer@host/db", "postgresql://trainer@host/db"),
        (
            "postgresql://host/db?user=a&password=xyz&sslmode=require",
            "postgresql://host/db?user=a&password=***&sslmode=require",
        ),
        ("sqlite:////home/a/results.sqlite3", "sqlite:////home/a/results.sqlite3"),
    ],
)
def test_mask_url(url: str, masked: str) -> None:
    assert mask_url(url) == masked


def test_scrub_removes_the_literal_password_anywhere() -> None:
    secret = "Tr@in/er!"
    url = f"postgresql+psycopg://trainer:{quote(secret, safe='')}@db:5432/x"
    assert password_of(url) == secret
    message = f'connection to "db" failed for {url} (password {secret} rejected)'
    cleaned = scrub(message, url)
    assert secret not in cleaned
    assert quote(secret, safe="") not in cleaned
    assert cleaned.count("***") == 2


SECRETS = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zs")), min_size=4, max_size=24
)


MASKED = "postgresql+psycopg://trainer:***@db.example:5432/callsim"
NOISE = "error: could not connect to : refused pw="  # the rest of the texts scrubbed below


@given(secret=SECRETS)
def test_no_password_survives_masking(secret: str) -> None:
    # A "password" that is part of the host or the message (e.g. "exam" in db.example)
    # is still there after masking, rightly: only the password itself is hidden.
    assume(secret not in MASKED + NOISE and quote(secret, safe="") not in MASKED + NOISE)
    url = f"postgresql+psycopg://trainer:{quote(secret, safe='')}@db.example:5432/callsim"
    for text in (url, f"error: could not connect to {url}: refused", f"pw={secret} {url}"):
        cleaned = scrub(text, url)
        assert secret not in cleaned
        assert quote(secret, safe="") not in cleaned
    assert mask_url(url) == MASKED
