"""A batch can hand back the very recordings it graded (for `grade --save`), in one
process or two, and sends none back unless asked."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

from simulator.grading.batch import grade_paths
from simulator.recording import read_recording
from tests.grading.test_grading_batch import _files


@pytest.mark.parametrize(
    "parallel",
    [
        False,
        pytest.param(
            True,
            marks=pytest.mark.skipif(
                "fork" not in multiprocessing.get_all_start_methods(), reason="needs fork"
            ),
        ),
    ],
)
def test_kept_recordings_pair_with_their_grades(tmp_path: Path, parallel: bool) -> None:
    files = _files(tmp_path)
    result = grade_paths(files, tmp_path, parallel=parallel, keep_recordings=True)
    assert len(result.recordings) == len(result.grades) == len(files) - 1
    for graded, recording in zip(result.grades, result.recordings, strict=True):
        assert recording.path is not None and str(recording.path) == graded.recording
        assert recording.content_sha256 == read_recording(recording.path).content_sha256


def test_recordings_are_not_kept_unless_asked(tmp_path: Path) -> None:
    result = grade_paths(_files(tmp_path), tmp_path, parallel=False)
    assert result.grades and result.recordings == []
