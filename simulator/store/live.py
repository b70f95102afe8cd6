"""Live calls for the classroom (课堂演示): each event of a call stored as it happens.

A trainee who opts in has every step of the call (rings, the answer, each line said,
holds, the meters once a second, each rule as it resolves, the hang-up, the score)
written here while the call runs. The board reads the rows back by polling, so a call
taken on one machine can be watched on the projector of another when the database is
PostgreSQL. Rows are small and append-only; one call's rows are ordered by `seq`.

Nothing here is kept for long: each `LiveWriter`, as it starts, deletes the rows written
more than `KEEP_FOR` (a day) ago, so the table holds about one day of classes (a meters
row a second per call adds up) and the board's queries stay small. Results are saved
elsewhere (`results`); these rows only feed the projector while a call runs.

`LiveWriter` does the writing in its own thread, so a slow or unreachable database
never holds up the call: events wait in a queue and go out in batches.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Connection,
    Float,
    Index,
    Insert,
    Integer,
    String,
    Text,
    and_,
    delete,
    func,
    insert,
    select,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from simulator.store.errors import RowRejected, StoreUnavailable
from simulator.store.schema import Base, UtcDateTime

if TYPE_CHECKING:
    # Only a type here: the engine module imports the schema, which registers this table.
    from simulator.store.engine import Store

LIVE_KINDS = ("start", "ring", "answer", "caller", "agent", "hold", "meters", "rule", "end")
"""`graded` follows `end` once the call is scored; `end` alone marks a call over."""
WRITE_DEADLINE_S = 5.0
"""How long one batch keeps retrying a busy database before the writer tries again later."""
RECENT_CALLS = 12
STALE_AFTER = timedelta(minutes=2)
"""A call with no row for this long is over even without an `end` (its machine died)."""
KEEP_FOR = timedelta(days=1)
"""Rows older than this are deleted when a writer starts (see the module docstring)."""
FINAL_ATTEMPTS = 3
_ATTEMPT_WORST_S = WRITE_DEADLINE_S + 5.0 + 5.0 + 1.0
"""One write at worst: its deadline, then a wait for the pool and a connect begun just
before it (engine.POOL_TIMEOUT_S, engine.CONNECT_TIMEOUT_S: 5 s each), and a back-off."""
FINAL_FLUSH_S = (1 + 1 + FINAL_ATTEMPTS) * _ATTEMPT_WORST_S
"""The longest `close()` waits for a worst-case end: the prune at start, a batch already
going out, then each attempt of the final batch (~80 s when the database
is unreachable; a reachable one takes milliseconds). `close()` runs off the UI thread
(ClassDemo closes in a thread of its own), so this holds up nothing the trainee sees."""


class LiveEventRow(Base):
    """One event of a call shown live."""

    __tablename__ = "live_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    call_id: Mapped[str] = mapped_column(String(120))
    seq: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    t: Mapped[float | None] = mapped_column(Float, nullable=True)
    data: Mapped[str] = mapped_column(Text, default="{}")
    class_name: Mapped[str] = mapped_column(String(120), default="")
    written_at: Mapped[datetime] = mapped_column(UtcDateTime())

    __table_args__ = (
        Index("ix_live_events_call", "call_id", "seq", unique=True),
        # The board's "which calls are live" looks up start rows by class, newest first.
        Index("ix_live_events_kind", "kind", "class_name", "id"),
        # ... and, with no class chosen, start rows newest first: (kind, class_name, id)
        # cannot serve ORDER BY id without a condition on class_name.
        Index("ix_live_events_kind_id", "kind", "id"),
    )


@dataclass(frozen=True)
class LiveEvent:
    """One stored event: `t` is call time (seconds since the first ring)."""

    call_id: str
    seq: int
    kind: str
    t: float | None
    data: dict[str, Any]
    written_at: datetime


@dataclass(frozen=True)
class LiveCallInfo:
    """A call that was (or is) shown live, as the board lists it."""

    call_id: str
    trainee: str
    agent_id: str
    class_name: str
    title: str
    started_at: datetime
    last_at: datetime
    ended: bool


def _insert(dialect: str) -> Insert:
    """An insert that skips rows already stored: a batch whose commit went through but
    whose reply was lost is sent again (with newer events), and must not fail whole."""
    if dialect == "postgresql":
        return postgresql.insert(LiveEventRow).on_conflict_do_nothing(
            index_elements=["call_id", "seq"]
        )
    if dialect == "sqlite":
        return sqlite.insert(LiveEventRow).on_conflict_do_nothing(index_elements=["call_id", "seq"])
    return insert(LiveEventRow)


def append_events(store: Store, events: list[LiveEvent]) -> None:
    """Store `events` in one transaction; events already stored are left as they are."""
    if not events:
        return

    def work(conn: Connection) -> None:
        conn.execute(
            _insert(store.dialect),
            [
                {
                    "call_id": e.call_id,
                    "seq": e.seq,
                    "kind": e.kind,
                    "t": e.t,
                    "data": json.dumps(e.data, ensure_ascii=False),
                    "class_name": str(e.data.get("class", "")) if e.kind == "start" else "",
                    "written_at": e.written_at,
                }
                for e in events
            ],
        )

    store.write(work, deadline=WRITE_DEADLINE_S)


def prune_events(store: Store, now: datetime) -> int:
    """Delete the rows written before `now - KEEP_FOR`; how many went."""
    cutoff = now - KEEP_FOR

    def work(conn: Connection) -> int:
        result = conn.execute(delete(LiveEventRow).where(LiveEventRow.written_at < cutoff))
        return max(result.rowcount, 0)

    return store.write(work, deadline=WRITE_DEADLINE_S)


def read_events(store: Store, call_id: str, after_seq: int = -1) -> list[LiveEvent]:
    """The call's events after `after_seq`, in order (all of them by default)."""

    def work(conn: Connection) -> list[LiveEvent]:
        rows = conn.execute(
            select(*_COLUMNS)
            .where(LiveEventRow.call_id == call_id, LiveEventRow.seq > after_seq)
            .order_by(LiveEventRow.seq)
        )
        return [_event(row) for row in rows]

    return store.read(work)


def recent_calls(
    store: Store,
    *,
    class_name: str | None = None,
    now: datetime | None = None,
    limit: int = RECENT_CALLS,
) -> list[LiveCallInfo]:
    """The calls shown live most recently, newest first (ongoing and finished)."""
    moment = now or datetime.now(UTC)

    def work(conn: Connection) -> list[LiveCallInfo]:
        query = select(*_COLUMNS, LiveEventRow.class_name).where(LiveEventRow.kind == "start")
        if class_name:
            query = query.where(LiveEventRow.class_name == class_name)
        starts = list(conn.execute(query.order_by(LiveEventRow.id.desc()).limit(limit)))
        if not starts:
            return []
        ids = [row.call_id for row in starts]
        ended = set(
            conn.execute(
                select(LiveEventRow.call_id).where(
                    LiveEventRow.call_id.in_(ids), LiveEventRow.kind == "end"
                )
            ).scalars()
        )
        # The newest row of a call is its highest seq: max(seq) per call and the row it
        # names are both read from the unique (call_id, seq) index, not every row.
        newest = (
            select(LiveEventRow.call_id, func.max(LiveEventRow.seq).label("seq"))
            .where(LiveEventRow.call_id.in_(ids))
            .group_by(LiveEventRow.call_id)
            .subquery()
        )
        last: dict[str, datetime] = {
            call_id: _aware(written)
            for call_id, written in conn.execute(
                select(LiveEventRow.call_id, LiveEventRow.written_at).join(
                    newest,
                    and_(
                        LiveEventRow.call_id == newest.c.call_id,
                        LiveEventRow.seq == newest.c.seq,
                    ),
                )
            )
        }
        infos = []
        for row in starts:
            data = _data(row.data)
            row_class = row[6]
            last_at = max(last.get(row.call_id, row.written_at), row.written_at)
            over = row.call_id in ended or moment - last_at > STALE_AFTER
            infos.append(
                LiveCallInfo(
                    call_id=row.call_id,
                    trainee=str(data.get("trainee", "")),
                    agent_id=str(data.get("agent_id", "")),
                    class_name=row_class,
                    title=str(data.get("title", "")),
                    started_at=row.written_at,
                    last_at=last_at,
                    ended=over,
                )
            )
        return infos

    return store.read(work)


def _data(raw: str) -> dict[str, Any]:
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _aware(value: datetime | str) -> datetime:
    """An aggregate bypasses the column type: SQLite hands back text, both naive UTC."""
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


_COLUMNS = (
    LiveEventRow.call_id,
    LiveEventRow.seq,
    LiveEventRow.kind,
    LiveEventRow.t,
    LiveEventRow.data,
    LiveEventRow.written_at,
)


def _event(row: Any) -> LiveEvent:
    call_id, seq, kind, t, data, written_at = row[:6]
    return LiveEvent(call_id, seq, kind, t, _data(data), written_at)


@dataclass
class LiveWriter:
    """Writes one call's events from a background thread, in order, in batches.

    `publish` never blocks and never raises: a database that cannot be reached leaves
    the events queued and `last_error` set, and the next batch tries again.
    """

    store: Store
    call_id: str
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    last_error: str | None = None
    _seq: int = 0
    _queue: queue.Queue[LiveEvent | None] = field(default_factory=queue.Queue)
    _thread: threading.Thread | None = None
    _pending: list[LiveEvent] = field(default_factory=list)
    _publishing: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="live-writer", daemon=True)
        self._thread.start()

    def publish(self, kind: str, t: float | None, data: dict[str, Any] | None = None) -> None:
        with self._publishing:  # the call's thread and the rule resolver both publish
            event = LiveEvent(self.call_id, self._seq, kind, t, dict(data or {}), self.now())
            self._seq += 1
            self._queue.put(event)

    def close(self, timeout: float = FINAL_FLUSH_S) -> None:
        """Write what is queued (up to `timeout` seconds), then stop the thread."""
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        try:
            prune_events(self.store, self.now())
        except (StoreUnavailable, RowRejected) as exc:
            self.last_error = str(exc)  # old rows wait for the next writer; events go on
        stopping = False
        while not stopping:
            item = self._queue.get()
            batch = [] if item is None else [item]
            stopping = item is None
            while True:  # everything queued meanwhile goes in the same transaction
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    stopping = True
                else:
                    batch.append(more)
            self._pending.extend(batch)
            self._flush(final=stopping)

    def _flush(self, *, final: bool) -> None:
        attempts = FINAL_ATTEMPTS if final else 1
        for _ in range(attempts):
            try:
                append_events(self.store, self._pending)
            except (StoreUnavailable, RowRejected, IntegrityError) as exc:
                # Kept for the next batch: a resent event is skipped, not a failure.
                self.last_error = str(exc).splitlines()[0]
                continue
            self._pending = []
            self.last_error = None
            return
