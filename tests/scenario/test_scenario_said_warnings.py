"""`callsim validate` warns about `said:` keywords that can be meant either way.

A keyword found in the wording of a phrase group that has an `opposite` (agree_to_chat ↔
offtopic_redirect) turns around next to a negation: 「陪您聊天」 agrees, 「陪您聊天真的不行」
refuses. The warning names the place and suggests `catalog: [<group>]`; it is printed like
a problem but leaves the exit code 0.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from simulator.cli.validate_cmd import run
from simulator.cli.validation import display_path
from simulator.scenario import group_words, load_scenario
from simulator.scenario.group_words import pattern_words, phrase_words
from simulator.scenario.said_checks import scenario_warnings
from simulator.settings import current

FIXTURE = Path(__file__).parent / "fixtures" / "ambiguous-said.yaml"

CATALOG = """\
groups:
  - id: yes_chat
    title: 答应闲聊
    phrases:
      - text: 好啊，我陪您聊聊
        source: 测试
    keywords: [陪您聊聊]
    patterns:
      - "(陪|跟)(您|你)(聊|聊天)"
    opposite: [no_chat]
  - id: no_chat
    title: 不闲聊
    phrases:
      - text: 这里是业务热线
        source: 测试
    patterns:
      - "(不能|没法)…聊天"
      - "业务(方面)?的问题"
  - id: hold
    title: 请客户稍等
    phrases:
      - text: 请您稍等
        source: 测试
"""

SCENARIO = """\
id: chat
title: 闲聊
persona: offtopic
org: 福彩热线
script:
  beats:
    chat:
      caller: [陪我聊会儿呗？]
      on:
        - said: [{keywords}]
          goto: done
        - goto: chat
    done:
      hangup: true
"""


def validate(*paths: Path) -> int:
    return run(argparse.Namespace(paths=list(paths)), current())


def scenario(tmp_path: Path, keywords: str, *, catalog: str = CATALOG) -> Path:
    (tmp_path / "standards").mkdir(exist_ok=True)
    (tmp_path / "standards" / "phrases.yaml").write_text(catalog, encoding="utf-8")
    path = tmp_path / "chat.yaml"
    path.write_text(SCENARIO.format(keywords=keywords), encoding="utf-8")
    return path


def test_the_fixture_warns_with_file_line_column_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert validate(FIXTURE) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2, out
    warning, summary = out
    shown = display_path(FIXTURE)
    assert warning.startswith(f"{shown}:10:18: script.beats.chat.on[0].said[0]: 警告：「聊天」")
    assert "agree_to_chat" in warning
    assert "改用 catalog: [agree_to_chat]" in warning
    assert summary == "已检查 1 个文件，全部通过，1 个警告"
    # A warning does not stop the scenario from loading and playing.
    assert load_scenario(FIXTURE).id == "ambiguous-said"


def test_a_keyword_of_a_group_with_an_opposite_is_warned_about(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = scenario(tmp_path, "陪您聊")
    assert validate(path) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{path}:10:18: script.beats.chat.on[0].said[0]: 警告：「陪您聊」是用语组 yes_chat 的说法"
        "（与 no_chat 意思相反），前后加上否定或拒绝，意思就反过来了"
        " — 改用 catalog: [yes_chat]，按意思识别，能分辨否定和拒绝",
        "已检查 1 个文件，全部通过，1 个警告",
    ]


def test_a_keyword_in_both_a_group_and_its_opposite_names_both(tmp_path: Path) -> None:
    # 「聊天」 is spelled by yes_chat's pattern (陪您聊天) and by no_chat's (不能……聊天).
    [warning] = scenario_warnings(scenario(tmp_path, "稍等, 聊天"))
    assert warning.warning
    place = (warning.line, warning.column, warning.field)
    assert place == (10, 22, "script.beats.chat.on[0].said[1]")
    assert warning.message == (
        "「聊天」在意思相反的用语组 yes_chat 和 no_chat 里都有，"
        "这个词可能是这个意思，也可能是相反的意思"
    )
    assert warning.hint == (
        "改用 catalog: [yes_chat] 或 catalog: [no_chat]，按意思识别，能分辨否定和拒绝"
    )


@pytest.mark.parametrize(
    "keywords",
    [
        "稍等",  # a group without an opposite
        "投注站",  # no group at all
        "陪您聊会",  # longer than any wording of the groups
        "业务问题",  # the pattern spells 业务的问题 and 业务方面的问题, not this
    ],
)
def test_other_keywords_are_not_warned_about(tmp_path: Path, keywords: str) -> None:
    assert scenario_warnings(scenario(tmp_path, keywords)) == []


def test_a_branch_that_names_the_group_in_catalog_is_not_warned_about(tmp_path: Path) -> None:
    path = scenario(tmp_path, "聊天")
    text = path.read_text(encoding="utf-8").replace(
        "        - said: [聊天]\n", "        - catalog: [yes_chat]\n          said: [聊天]\n"
    )
    path.write_text(text, encoding="utf-8")
    assert scenario_warnings(path) == []


def test_without_an_opposite_in_the_catalog_nothing_is_warned_about(tmp_path: Path) -> None:
    catalog = CATALOG.replace("    opposite: [no_chat]\n", "")
    assert scenario_warnings(scenario(tmp_path, "陪您聊", catalog=catalog)) == []


def test_problems_and_warnings_are_counted_apart(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = scenario(tmp_path, "陪您聊")
    path.write_text(path.read_text(encoding="utf-8").replace("persona:", "prsona:"), "utf-8")
    assert validate(path) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith(f"{path}:3:1: prsona: 未知的键")
    assert "警告：「陪您聊」" in out[1]
    assert out[-1] == "已检查 1 个文件，1 个文件有问题，共 1 个问题，1 个警告"


def test_unreadable_files_get_their_problems_and_no_warning(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("script: [\n", encoding="utf-8")
    assert scenario_warnings(broken) == []
    listed = tmp_path / "listed.yaml"
    listed.write_text("- a\n- b\n", encoding="utf-8")
    assert scenario_warnings(listed) == []


def test_patterns_are_spelled_out_alternative_by_alternative() -> None:
    assert pattern_words("^(陪|跟)(您|你)聊(天)?$") == {
        "陪您聊", "陪您聊天", "陪你聊", "陪你聊天", "跟您聊", "跟您聊天", "跟你聊", "跟你聊天",
    }  # fmt: skip
    # A gap or a number ends a stretch; punctuation is normalized away.
    assert pattern_words("感谢…再见，") == {"感谢", "再见"}
    assert pattern_words("{n}(个)?小时内") == {"个小时内", "小时内"}
    # What may not come before spells nothing.
    assert pattern_words("(!我们|咱们)(中心|公司)会联系您") == {"中心会联系您", "公司会联系您"}
    assert pattern_words("您好，~(热线|客服)") == {"您好", "热线", "客服"}
    assert phrase_words("感谢您的来电…再见！") == {"感谢您的来电", "再见"}
    assert phrase_words("{n}小时内") == {"小时内"}


def test_a_pattern_with_too_many_spellings_falls_back_to_its_plain_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(group_words, "MAX_SPELLINGS", 3)
    assert pattern_words("(陪|跟)(您|你)(聊|聊天)") == {"陪", "跟", "您", "你", "聊", "聊天"}
