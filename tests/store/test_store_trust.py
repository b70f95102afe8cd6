"""What a stored result vouches for (SQLite and PostgreSQL): `grade --save` stores the
signature check of the very content it graded, the app signs only the content it
stored and never signs over a bad signature, the board and coaching leave unverified
results out, and a save that keeps colliding is one refused row, not a traceback."""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, insert, select, update
from sqlalchemy.orm import Session

from simulator.cli import main
from simulator.coaching.history import load_history
from simulator.grading.batch import BatchResult, grade_paths
from simulator.recording import read_recording
from simulator.recording.signature import sign_file
from simulator.store import repository
from simulator.store.board import load_board
from simulator.store.engine import Store
from simulator.store.errors import RowRejected
from simulator.store.filters import ResultFilter
from simulator.store.repository import save_checked
from simulator.store.samples import sample_grade, sample_header
from simulator.store.schema import CallResult
from simulator.store.signing import recording_key, sign_recording
from tests.grading.grading_builder import standard_call

T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


def _rows(store: Store) -> list[CallResult]:
    with Session(store.engine) as session:
        return list(session.scalars(select(CallResult).order_by(CallResult.id)))


def _write(path: Path, **header: object) -> Path:
    builder = standard_call()
    builder.header.update(header)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(builder.text(), encoding="utf-8")
    return path


# 1. grade --save ------------------------------------------------------------------


def test_grade_save_checks_the_content_it_graded_not_a_later_file(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _write(tmp_path / "call.jsonl", id="call-1", trainee="李明")
    graded_digest = read_recording(path).content_sha256

    def grade_then_swap(files: Sequence[Path], *args: Any, **kwargs: Any) -> BatchResult:
        batch = grade_paths(files, *args, **kwargs)
        # Between grading and saving, the file becomes other, validly signed content.
        _write(path, id="call-1", trainee="王芳")
        assert sign_recording(path, store)
        return batch

    monkeypatch.setattr("simulator.cli.grade_cmd.grade_paths", grade_then_swap)
    assert main(["--db", store.url, "grade", "--save", "--summary", str(path)]) == 0
    [row] = _rows(store)
    # The graded content was unsigned: its row is unverified, with its own digest.
    assert (row.verified, row.trainee, row.content_sha256) == (False, "李明", graded_digest)


# 2. the app signs what it stored --------------------------------------------------


def test_the_app_does_not_sign_a_file_changed_after_it_was_read(
    store: Store, tmp_path: Path
) -> None:
    path = _write(tmp_path / "call.jsonl", id="call-2")
    recording = read_recording(path)
    with path.open("a", encoding="utf-8") as handle:  # written to after the grade
        handle.write(json.dumps({"t": 99.0, "kind": "hangup", "who": "agent"}) + "\n")
    before = path.read_bytes()
    grade = sample_grade(random.Random(3))
    outcome = save_checked(grade, recording, path, store=store, made_here=True, sign=True)
    assert outcome.verified and outcome.warning == "录音在保存成绩后被改动过，未签名"
    assert path.read_bytes() == before
    assert read_recording(path).check_signature(recording_key(store)) == "unsigned"
    [row] = _rows(store)
    assert row.content_sha256 == recording.content_sha256


def test_the_app_signs_the_content_it_stored(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path / "call.jsonl", id="call-3")
    recording = read_recording(path)
    grade = sample_grade(random.Random(3))
    outcome = save_checked(grade, recording, path, store=store, made_here=True, sign=True)
    assert outcome.warning == ""
    assert read_recording(path).check_signature(recording_key(store)) == "verified"


def _tamper_wrong(path: Path, store: Store) -> None:
    assert sign_recording(path, store)
    text = path.read_text(encoding="utf-8").replace("李", "张", 1)
    path.write_text(text, encoding="utf-8")


def _tamper_appended(path: Path, store: Store) -> None:
    assert sign_recording(path, store)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps({"t": 99.0, "kind": "hangup", "who": "agent"}) + "\n")


def _tamper_other_key(path: Path, store: Store) -> None:
    assert sign_file(path, bytes(range(32)))


@pytest.mark.parametrize(
    ("tamper", "check"),
    [(_tamper_wrong, "wrong"), (_tamper_appended, "appended"), (_tamper_other_key, "other_key")],
)
def test_a_bad_signature_is_never_signed_over(
    store: Store, tmp_path: Path, tamper: Any, check: str
) -> None:
    path = _write(tmp_path / "call.jsonl", id="call-4", trainee="李明")
    tamper(path, store)
    key = recording_key(store)
    assert read_recording(path).check_signature(key) == check
    before = path.read_bytes()
    assert not sign_recording(path, store)
    recording = read_recording(path)
    outcome = save_checked(
        sample_grade(random.Random(4)), recording, path, store=store, made_here=True, sign=True
    )
    assert "未重新签名" in outcome.warning
    assert path.read_bytes() == before
    assert read_recording(path).check_signature(key) == check


# 5. board and coaching leave unverified results out ------------------------------


def _three_kinds(store: Store) -> None:
    """李明: one verified call, one unverified, one legacy row (verified NULL)."""
    for n, made_here in ((1, True), (2, False), (3, True)):
        save_checked(
            sample_grade(random.Random(n), skill=1.0),
            sample_header(f"trust-{n}", "李明", "1001", "standard"),
            store=store,
            class_name="一班",
            finished_at=T0 + timedelta(minutes=n),
            made_here=made_here,
        )

    def legacy(conn: Connection) -> None:
        conn.execute(
            update(CallResult).where(CallResult.call_id == "trust-3").values(verified=None)
        )

    store.write(legacy)


def test_the_board_leaves_unverified_results_out(store: Store) -> None:
    _three_kinds(store)
    board = load_board(store, ResultFilter(), now=T0 + timedelta(hours=1))
    assert board.calls == 2
    assert len(board.latest) == 2
    # Rule rows of the unverified call are not counted either.
    assert board.rule_rates and max(rate.applicable for rate in board.rule_rates) == 2


def test_coaching_leaves_unverified_results_out(store: Store) -> None:
    _three_kinds(store)
    history = load_history(store, "李明")
    assert history.calls == 2
    assert history.rules and max(rule.checks for rule in history.rules.values()) == 2


# 6. a save that keeps colliding ---------------------------------------------------


def _colliding_store(monkeypatch: pytest.MonkeyPatch, collisions: int) -> list[int]:
    """Make the first `collisions` attempts meet a real unique-key conflict in the
    database, as when another machine saves the same call id at the same moment."""
    real_store = repository._store
    attempts: list[int] = []

    def store_after_a_rival(conn: Connection, row: dict[str, Any], rules: Any) -> int:
        attempts.append(1)
        if len(attempts) <= collisions:
            rival = {**row, "call_id": "rival"}
            conn.execute(insert(CallResult).values(**rival))
            conn.execute(insert(CallResult).values(**rival))  # IntegrityError, rolled back
        return real_store(conn, row, rules)

    monkeypatch.setattr(repository, "_store", store_after_a_rival)
    return attempts


def test_a_save_is_retried_three_times_after_conflicts(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = _colliding_store(monkeypatch, collisions=3)
    header = sample_header("retry-1", "李明", "1001", "standard")
    save_checked(sample_grade(random.Random(1)), header, store=store, made_here=True)
    assert len(attempts) == 4
    assert [row.call_id for row in _rows(store)] == ["retry-1"]


def test_a_conflict_that_persists_is_one_refused_row(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = _colliding_store(monkeypatch, collisions=100)
    header = sample_header("retry-2", "李明", "1001", "standard")
    with pytest.raises(RowRejected) as raised:
        save_checked(sample_grade(random.Random(1)), header, store=store, made_here=True)
    assert len(attempts) == 4
    message = str(raised.value)
    assert "retry-2" in message and "\n" not in message
    assert _rows(store) == []
