"""Which results database to use, and how to name it without leaking a password.

The URL comes from `--db URL`, else `$CALLSIM_DB` (both in `settings.current().db`), else an
SQLite file in the user data dir. Every message that names the database goes through
`mask_url` / `scrub`. Both work by parsing the URL exactly as SQLAlchemy will when it
connects (never by a pattern over the text), so what is hidden is what is sent as the
password. A URL the parser rejects, or reads ambiguously (an unencoded `@` leaves part
of the password in the host), is refused by `check_url` and never repeated.
SQLAlchemy's URL parser is imported on first use, so importing this module stays cheap.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote, quote_plus, unquote

from simulator import locations, settings
from simulator.store.errors import StoreUnavailable

if TYPE_CHECKING:
    from sqlalchemy.engine import URL

ENV_VAR = "CALLSIM_DB"
SQLITE_FILE = "results.sqlite3"
MASK = "***"
MALFORMED = "（格式有误的数据库地址，未显示）"
# Query options that carry a secret (libpq's `password`, `sslpassword`, …).
_SECRET_KEY_PART = "password"
_IN_MEMORY = {"", ":memory:"}


def default_url() -> str:
    """The embedded SQLite file in the user data dir (zero set-up)."""
    path = locations.data_dir() / SQLITE_FILE
    return f"sqlite:///{path}"


def resolve_url(url: str | None = None) -> str:
    """The database URL: explicit, else `$CALLSIM_DB`, else the default SQLite file."""
    if url:
        return url
    chosen = (settings.current().db or "").strip()
    return chosen or default_url()


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
    if path in _IN_MEMORY or path.startswith("file::memory:"):
        return None
    return Path(unquote(path))


def is_in_memory(url: str) -> bool:
    """An SQLite database that lives only as long as the process (nothing is kept)."""
    if not is_sqlite(url):
        return False
    query = url.split("?", 1)[1] if "?" in url else ""
    return "mode=memory" in query or sqlite_path(url) is None


def malformed(hint: str | None = None) -> StoreUnavailable:
    """The error for a URL that cannot be read safely; the URL itself is not repeated."""
    return StoreUnavailable(
        "结果数据库地址格式有误（为免泄露密码，不显示该地址）",
        hint=hint
        or "写成 方言+驱动://用户:密码@主机:端口/库，例如 postgresql+psycopg://用户:密码@主机/库；"
        "密码中的 @ : / ? # 空格等字符要写成百分号编码（@ 写成 %40）",
    )


def parse_url(url: str) -> URL:
    """The URL as SQLAlchemy reads it; StoreUnavailable (URL not repeated) if malformed."""
    # SQLAlchemy is imported when the database is used, not at start-up.
    from sqlalchemy.engine import make_url  # noqa: PLC0415
    from sqlalchemy.exc import ArgumentError  # noqa: PLC0415

    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in url):
        raise malformed()
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError, TypeError):
        raise malformed() from None
    # An unencoded "@" splits the password: its tail would be read as the host (or
    # the user), so the URL would neither connect nor mask as the user meant.
    for part in (parsed.host, parsed.username):
        if part is not None and ("@" in part or any(ch.isspace() for ch in part)):
            raise malformed()
    return parsed


def check_url(url: str) -> None:
    """Raise StoreUnavailable (the URL not repeated) unless `url` parses unambiguously."""
    parse_url(url)


def _query_secrets(parsed: URL) -> dict[str, tuple[str, ...]]:
    found: dict[str, tuple[str, ...]] = {}
    for key, value in parsed.query.items():
        if _SECRET_KEY_PART in key.lower():
            found[key] = (value,) if isinstance(value, str) else tuple(value)
    return found


def secrets_of(url: str) -> list[str]:
    """Every secret the URL carries (its password and password options), decoded."""
    try:
        parsed = parse_url(url)
    except StoreUnavailable:
        return []
    found = [parsed.password] if parsed.password else []
    for values in _query_secrets(parsed).values():
        found.extend(v for v in values if v)
    return [str(s) for s in found]


def password_of(url: str) -> str | None:
    """The password SQLAlchemy will send (None if there is none or the URL is malformed)."""
    try:
        parsed = parse_url(url)
    except StoreUnavailable:
        return None
    return str(parsed.password) if parsed.password else None


def mask_url(url: str) -> str:
    """The URL with its password (and password options) replaced by `***`, safe to print.

    A URL without secrets is shown as written; a malformed one is not shown at all.
    """
    try:
        parsed = parse_url(url)
    except StoreUnavailable:
        return MALFORMED
    hidden = _query_secrets(parsed)
    if not parsed.password and not hidden:
        return url
    base = parsed.set(query={}).render_as_string(hide_password=True)
    pairs: list[str] = []
    for key, value in parsed.query.items():
        values = (value,) if isinstance(value, str) else tuple(value)
        for one in values:
            shown = MASK if key in hidden else quote_plus(one)
            pairs.append(f"{quote_plus(key)}={shown}")
    return f"{base}?{'&'.join(pairs)}" if pairs else base


def scrub(text: str, url: str | None = None) -> str:
    """`text` (an error message, a log line) with `url`'s secrets masked everywhere.

    The URL itself becomes its masked form; then every secret it carries is replaced
    wherever it appears, raw or percent-encoded (drivers may quote the password or
    the host part of a mangled URL).
    """
    if not url:
        return text
    cleaned = text.replace(url, mask_url(url))
    for secret in secrets_of(url):
        forms = {secret, quote(secret, safe=""), quote(secret), quote_plus(secret)}
        for form in sorted(forms, key=len, reverse=True):
            cleaned = cleaned.replace(form, MASK)
    return cleaned
