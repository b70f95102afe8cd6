"""Signed recordings (SQLite and PostgreSQL): the key lives in the database, a recording
whose signature is missing or wrong is stored as unverified, never replaces a row and
never passes an exam; the app's own calls are verified and their files signed."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from sqlalchemy import Column, MetaData, Table, insert, select
from sqlalchemy.orm import Session

from simulator.cli import main
from simulator.exams import ExamSession, load_exam
from simulator.recording import read_recording
from simulator.store import save_result, sign_recording
from simulator.store.engine import Store, open_store
from simulator.store.repository import save_checked
from simulator.store.samples import sample_grade
from simulator.store.schema import CallResult, SigningKey
from simulator.store.signing import recording_key
from tests.grading.grading_builder import standard_call

EXAM_FILE = Path(__file__).resolve().parents[2] / "scenarios" / "exams" / "special-calls.yaml"


def _rows(store: Store) -> list[CallResult]:
    with Session(store.engine) as session:
        return list(session.scalars(select(CallResult).order_by(CallResult.id)))


def _write(folder: Path, name: str, **header: object) -> Path:
    builder = standard_call()
    builder.header.update(header)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.jsonl"
    path.write_text(builder.text(), encoding="utf-8")
    return path


def _edit_header(path: Path, **changes: object) -> None:
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[0] = json.dumps({**json.loads(lines[0]), **changes}, ensure_ascii=False)
    path.write_text("\n".join(lines), encoding="utf-8")


def _grade_save(store: Store, *paths: Path) -> int:
    return main(["--db", store.url, "grade", "--save", "--summary", *map(str, paths)])


def test_the_key_is_made_once_and_kept_in_the_database(store: Store, db_url: str) -> None:
    key = recording_key(store)
    assert len(key) == 32
    store.close()
    reopened = open_store(db_url)
    assert recording_key(reopened) == key
    with Session(reopened.engine) as session:
        assert session.scalar(select(SigningKey.key)) == key.hex()
        assert len(list(session.scalars(select(SigningKey)))) == 1


def test_an_unsigned_exam_recording_is_unverified_and_never_an_exam_result(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    scenarios = load_exam(EXAM_FILE).scenarios
    for n, scenario in enumerate(scenarios):
        _write(tmp_path / "calls", f"c{n}", id=f"c{n}", scenario=scenario, trainee="李明",
               mode="exam", exam="special-calls", exam_attempt=1)  # fmt: skip
    assert _grade_save(store, tmp_path / "calls") == 0
    err = capsys.readouterr().err
    assert err.count("未验证（录音没有签名），不计入考试") == 4
    assert "其中 4 通未验证" in err
    rows = _rows(store)
    assert [(r.verified, r.passed, r.mode) for r in rows] == [(False, False, "exam")] * 4

    session = ExamSession(load_exam(EXAM_FILE), "李明", store=store)
    assert session.attempts() == () and session.attempts_left == 1
    assert all(
        not c.counts_as_passed and c.unfinished == "未验证" for c in session.unverified_calls()
    )
    assert main(["--db", store.url, "exam", str(EXAM_FILE), "--trainee", "李明"]) == 0
    out = capsys.readouterr().out
    assert "已用 0 次" in out and "未验证的考试录音" in out and out.count("分 未验证") == 4


def test_signed_exam_recordings_count(store: Store, tmp_path: Path) -> None:
    for n, scenario in enumerate(load_exam(EXAM_FILE).scenarios):
        path = _write(tmp_path, f"c{n}", id=f"c{n}", scenario=scenario, trainee="李明",
                      mode="exam", exam="special-calls", exam_attempt=1)  # fmt: skip
        assert sign_recording(path, store)
    assert _grade_save(store, tmp_path) == 0
    assert all(r.verified for r in _rows(store))
    session = ExamSession(load_exam(EXAM_FILE), "李明", store=store)
    assert session.attempts_used == 1 and session.unverified_calls() == ()


def test_a_forged_copy_never_replaces_the_genuine_row(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    genuine = _write(tmp_path / "a", "call", id="call-1", trainee="李明")
    assert sign_recording(genuine, store)
    assert _grade_save(store, genuine) == 0
    [row] = _rows(store)
    before = (row.call_id, row.trainee, row.score, row.verified)
    assert before[3] is True

    forged = tmp_path / "b" / "call.jsonl"
    forged.parent.mkdir()
    forged.write_bytes(genuine.read_bytes())
    _edit_header(forged, trainee="王芳")  # the same call claimed for someone else
    assert _grade_save(store, forged) == 0
    assert "签名不符（录音在签名后被改动过）" in capsys.readouterr().err
    first, second = _rows(store)
    assert (first.call_id, first.trainee, first.score, first.verified) == before
    assert second.verified is False and second.trainee == "王芳"
    assert second.call_id.startswith("sha256:")

    assert _grade_save(store, forged) == 0  # the same forged file again: still one row
    assert len(_rows(store)) == 2


def test_a_genuine_recording_replaces_an_unverified_row_of_its_id(
    store: Store, tmp_path: Path
) -> None:
    squatter = _write(tmp_path / "a", "x", id="call-7", trainee="王芳")
    assert _grade_save(store, squatter) == 0
    [row] = _rows(store)
    assert (row.call_id, row.verified) == ("call-7", False)
    genuine = _write(tmp_path / "b", "x", id="call-7", trainee="李明")
    assert sign_recording(genuine, store)
    assert _grade_save(store, genuine) == 0
    [row] = _rows(store)
    assert (row.call_id, row.trainee, row.verified) == ("call-7", "李明", True)


def test_a_verified_row_is_not_replaced_by_different_signed_content(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _write(tmp_path / "a", "x", id="call-9", trainee="李明")
    assert sign_recording(first, store)
    assert _grade_save(store, first) == 0
    assert _grade_save(store, first) == 0  # a re-grade of the same file replaces its row
    [row] = _rows(store)
    other = _write(tmp_path / "b", "x", id="call-9", trainee="王芳")
    assert sign_recording(other, store)  # whoever holds the key signs what they like
    capsys.readouterr()
    assert _grade_save(store, other) == 2
    err = capsys.readouterr().err
    assert "内容不同的已验证成绩，没有覆盖" in err and "Traceback" not in err
    [after] = _rows(store)
    assert (after.id, after.trainee) == (row.id, "李明")


def test_a_recording_signed_by_another_database_is_unverified(store: Store, tmp_path: Path) -> None:
    other = open_store(f"sqlite:///{tmp_path}/other.sqlite3")
    path = _write(tmp_path, "x", id="call-3")
    assert sign_recording(path, other)
    outcome = save_checked(sample_grade(random.Random(1)), read_recording(path), store=store)
    assert (outcome.verified, outcome.reason) == (False, "录音是另一个成绩库签的名")
    other.close()


def test_the_app_s_own_call_is_verified_and_its_file_signed(store: Store, tmp_path: Path) -> None:
    path = _write(tmp_path, "x", id="call-5")
    recording = read_recording(path)  # read before signing, as the app does
    save_result(sample_grade(random.Random(2)), recording, path, store=store, sign=True)
    assert read_recording(path).check_signature(recording_key(store)) == "verified"
    save_result(sample_grade(random.Random(2)), recording, path, store=store, sign=True)
    assert path.read_text(encoding="utf-8").count('"kind": "signature"') == 1  # signed once
    [row] = _rows(store)
    assert row.verified is True and row.call_id == "call-5"


def test_an_exam_call_the_app_ran_is_verified(store: Store, tmp_path: Path) -> None:
    exam = load_exam(EXAM_FILE)
    session = ExamSession(exam, "李明", store=store)
    step = session.next_call()
    assert step is not None
    path = _write(tmp_path, "x", id="e-1", scenario=step.scenario, trainee="李明", mode="exam")
    recording = read_recording(path)
    grade = sample_grade(random.Random(3))
    grade = type(grade)(**{**grade.__dict__, "scenario": step.scenario})
    attempt = session.record(grade, recording, sign=True)
    assert len(attempt.calls) == 1 and attempt.calls[0].verified
    assert read_recording(path).check_signature(recording_key(store)) == "verified"


def test_an_older_database_gains_the_new_columns_and_keeps_its_rows(db_url: str) -> None:
    from sqlalchemy import create_engine

    old = MetaData()
    new = {"verified", "content_sha256"}
    columns = [
        Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable)
        for c in CallResult.__table__.columns
        if c.name not in new
    ]
    table = Table("call_results", old, *columns)
    engine = create_engine(db_url)
    with engine.begin() as conn:
        old.create_all(conn)
        conn.execute(insert(table).values(**_legacy_row()))
    engine.dispose()

    store = open_store(db_url)
    session = ExamSession(load_exam(EXAM_FILE), "李明", store=store)
    [attempt] = session.attempts()  # a row saved before signatures still counts
    assert attempt.calls[0].verified and attempt.calls[0].score == 90
    [row] = _rows(store)
    assert row.verified is None and row.content_sha256 is None
    store.close()


def _legacy_row() -> dict[str, object]:
    from datetime import UTC, datetime

    return {
        "call_id": "old-1", "trainee": "李明", "agent_id": "1", "class_name": "",
        "scenario": "silent-call", "persona": "silent", "mode": "exam", "input": "keyboard",
        "score": 90, "passed": True, "complete": True, "pass_mark": 80,
        "critical_fail": False, "recording_path": "", "na_rules": "", "call_time": "",
        "finished_at": datetime(2026, 11, 1, tzinfo=UTC), "machine": "m",
        "exam_id": "special-calls", "exam_attempt": 1,
    }  # fmt: skip


def test_the_class_report_marks_unverified_calls(store: Store, tmp_path: Path) -> None:
    from simulator.reports.data import load_report
    from simulator.reports.html import render_html
    from simulator.store.filters import ResultFilter

    signed = _write(tmp_path, "signed", id="s-1", trainee="李明")
    assert sign_recording(signed, store)
    _write(tmp_path, "unsigned", id="u-1", trainee="王芳")
    assert _grade_save(store, tmp_path) == 0
    report = load_report(store, ResultFilter())
    verdicts = {c.trainee: c.verified for c in report.calls}
    assert verdicts == {"李明": True, "王芳": False}
    page = render_html(report)
    assert page.count("（未验证）") == 1
