"""Opening the results database: one engine per URL per process, schema on first use.

SQLite (the default, a file in the user data dir) runs in WAL mode so the scoreboard
reads while trainees write; writers take the lock up front (`BEGIN IMMEDIATE`), wait
on `busy_timeout`, and retry on "database is locked". PostgreSQL is chosen by URL for a
class spread over many machines. Every error leaving this module names the database
with its password masked.
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import (
    DataError,
    DBAPIError,
    IntegrityError,
    OperationalError,
    SQLAlchemyError,
)
from sqlalchemy.exc import TimeoutError as PoolTimeout

from simulator.store.errors import RowRejected, StoreUnavailable
from simulator.store.schema import ADDED_COLUMNS, Base
from simulator.store.urls import (
    check_url,
    is_in_memory,
    is_sqlite,
    mask_url,
    resolve_url,
    scrub,
    sqlite_path,
)

T = TypeVar("T")

BUSY_TIMEOUT_MS = 30_000
WRITE_DEADLINE_S = 60.0
CONNECT_TIMEOUT_S = 5
MAX_CONNECTION_RETRIES = 3
POOL_SIZE = 1
MAX_OVERFLOW = 1
"""A class is ~40 terminals on one server whose default limit is 100 connections, 3 of
them kept for superusers. A terminal has at most two database jobs at once (the live
writer finishing its last batch while the result is saved), so 1 kept + 1 extra keeps the
worst case at 80; the kept one is all a terminal holds between calls. A third job in the
same process waits `POOL_TIMEOUT_S` for one of the two, and a server that is full anyway
("too many clients") counts as busy: the save waits its turn instead of failing."""
POOL_TIMEOUT_S = 5.0
# An arbitrary constant: the PostgreSQL advisory lock that serializes schema creation.
_SCHEMA_LOCK_KEY = 0x63616C6C


@dataclass
class Store:
    """An open results database. Get one with `open_store()`."""

    url: str
    engine: Engine
    _schema_ready: bool = False
    signing_key: bytes | None = None
    """The recording signing key once read (store.signing): one read per process."""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def display_url(self) -> str:
        """The URL safe to print (password masked)."""
        return mask_url(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def require_durable(self) -> None:
        """Refuse to save into an in-memory database (it keeps nothing once we exit)."""
        if is_in_memory(self.url):
            raise StoreUnavailable(
                f"结果数据库 {self.display_url} 只在内存中，保存的成绩在程序结束时就会丢失",
                hint="用 --db sqlite:///文件路径 或 PostgreSQL 地址保存成绩",
            )

    def unavailable(self, exc: BaseException) -> StoreUnavailable:
        reason = scrub(_first_line(exc), self.url)
        return StoreUnavailable(
            f"结果数据库无法使用（{self.display_url}）：{reason}",
            hint="检查 --db / CALLSIM_DB 的地址、数据库服务和网络",
        )

    def ensure_schema(self) -> None:
        """Create the tables if they are missing (safe when many processes race)."""
        if self._schema_ready:
            return
        with self._lock:
            if self._schema_ready:
                return
            self._retry(self._create_schema, deadline=WRITE_DEADLINE_S)
            self._schema_ready = True

    def _create_schema(self) -> None:
        with self.engine.execution_options(callsim_write=True).begin() as conn:
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _SCHEMA_LOCK_KEY})
            Base.metadata.create_all(conn)
            _add_missing_columns(conn)
            _add_missing_indexes(conn)

    def write(self, work: Callable[[Connection], T], *, deadline: float = WRITE_DEADLINE_S) -> T:
        """Run `work` in one write transaction, retrying while the database is busy."""
        self.ensure_schema()

        def attempt() -> T:
            with self.engine.execution_options(callsim_write=True).begin() as conn:
                return work(conn)

        return self._retry(attempt, deadline=deadline)

    def read(self, work: Callable[[Connection], T]) -> T:
        """Run `work` in one read transaction; errors become StoreUnavailable at once."""
        try:
            self.ensure_schema()
            with self.engine.connect() as conn:
                return work(conn)
        except StoreUnavailable:
            raise
        except (OperationalError, DBAPIError, PoolTimeout) as exc:
            raise self.unavailable(exc) from None

    def _retry(self, attempt: Callable[[], T], *, deadline: float) -> T:
        """Retry while the database is busy (until `deadline`), or a few times on a
        dropped connection; anything else, or running out of time, is StoreUnavailable."""
        stop = time.monotonic() + deadline
        delay = 0.02
        failures = 0
        while True:
            try:
                return attempt()
            except IntegrityError:
                raise
            except DataError as exc:
                # A value the database refuses is not an outage: say so, do not retry.
                reason = scrub(_first_line(exc), self.url)
                raise RowRejected(f"结果数据库拒绝了这条记录：{reason}") from None
            except (OperationalError, DBAPIError, PoolTimeout) as exc:
                failures += 0 if _busy(exc) else 1
                if failures > MAX_CONNECTION_RETRIES or time.monotonic() + delay > stop:
                    raise self.unavailable(exc) from None
                if not (_busy(exc) or isinstance(exc, OperationalError | PoolTimeout)):
                    raise self.unavailable(exc) from None
            # Jitter spreads out writers that collided so they do not collide again.
            time.sleep(delay * (0.5 + random.random()))
            delay = min(delay * 2, 1.0)

    def close(self) -> None:
        """Release the connections and forget this store."""
        _STORES.pop(self.url, None)
        self.engine.dispose()


def _add_missing_columns(conn: Connection) -> None:
    """Bring a database made by an older version up to date, column by column.

    Runs under the schema lock (PostgreSQL's advisory lock, SQLite's write lock), so two
    processes never add the same column."""
    inspector = inspect(conn)
    for table_name, columns in ADDED_COLUMNS.items():
        present = {column["name"] for column in inspector.get_columns(table_name)}
        table = Base.metadata.tables[table_name]
        for name in columns:
            if name in present:
                continue
            column_type = table.c[name].type.compile(dialect=conn.dialect)
            conn.execute(text(f"ALTER TABLE {table_name} ADD COLUMN {name} {column_type}"))


def _add_missing_indexes(conn: Connection) -> None:
    """Create the indexes a newer version added to a table that already exists
    (`create_all` makes a missing table with its indexes, but skips existing tables)."""
    inspector = inspect(conn)
    for table in Base.metadata.sorted_tables:
        present = {index["name"] for index in inspector.get_indexes(table.name)}
        for index in table.indexes:
            if index.name not in present:
                index.create(conn)


def _first_line(exc: BaseException) -> str:
    orig = getattr(exc, "orig", None)
    message = str(orig if orig is not None else exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


_BUSY_MESSAGES = (
    "locked",  # SQLite: another writer holds the lock past busy_timeout
    "busy",
    "already exists",  # a lost race to create the schema
    # PostgreSQL full (SQLSTATE 53300): a slot frees up when another terminal is done.
    "too many clients",
    "too many connections",
    "remaining connection slots are reserved",
    # The pool of this process is in use by its other jobs.
    "queuepool limit",
)


def _busy(exc: BaseException) -> bool:
    """Worth waiting for: the database (or this process's pool) is in use by others."""
    message = str(getattr(exc, "orig", None) or exc).lower()
    return any(part in message for part in _BUSY_MESSAGES)


_STORES: dict[str, Store] = {}
_STORES_LOCK = threading.Lock()


def open_store(url: str | None = None) -> Store:
    """The store for `url` (else `$CALLSIM_DB`, else the SQLite file), opened once."""
    resolved = resolve_url(url)
    with _STORES_LOCK:
        store = _STORES.get(resolved)
        if store is None:
            store = Store(resolved, _make_engine(resolved))
            _STORES[resolved] = store
        return store


def _make_engine(url: str) -> Engine:
    check_url(url)  # a malformed URL is refused here, without repeating it
    try:
        if is_sqlite(url):
            return _sqlite_engine(url)
        connect_args: dict[str, Any] = {}
        if url.startswith("postgresql"):
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
        return create_engine(
            url,
            pool_pre_ping=True,
            pool_size=POOL_SIZE,
            max_overflow=MAX_OVERFLOW,
            pool_timeout=POOL_TIMEOUT_S,
            connect_args=connect_args,
        )
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        reason = scrub(_first_line(exc), url)
        raise StoreUnavailable(
            f"结果数据库地址无效（{mask_url(url)}）：{reason}",
            hint="例如 postgresql+psycopg://用户@主机/库 或 sqlite:///路径",
        ) from None


def _sqlite_engine(url: str) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreUnavailable(
                f"无法创建结果数据库目录 {path.parent}：{exc.strerror}",
                hint="用 CALLSIM_DATA_DIR 或 --db 指定一个可写的位置",
            ) from None
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # SQLAlchemy, not the sqlite3 module, decides when a transaction begins, so a
        # writer can take the write lock up front instead of failing on lock upgrade.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if path is not None:
                cursor.execute("PRAGMA journal_mode = WAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        writing = conn.get_execution_options().get("callsim_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


def _forget_after_fork() -> None:
    # A forked child must not reuse its parent's pooled connections (nor a held lock).
    global _STORES_LOCK  # noqa: PLW0603 -- a lock held at fork time must be replaced
    _STORES_LOCK = threading.Lock()
    for store in list(_STORES.values()):
        store.engine.dispose(close=False)
    _STORES.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_after_fork)
