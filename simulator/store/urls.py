"""Which results database to use, and how to name it without leaking a password.

The URL comes from `--db URL` (which sets `$CALLSIM_DB`), else `$CALLSIM_DB`, else an
SQLite file in the user data dir. Every message, log line and error that names the
database goes through `mask_url` / `scrub`, so a password in the URL is never printed.
This module imports no database library: the CLI can resolve and print a URL cheaply.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import quote, unquote

from simulator import locations

ENV_VAR = "CALLSIM_DB"
SQLITE_FILE = "results.sqlite3"
MASK = "***"

# scheme://user:password@host…  (the password is everything up to the last "@" of the
# authority, so a password containing "@" or ":" is masked whole)
_AUTHORITY = re.compile(r"(?P<head>[a-zA-Z][a-zA-Z0-9+.\-]*://[^/:@?#\s]*):(?P<pw>[^/?#\s]*)@")
# libpq style key=value options: password=secret in a query string or conninfo
_KEYWORD = re.compile(r"(?P<head>\bpassword\s*=\s*)(?P<pw>'[^']*'|[^\s&;]+)", re.IGNORECASE)


def default_url() -> str:
    """The embedded SQLite file in the user data dir (zero set-up)."""
    path = locations.data_dir() / SQLITE_FILE
    return f"sqlite:///{path}"


def resolve_url(url: str | None = None) -> str:
    """The database URL: explicit, else `$CALLSIM_DB`, else the default SQLite file."""
    if url:
        return url
    env = os.environ.get(ENV_VAR, "").strip()
    return env or default_url()


def is_sqlite(url: str) -> bool:
    return url.split(":", 1)[0].split("+", 1)[0].lower() == "sqlite"


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for in-memory databases)."""
    if not is_sqlite(url):
        return None
    rest = url.split(":", 1)[1]
    if not rest.startswith("///"):
        return None
    path = rest[3:].split("?", 1)[0]
    if not path or path == ":memory:":
        return None
    return Path(unquote(path))


def password_of(url: str) -> str | None:
    match = _AUTHORITY.search(url)
    if match and match.group("pw"):
        return unquote(match.group("pw"))
    keyword = _KEYWORD.search(url)
    if keyword:
        return keyword.group("pw").strip("'")
    return None


def mask_url(url: str) -> str:
    """The URL with any password replaced by `***`, safe to print."""
    masked = _AUTHORITY.sub(lambda m: f"{m.group('head')}:{MASK}@", url)
    return _KEYWORD.sub(lambda m: f"{m.group('head')}{MASK}", masked)


def scrub(text: str, url: str | None = None) -> str:
    """`text` (an error message, a log line) with the URL's password masked everywhere.

    Driver errors may quote the connection string or parts of it; besides masking
    anything that looks like a URL or `password=…`, the literal password of `url` (raw
    and percent-encoded) is replaced wherever it appears.
    """
    cleaned = mask_url(text)
    secret = password_of(url) if url else None
    if secret:
        for form in {secret, quote(secret, safe=""), quote(secret)}:
            cleaned = cleaned.replace(form, MASK)
    return cleaned
