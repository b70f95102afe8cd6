"""Searching folders for recordings: a folder that cannot be read is one line, one that
vanishes mid-search is no longer there, and the other recordings are still found."""

from __future__ import annotations

import errno
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from simulator.cli.grade_cmd import recording_files


def test_unreadable_and_vanished_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a").mkdir()
    kept = tmp_path / "a" / "call.jsonl"
    kept.write_text("{}\n", encoding="utf-8")
    real_walk = os.walk

    def walk(
        top: Path, onerror: Callable[[OSError], None] | None = None
    ) -> Iterator[tuple[str, list[str], list[str]]]:
        assert onerror is not None
        onerror(FileNotFoundError(errno.ENOENT, "No such file or directory", str(top / "gone")))
        onerror(PermissionError(errno.EACCES, "Permission denied", str(top / "locked")))
        yield from real_walk(top, onerror=onerror)

    monkeypatch.setattr("simulator.cli.grade_cmd.os.walk", walk)
    files, errors = recording_files([tmp_path])
    assert files == [kept]
    assert errors == [f"{tmp_path / 'locked'}: 无法读取目录：Permission denied"]


def test_a_folder_without_recordings_is_one_line_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from simulator.cli import main

    (tmp_path / "empty").mkdir()
    assert main(["grade", str(tmp_path / "empty")]) == 2
    assert capsys.readouterr().err == f"callsim: {tmp_path / 'empty'}: 目录中没有 .jsonl 录音文件\n"
