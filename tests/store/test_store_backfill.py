"""`callsim grade --save`: recordings stored after the fact, on SQLite and PostgreSQL,
with the class and exam attempt their headers name, once per call however often saved."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from simulator.cli import main
from simulator.recording.events import SessionHeader
from simulator.store.backfill import exam_of
from simulator.store.engine import Store
from simulator.store.repository import ExamRef
from simulator.store.schema import CallResult
from tests.grading.grading_builder import standard_call


def _recording(folder: Path, call_id: str, **header: Any) -> Path:
    builder = standard_call()
    builder.header.update(id=call_id, **header)
    path = folder / f"{call_id}.jsonl"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(builder.text(), encoding="utf-8")
    return path


def _rows(store: Store) -> list[Any]:
    columns = (
        CallResult.call_id,
        CallResult.class_name,
        CallResult.mode,
        CallResult.exam_id,
        CallResult.exam_attempt,
        CallResult.score,
        CallResult.finished_at,
    )
    query = select(*columns).order_by(CallResult.call_id)
    return list(store.read(lambda conn: conn.execute(query).all()))


def test_saved_recordings_keep_their_class_and_exam_and_are_stored_once(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "recordings"
    practice = _recording(folder, "c1", **{"class": "春季一班"})
    _recording(folder, "c2", mode="exam", exam="special-calls", exam_attempt=2)
    os.utime(practice, (1_700_000_000, 1_700_000_000))
    for _ in range(2):
        assert main(["--db", store.url, "grade", "--save", "--summary", str(folder)]) == 0
    err = capsys.readouterr().err
    assert "已将 2 通电话的成绩存入成绩库" in err
    rows = _rows(store)
    assert [(r.call_id, r.class_name, r.mode, r.exam_id, r.exam_attempt) for r in rows] == [
        ("c1", "春季一班", "practice", None, None),
        ("c2", "", "exam", "special-calls", 2),
    ]
    assert all(r.score == 100 for r in rows)
    assert rows[0].finished_at.timestamp() == 1_700_000_000  # when the recording was written


def test_the_class_option_overrides_the_headers(store: Store, tmp_path: Path) -> None:
    path = _recording(tmp_path, "c3", **{"class": "春季一班"})
    assert main(["--db", store.url, "grade", "--save", "--class", "补考班", str(path)]) == 0
    assert [r.class_name for r in _rows(store)] == ["补考班"]


def test_class_without_save_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _recording(tmp_path, "c4")
    assert main(["grade", "--class", "一班", str(path)]) == 2
    err = capsys.readouterr().err
    assert "--class 只和 --save 一起使用" in err and "Traceback" not in err


def test_an_unreachable_database_is_one_line_with_the_password_masked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _recording(tmp_path, "c5")
    url = "postgresql+psycopg://train:s3cret@127.0.0.1:9/callsim"
    assert main(["--db", url, "grade", "--save", str(path)]) == 2
    err = capsys.readouterr().err
    assert "s3cret" not in err and "Traceback" not in err
    assert len([line for line in err.splitlines() if line.startswith("callsim:")]) == 1


@pytest.mark.parametrize(
    ("extra", "mode", "expected"),
    [
        ({"exam": "basic", "exam_attempt": 1}, "exam", ExamRef("basic", 1)),
        ({"exam": "basic", "exam_attempt": 1}, "practice", None),
        ({"exam": "basic"}, "exam", None),
        ({"exam": "", "exam_attempt": 1}, "exam", None),
        ({"exam": "basic", "exam_attempt": 0}, "exam", None),
        ({"exam": "basic", "exam_attempt": True}, "exam", None),
        ({"exam": "basic", "exam_attempt": "1"}, "exam", None),
        ({"exam": 7, "exam_attempt": 1}, "exam", None),
    ],
)
def test_only_a_well_formed_exam_header_names_an_exam_attempt(
    extra: dict[str, Any], mode: str, expected: ExamRef | None
) -> None:
    header = SessionHeader("c", "s", "standard", "o", "1", "李明", mode=mode, extra=extra)  # type: ignore[arg-type]
    assert exam_of(header) == expected
