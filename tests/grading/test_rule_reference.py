"""`callsim rules [ID]` and docs/rules.md, both generated from the rule registry."""

from __future__ import annotations

import pytest

from simulator import locations
from simulator.cli import main
from simulator.grading.catalog import REGISTERED, RULES_BY_ID
from simulator.grading.reference import SOURCES_BEGIN, SOURCES_END

DOCS = locations.PROJECT_ROOT / "docs" / "rules.md"
STANDARDS = locations.PROJECT_ROOT / "docs" / "standards.md"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["rules", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_docs_rules_md_is_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "--markdown")
    assert code == 0
    shipped = DOCS.read_text(encoding="utf-8")
    assert shipped == out, "重新生成：callsim rules --markdown > docs/rules.md"


def test_the_rule_index_of_docs_standards_md_is_up_to_date(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "--sources")
    assert code == 0
    shipped = STANDARDS.read_text(encoding="utf-8")
    block = shipped.split(SOURCES_BEGIN, 1)[1].split(SOURCES_END, 1)[0]
    assert block.strip() == out.strip(), (
        "重新生成：callsim rules --sources（替换两个标记之间的表格）"
    )
    for entry in REGISTERED:
        assert f"| `{entry.spec.id}` |" in block


def test_the_list_names_every_rule_with_its_chinese_title(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys)
    assert code == 0
    for entry in REGISTERED:
        line = next(x for x in out.splitlines() if x.startswith(entry.spec.id + " "))
        assert entry.spec.title in line


def test_one_rule_shows_why_the_wording_a_real_failure_and_the_fix(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = _run(capsys, "complaint.record")
    assert code == 0
    spec = RULES_BY_ID["complaint.record"]
    assert out.startswith(f"complaint.record  {spec.title}\n")
    assert f"依据：{spec.source}" in out
    assert "检查什么：投诉来电" in out
    assert "标准用语：" in out and "详细记录" in out
    assert "反例：scenarios/scripts/angry-complaint" in out and ".bad.yaml" in out
    assert "改正：请客户讲清经过" in out


def test_a_voice_rule_shows_its_recorded_bad_call(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "voice.no_interrupt")
    assert code == 0
    assert "反例：scenarios/examples/voice-rushed.bad.jsonl：" in out
    assert "参数：max_overlap_seconds = 0.5" in out


def test_an_unknown_id_is_one_line_with_a_suggestion_and_exit_2(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, err = _run(capsys, "complaint.recrod")
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0
    assert "complaint.recrod" in err and "complaint.record" in err
    assert "Traceback" not in err
