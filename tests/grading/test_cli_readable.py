"""What the command line prints reads in Chinese, with titles where trainees read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from simulator.cli import SUBCOMMANDS, build_parser, main
from simulator.cli.chinese_help import chinese_error
from simulator.errors import UserError
from simulator.grading.catalog import RULES_BY_ID
from simulator.voice.trainee.mic_wav import read_wav
from tests.grading.grading_builder import OPENING, call

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ("usage:", "show this help", "positional arguments", "options:", "show program")


@pytest.mark.parametrize("command", [(), *((name,) for name in SUBCOMMANDS)])
def test_help_of_every_command_is_in_chinese(
    command: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main([*command, "--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("用法：") and "显示本帮助并退出" in out
    assert not [phrase for phrase in ENGLISH if phrase in out]


def test_usage_errors_are_in_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["grade"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "用法：callsim grade" in err and "错误：缺少必需的参数：FILE|DIR" in err
    assert chinese_error("unrecognized arguments: --x") == "无法识别的参数：--x"
    assert build_parser().prog == "callsim"


def test_grade_hides_rules_that_do_not_apply_unless_all(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text(
        call().rings(1).answer(1.0).agent(3.5, 6.0, OPENING).hangup(12.0).text(),
        encoding="utf-8",
    )
    assert main(["grade", str(path), "--json"]) == 0
    statuses = {r["id"]: r["status"] for r in json.loads(capsys.readouterr().out)["rules"]}
    na = [rule for rule, status in statuses.items() if status == "na"]
    assert na and len(na) < len(statuses)
    assert main(["grade", str(path)]) == 0
    out = capsys.readouterr().out
    assert f"另有 {len(na)} 条规则本通不适用" in out and "—" not in out.split("另有")[0]
    assert main(["grade", str(path), "--all"]) == 0
    out = capsys.readouterr().out
    assert "另有" not in out and all(rule in out for rule in na)


def test_play_prints_the_scenario_and_rule_titles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CALLSIM_RECORDINGS_DIR", str(tmp_path))
    script = ROOT / "scenarios" / "scripts" / "silent-call.bad.yaml"
    assert main(["play", "silent-call", "--script", str(script), "--fast"]) == 0
    out = capsys.readouterr().out
    assert "场景：无声电话" in out
    failed = [line.split()[1] for line in out.splitlines() if line.strip().startswith("✗")]
    assert failed and not [word for word in failed if word in RULES_BY_ID]
    titles = {spec.title for spec in RULES_BY_ID.values()}
    assert set(failed) <= titles


@pytest.mark.parametrize(
    ("content", "says"),
    [
        (b"just some text\n", "这不是 WAV 音频文件"),
        (b"", "文件是空的"),
        (b"RIFF\x10\x00\x00\x00AVI LIST", "不是 WAVE 音频"),
    ],
)
def test_a_file_that_is_not_wav_says_what_is_wrong(
    tmp_path: Path, content: bytes, says: str
) -> None:
    path = tmp_path / "clip.wav"
    path.write_bytes(content)
    with pytest.raises(UserError) as error:
        read_wav(path)
    assert says in str(error.value) and "（）" not in str(error.value)
