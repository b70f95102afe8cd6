"""Saving results: every field round-trips, on SQLite and PostgreSQL."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, inspect, select

from simulator.recording.reader import parse_recording
from simulator.store import save_result
from simulator.store.engine import Store
from simulator.store.repository import ExamRef
from simulator.store.samples import sample_grade, sample_header
from simulator.store.schema import CallResult, RuleOutcome

RECORDING = "\n".join(
    [
        '{"kind": "session", "format": 1, "id": "2026-11-22T09-15-02-a1b2", "scenario": '
        '"silent-call", "persona": "silent", "org": "福彩热线", "agent_id": "1024", "trainee": '
        '"李明", "input": "voice", "mode": "practice", "call_time": "2026-11-20T10:00:00+08:00",'
        ' "class": "春季一班"}',
        '{"t": 0.0, "kind": "ring", "n": 1}',
        '{"t": 4.2, "kind": "answer"}',
        '{"t": 5.6, "end": 8.1, "kind": "say", "who": "agent", "text": "您好，欢迎致电福彩热线"}',
        '{"t": 40.1, "kind": "hangup", "who": "caller"}',
        "",
    ]
)


def _rows(store: Store) -> list[CallResult]:
    from sqlalchemy.orm import Session

    with Session(store.engine) as session:
        rows = list(session.scalars(select(CallResult).order_by(CallResult.id)))
        for row in rows:
            _ = row.rules
        return rows


def test_schema_is_created_on_first_use(store: Store) -> None:
    assert not inspect(store.engine).has_table("call_results")
    save_result(
        sample_grade(random.Random(1)), sample_header("c1", "王芳", "7", "standard"), store=store
    )
    names = set(inspect(store.engine).get_table_names())
    assert {"call_results", "rule_results"} <= names


def test_every_field_round_trips(store: Store, tmp_path) -> None:
    path = tmp_path / "call.jsonl"
    path.write_text(RECORDING, encoding="utf-8")
    recording = parse_recording(RECORDING, path)
    grade = sample_grade(random.Random(3), persona="silent", recording=str(path))
    finished = datetime(2026, 11, 22, 9, 20, tzinfo=timezone(timedelta(hours=8)))
    row_id = save_result(grade, recording, store=store, finished_at=finished)

    (row,) = _rows(store)
    assert row.id == row_id
    assert row.call_id == "2026-11-22T09-15-02-a1b2"
    assert (row.trainee, row.agent_id, row.class_name) == ("李明", "1024", "春季一班")
    assert (row.scenario, row.persona, row.mode, row.input) == (
        grade.scenario,
        "silent",
        "practice",
        "voice",
    )
    assert (row.score, row.passed, row.complete) == (grade.score, grade.passed, True)
    assert row.recording_path == str(path)
    assert row.call_time == "2026-11-20T10:00:00+08:00"
    assert row.finished_at == finished.astimezone(UTC)
    assert row.greeting_latency == pytest.approx(1.4)
    statuses = {r.rule_id: r.status for r in row.rules}
    statuses |= {rule_id: "na" for rule_id in row.na_rules.split(",") if rule_id}
    assert statuses == {r.id: r.status for r in grade.rules}
    assert "na" not in {r.status for r in row.rules}  # not-applicable rules live on the call
    assert all(r.class_name == "春季一班" and r.trainee == "李明" for r in row.rules)


def test_header_and_path_with_explicit_class(store: Store, tmp_path) -> None:
    path = tmp_path / "call.jsonl"
    path.write_text(RECORDING, encoding="utf-8")
    header = parse_recording(RECORDING).header
    save_result(sample_grade(random.Random(4)), header, path, class_name="夜班", store=store)
    (row,) = _rows(store)
    assert row.class_name == "夜班"
    assert row.greeting_latency == pytest.approx(1.4)  # read back from the file


def test_class_from_environment(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CALLSIM_CLASS", "二班")
    save_result(
        sample_grade(random.Random(5)), sample_header("c2", "赵强", "8", "angry"), store=store
    )
    (row,) = _rows(store)
    assert row.class_name == "二班"
    assert row.greeting_latency is None  # no recording to measure


def test_saving_a_call_again_replaces_it(store: Store) -> None:
    header = sample_header("same-call", "王芳", "7", "standard")
    first = save_result(sample_grade(random.Random(1), skill=0.1), header, store=store)
    better = sample_grade(random.Random(1), skill=1.0)
    second = save_result(better, header, store=store)
    assert first == second
    (row,) = _rows(store)
    assert row.score == better.score == 100
    with store.engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(RuleOutcome)).scalar_one()
    assert count == sum(1 for r in better.rules if r.status != "na")


def test_exam_results_are_marked(store: Store) -> None:
    header = sample_header("exam-call", "王芳", "7", "media")
    save_result(sample_grade(random.Random(2)), header, store=store, exam=ExamRef("final", 2))
    (row,) = _rows(store)
    assert (row.mode, row.exam_id, row.exam_attempt) == ("exam", "final", 2)
    assert {r.mode for r in row.rules} == {"exam"}


def test_naive_finish_time_is_refused(store: Store) -> None:
    header = sample_header("naive", "王芳", "7", "standard")
    with pytest.raises(ValueError, match="naive datetime"):
        save_result(
            sample_grade(random.Random(2)), header, store=store, finished_at=datetime(2026, 1, 1)
        )
