"""`callsim validate` checks exam files under exams/ with the exams' own loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main


def test_a_bad_exam_file_is_reported_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exam = tmp_path / "exams" / "x.yaml"
    exam.parent.mkdir()
    exam.write_text("id: x\ntitle: 期末考核\nscenarios: [silent-call, nope]\n", encoding="utf-8")
    assert main(["validate", str(exam)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{exam}:3:") and "找不到场景 'nope'" in out[0]
