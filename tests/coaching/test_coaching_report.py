"""`callsim report --trainee NAME`: mastery per rule, and the offer on the last line."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.cli import main
from simulator.coaching import Coaching
from simulator.reports.coaching import offer_line, render_coaching
from simulator.store.engine import open_store
from tests.coaching.coaching_seed import SCENARIOS_DIR, seed


def test_report_for_a_trainee_ends_with_the_recommended_scenario(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path}/results.sqlite3"
    store = open_store(url)
    seed(store, "李明", [("standard-inquiry", ["hold.checkin"])] * 3)
    seed(store, "王芳", [("silent-call", ["silent.prompts"])] * 2, start=10)
    monkeypatch.setenv("CALLSIM_SCENARIOS_DIR", str(SCENARIOS_DIR))
    assert main(["--db", url, "report", "--trainee", "李明"]) == 0
    out = capsys.readouterr().out.rstrip("\n").splitlines()
    assert out[-1].startswith("推荐练习：保持查询：账单邮件没收到（★★☆，hold-lookup）— ")
    assert "「每15秒通报进展」（最近3次错3次）" in out[-1]
    title = next(i for i, line in enumerate(out) if "李明 的规则掌握度" in line)
    mastery = next(line for line in out[title:] if "hold.checkin" in line)
    assert "每15秒通报进展 ⚠" in mastery and "0%" in mastery and "✘✘✘" in mastery
    assert not any("silent.prompts" in line for line in out)  # 王芳's rules are hers


def test_the_class_report_has_no_offer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path}/results.sqlite3"
    seed(open_store(url), "李明", [("standard-inquiry", [])])
    monkeypatch.setenv("CALLSIM_SCENARIOS_DIR", str(SCENARIOS_DIR))
    assert main(["--db", url, "report"]) == 0
    assert "推荐练习" not in capsys.readouterr().out


def test_without_a_fitting_scenario_the_offer_says_so() -> None:
    assert offer_line(None).startswith("推荐练习：暂无")
    text = render_coaching(Coaching("李明", 0, (), None))
    assert text.rstrip("\n").splitlines()[-1] == offer_line(None)
