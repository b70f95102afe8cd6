"""Batch grading: file order, errors and warnings, two processes agree with one."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from simulator.grading.batch import grade_paths
from tests.grading.grading_builder import OPENING, call, standard_call


def _files(tmp_path: Path) -> list[Path]:
    paths = []
    for i in range(12):
        b = standard_call() if i % 3 else call().rings(4).answer(10.0).agent(13.0, 15.0, OPENING)
        path = tmp_path / f"c{i:02d}.jsonl"
        path.write_text(b.text(), encoding="utf-8")
        paths.append(path)
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"kind": "session"}\n[1, 2]\n', encoding="utf-8")
    paths.insert(5, bad)
    return paths


def test_sequential_batch_keeps_order_and_reports_bad_files(tmp_path: Path) -> None:
    files = _files(tmp_path)
    result = grade_paths(files, tmp_path / "no-scenarios", parallel=False)
    assert [g.recording for g in result.grades] == [str(p) for p in files if p.name != "bad.jsonl"]
    assert result.errors == [
        f"{tmp_path / 'bad.jsonl'}:2: 事件必须是 JSON 对象（{{…}}） — 每行一个事件对象"
    ]
    assert not result.warnings


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_two_processes_give_the_same_grades(tmp_path: Path) -> None:
    files = _files(tmp_path)
    ticks: list[int] = []
    one = grade_paths(files, tmp_path, parallel=False)
    two = grade_paths(files, tmp_path, parallel=True, progress=lambda: ticks.append(1))
    assert [g.to_json() for g in two.grades] == [g.to_json() for g in one.grades]
    assert two.errors == one.errors
    assert len(ticks) == len(files)
