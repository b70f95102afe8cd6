"""The catalog files: loading, merging, caching, and mistakes reported with file:line."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest

from simulator.errors import UserError
from simulator.standards import (
    REQUIRED_GROUPS,
    Catalog,
    PhraseMatcher,
    load_catalog,
    validate_catalog_file,
)
from simulator.standards.learned import Span
from simulator.standards.normalize import clauses

GOOD = """\
groups:
  - id: offer_help
    title: 询问需求
    phrases:
      - text: 请问有什么可以帮您？
        source: "002 常规开头语"
    keywords: [为您服务]
forbidden:
  - text: 不清楚
    source: "000 服务禁用语"
    instead: 请您稍等，我帮您核实一下。
    exceptions: [听不清楚]
"""


_SECOND_OFFER = """\
  - id: offer_help
    title: x
    phrases:
      - {text: 您好, source: s}
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_shipped_catalog_has_every_required_group(catalog: Catalog) -> None:
    missing = [group for group in REQUIRED_GROUPS if group not in catalog]
    assert missing == []
    assert len(catalog.forbidden) >= 40


def test_shipped_catalog_files_validate_clean(catalog: Catalog) -> None:
    assert catalog.files
    for path in catalog.files:
        assert validate_catalog_file(path) == [], path


def test_every_phrase_cites_its_clause(catalog: Catalog) -> None:
    for group in catalog.groups.values():
        for phrase in group.phrases:
            assert phrase.source.startswith(("000 ", "002 ")), (group.id, phrase.text)


def test_every_phrase_matches_its_own_group(catalog: Catalog, matcher: PhraseMatcher) -> None:
    for group in catalog.groups.values():
        for text in group.texts:
            sample = text.replace("{n}", "24").replace("…", "，好的，")
            assert matcher.find_group(sample, group.id) is not None, (group.id, text)


def test_loads_and_merges_files(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", GOOD)
    _write(
        tmp_path,
        "b.yaml",
        """\
        groups:
          - id: goodbye
            title: 道别
            phrases:
              - {text: 再见, source: "000 十字用语"}
        """,
    )
    catalog = load_catalog(tmp_path)
    assert set(catalog.groups) == {"offer_help", "goodbye"}
    assert catalog.group("offer_help").texts == ("请问有什么可以帮您？", "为您服务")
    assert [entry.text for entry in catalog.forbidden] == ["不清楚"]
    assert [path.name for path in catalog.files] == ["a.yaml", "b.yaml"]
    matcher = PhraseMatcher(catalog)
    assert matcher.find_group("您好，请问有什么可以帮您", "offer_help") is not None
    assert matcher.forbidden("我这边听不清楚") == []
    assert len(matcher.forbidden("这个不清楚")) == 1


def test_cached_until_a_file_changes(tmp_path: Path) -> None:
    path = _write(tmp_path, "a.yaml", GOOD)
    first = load_catalog(tmp_path)
    assert load_catalog(tmp_path) is first
    path.write_text(GOOD.replace("询问需求", "询问客户需求"), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    second = load_catalog(tmp_path)
    assert second is not first
    assert second.group("offer_help").title == "询问客户需求"


def test_default_folder_follows_the_environment(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "standards").mkdir()
    _write(tmp_path / "standards", "a.yaml", GOOD)
    monkeypatch.setenv("CALLSIM_SCENARIOS_DIR", str(tmp_path))
    assert set(load_catalog().groups) == {"offer_help"}


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="找不到标准用语目录"):
        load_catalog(tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        # YAML syntax: an unclosed flow sequence.
        ("groups:\n  - id: a\n    keywords: [a, b\n", 3, "YAML"),
        # An unknown field in a group.
        (GOOD.replace("    keywords:", "    keyword:"), 7, "未知的键 'keyword'"),
        # A phrase without its source clause.
        (
            GOOD.replace('        source: "002 常规开头语"\n', ""),
            5,
            "缺少必填的键 'source'",
        ),
        # A group id that is not snake_case.
        (GOOD.replace("id: offer_help", "id: Offer-Help"), 2, "snake_case"),
        # An exception that does not contain the forbidden phrase.
        (GOOD.replace("[听不清楚]", "[听不到]"), 12, "不包含禁用语"),
        # Only punctuation.
        (GOOD.replace("请问有什么可以帮您？", "'？？'"), 5, "没有文字"),
        # An unknown placeholder.
        (GOOD.replace("请问有什么可以帮您？", "'{x}小时内'"), 5, "占位符"),
        # standalone must be a boolean.
        (GOOD + "    standalone: maybe\n", 13, "true 或 false"),
        # A duplicated group id in one file.
        (GOOD.replace("forbidden:", _SECOND_OFFER + "forbidden:"), 2, "出现了两次"),
        # Not a mapping at the top.
        ("- a\n- b\n", 1, "顶层"),
    ],
)
def test_mistakes_report_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    path = _write(tmp_path, "bad.yaml", text)
    problems = validate_catalog_file(path)
    assert problems, text
    problem = problems[0]
    assert words in problem.message
    assert problem.path == path
    assert problem.line == line
    assert str(problem).startswith(f"{path}:{line}:")
    with pytest.raises(UserError) as raised:
        load_catalog(tmp_path)
    assert str(raised.value).startswith(f"{path}:{line}")


def test_duplicate_group_across_files(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", GOOD)
    second = _write(tmp_path, "b.yaml", "\n" + GOOD)
    with pytest.raises(UserError) as raised:
        load_catalog(tmp_path)
    message = str(raised.value)
    assert message.startswith(f"{second}:3:")
    assert "a.yaml" in message


def test_empty_file_is_an_empty_catalog(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.yaml", "# nothing yet\n")
    assert validate_catalog_file(path) == []
    assert load_catalog(tmp_path).groups == {}


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(b"\xff\xfe\x00bad")
    problems = validate_catalog_file(path)
    assert problems and "YAML" in problems[0].message


_INCLUDING = """\
groups:
  - id: callback_request
    title: 请客户留下联系电话
    phrases:
      - {text: 请您留下联系电话, source: s}
    includes: [INCLUDED]
  - id: ask_phone
    title: 询问联系电话
    phrases:
      - {text: 请问您的联系电话是多少, source: s}
"""


def test_an_included_groups_move_is_the_including_groups_too(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", _INCLUDING.replace("INCLUDED", "ask_phone"))
    matcher = PhraseMatcher(load_catalog(tmp_path), use_learned=False)
    assert matcher.find_group("请问您的联系电话是多少？", "callback_request") is not None
    assert matcher.find_group("请您留下联系电话", "ask_phone") is None


def _refused(tmp_path: Path, text: str) -> tuple[Path, str]:
    """The catalog file written from `text`, and the error loading it raises."""
    path = _write(tmp_path, "a.yaml", text)
    with pytest.raises(UserError) as raised:
        load_catalog(tmp_path)
    return path, str(raised.value)


@pytest.mark.parametrize("included", ["no_such_group", "callback_request"])  # unknown, itself
def test_a_bad_include_names_file_and_line(tmp_path: Path, included: str) -> None:
    path, message = _refused(tmp_path, _INCLUDING.replace("INCLUDED", included))
    assert message.startswith(f"{path}:6:")
    assert included in message


def test_includes_are_one_level_deep(tmp_path: Path) -> None:
    text = _INCLUDING.replace("INCLUDED", "ask_phone") + "    includes: [callback_request]\n"
    path, message = _refused(tmp_path, text)
    assert message.startswith(f"{path}:6:")
    assert "只允许一层" in message


_PART_OF = """\
groups:
  - id: offer_help
    title: 询问需求
    phrases:
      - {text: 请问有什么可以帮您, source: s}
    patterns: ["(有|要办)(什么|这方面的)?(业务|问题)"]
    part_of: [WHOLE]
  - id: offtopic_redirect
    title: 引导回业务咨询
    phrases:
      - {text: 这里只受理燃气业务, source: s}
"""


def test_a_closed_question_inside_a_larger_move_is_that_move(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", _PART_OF.replace("WHOLE", "offtopic_redirect"))
    matcher = PhraseMatcher(load_catalog(tmp_path), use_learned=False)
    steering = "这里只受理燃气业务，您有这方面的问题吗？"
    assert matcher.find_group(steering, "offtopic_redirect") is not None
    assert matcher.find_group(steering, "offer_help") is None
    # A question word elsewhere in the turn asks nothing (「我是哪里人不重要」).
    aside = "我是哪里人不重要，这里只受理燃气业务，您要是有这方面的问题可以跟我说。"
    assert matcher.find_group(aside, "offer_help") is None
    # Said alone it is an offer of help; an open question or the standard phrase stays one.
    assert matcher.find_group("您有这方面的问题吗？", "offer_help") is not None
    assert matcher.find_group("这里只受理燃气业务，您要办什么业务？", "offer_help") is not None
    assert matcher.find_group("这里只受理燃气业务，请问有什么可以帮您", "offer_help") is not None


@pytest.mark.parametrize("whole", ["no_such_group", "offer_help"])  # unknown, itself
def test_a_bad_part_of_names_file_and_line(tmp_path: Path, whole: str) -> None:
    path, message = _refused(tmp_path, _PART_OF.replace("WHOLE", whole))
    assert message.startswith(f"{path}:7:")
    assert whole in message
    assert "part_of" in message


def test_part_of_is_one_level_deep(tmp_path: Path) -> None:
    text = _PART_OF.replace("WHOLE", "offtopic_redirect") + "    part_of: [offer_help]\n"
    path, message = _refused(tmp_path, text)
    assert message.startswith(f"{path}:7:")
    assert "只允许一层" in message


def test_part_of_a_group_that_includes_it_is_refused(tmp_path: Path) -> None:
    text = _PART_OF.replace("WHOLE", "offtopic_redirect") + "    includes: [offer_help]\n"
    path, message = _refused(tmp_path, text)
    assert message.startswith(f"{path}:7:")
    assert "互相引用" in message


_WEAK = """\
groups:
  - id: agree_to_chat
    title: 陪聊
    phrases:
      - {text: 好啊我陪您聊聊, source: s}
    patterns: ["我也(喜欢|爱)(吃|看)"]
    weak: ["WEAK"]
    exceptions: ["(不能|不方便)(聊|闲聊)"]
    opposite: [offtopic_redirect]
  - id: offtopic_redirect
    title: 引导回业务咨询
    phrases:
      - {text: 这里只受理燃气业务, source: s}
"""


def test_a_weak_cue_counts_only_in_a_turn_that_does_not_turn_the_move_down(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "a.yaml", _WEAK.replace("WEAK", "(哈哈|嘿嘿)"))
    matcher = PhraseMatcher(load_catalog(tmp_path), use_learned=False)
    assert matcher.find_group("哈哈，是吗？", "agree_to_chat") is not None
    # Declined anywhere in the turn, steered back, or turned with 不过: no playing along.
    for declined in (
        "哈哈，上班时间不能闲聊。",
        "嘿嘿。这里只受理燃气业务。",
        "哈哈，您说得对，不过咱还是说说您家燃气表吧。",
    ):
        assert matcher.find_group(declined, "agree_to_chat") is None, declined
    # A strong cue still counts beside a decline.
    assert matcher.find_group("哈哈，我也爱吃火锅。这里只受理燃气业务。", "agree_to_chat")


def test_a_bad_weak_pattern_names_file_and_line(tmp_path: Path) -> None:
    path, message = _refused(tmp_path, _WEAK.replace("WEAK", "哈哈[呵]"))
    assert message.startswith(f"{path}:7:")


class _CreditsEverything:
    """A stand-in model that credits every move and quotes a line's first clause."""

    forbidden_threshold = 99.0
    sentence_threshold = 99.0
    short_threshold: float | None = None

    def __contains__(self, target: object) -> bool:
        return target != "forbidden"

    def score(self, text: str, target: str) -> float:
        return 5.0

    def best_of(self, text: str, targets: list[str]) -> tuple[str, float]:
        return targets[0], 5.0

    def best_clause(self, text: str, target: str, skip: object = None) -> Span:
        first = clauses(text)[0]
        return Span(0, len(first), first, 5.0)


def test_the_model_credits_no_weak_cue_in_a_turn_that_turns_the_move_down(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "a.yaml", _WEAK.replace("WEAK", "(哈哈|嘿嘿)"))
    model = _CreditsEverything()
    matcher = PhraseMatcher(load_catalog(tmp_path), learned=model)  # type: ignore[arg-type]
    assert matcher.find_group("嘿嘿，上班时间不能闲聊。", "agree_to_chat") is None
    # A clause with more than the laugh in it is the model's to judge.
    found = matcher.find_group("我周末一般去爬山，上班时间不能闲聊。", "agree_to_chat")
    assert found is not None and found.by == "model"
