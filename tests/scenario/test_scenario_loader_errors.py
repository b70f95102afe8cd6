"""One fixture file per kind of mistake: each gives exactly these problem lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.scenario import (
    KNOWN_PERSONAS,
    ScenarioFileError,
    load_scenario,
    load_trainee_script,
    validate_scenario_file,
    validate_trainee_script_file,
)

FIXTURES = Path(__file__).parent / "fixtures"
SILENT_LOOP_HINT = (
    "坐席不说话时通话会原地空转到 max_duration：给其中一个 timeout 加上 say:，"
    "或给其中一个 beat 加上 caller: 台词，或让 timeout 跳到会说话或挂机的 beat"
)

EXPECTED: dict[str, list[str]] = {
    "typo-key.yaml": ["3:1: prsona: 未知的键 'prsona' — 是不是想写 'persona'？"],
    "dangling-goto.yaml": [
        "10:17: script.beats.greet.on[0].goto: beat 'aks' 未定义"
        " — 是不是想写 'ask'？已定义的 beat：ask, greet"
    ],
    "dangling-start.yaml": ["6:10: script.start: beat 'begin' 未定义 — 已定义的 beat：ask, greet"],
    "dangling-timeout-goto.yaml": [
        "11:15: script.beats.greet.timeout.goto: beat 'bye' 未定义 — 已定义的 beat：greet"
    ],
    "wrong-type.yaml": [
        "5:13: difficulty: 应为整数，不是文本 '难' — 例如 difficulty: 1",
        "7:9: voice.rate: 应为整数，不是文本 'fast' — 例如 rate: 170",
        "11:15: script.beats.greet.caller: 应为列表，不是文本 '您好'"
        " — 每项一行，以“- ”开头；或写成 caller: [第一项, 第二项]",
        "12:15: script.beats.greet.hangup: 应为 true 或 false，不是文本 '也许' — 例如 hangup: true",
    ],
    "out-of-range.yaml": [
        "5:13: difficulty: 5 超出范围 — 允许范围：1 ≤ difficulty ≤ 3",
        "7:13: ringing.interval: 0 超出范围 — 允许范围：0 < interval ≤ 30",
        "8:12: ringing.give_up: 99 超出范围 — 允许范围：1 ≤ give_up ≤ 30",
        "14:18: script.beats.greet.caller[0].pitch: 120 超出范围 — 允许范围：0 ≤ pitch ≤ 99",
    ],
    "bad-yaml.yaml": [
        "4:6: YAML 语法错误：方括号 [ ] 没有闭合（expected ',' or ']', but got ':'）"
        " — 检查 [ 和 ] 是否成对，各项之间用英文逗号分隔"
    ],
    "fullwidth-colon.yaml": [
        "2:1: YAML 语法错误：缺少冒号（could not find expected ':'）"
        " — 第 2 行的键后面用了中文冒号“：”；YAML 要用英文冒号“:”加空格"
    ],
    "tab-indent.yaml": [
        "6:1: YAML 语法错误：这里有 Tab 字符（found character '\\t' that cannot start any token）"
        " — YAML 的缩进只能用空格，把 Tab 换成空格"
    ],
    "empty.yaml": ["文件是空的 — 写入场景内容，或删除这个文件"],
    "comments-only.yaml": ["文件里只有注释或空行，没有内容 — 写入场景内容"],
    "binary.yaml": ["2:8: 这是二进制文件，不是 YAML 文本 — 场景文件应是 UTF-8 编码的文本文件"],
    "not-utf8.yaml": ["2:8: 文件不是 UTF-8 编码 — 用编辑器另存为 UTF-8（GBK 等编码不支持）"],
    "not-a-mapping.yaml": [
        "1:1: 文件的顶层应是映射（键: 值），不是列表 — 场景文件以 id:、title:、persona: 等键开头"
    ],
    "duplicate-key.yaml": [
        "10:7: 重复的键 'caller'（第一次出现在第 8 行）"
        " — 同一层里每个键只能出现一次：删掉一个，或把两处内容合并"
    ],
    "id-mismatch.yaml": [
        "1:5: id: id 'standard-inquiry' 与文件名 'id-mismatch.yaml' 不一致"
        " — 把文件改名为 standard-inquiry.yaml，或把 id 改为 'id-mismatch'"
    ],
    "unknown-rule.yaml": [
        "10:3: rules.opening.latncy: 未知的规则 'opening.latncy' — 是不是想写 'opening.latency'？"
    ],
    "unknown-rule-param.yaml": [
        "12:7: rules.response.dead_air.params.max_second: 规则 'response.dead_air' 没有参数"
        " 'max_second' — 是不是想写 'max_seconds'？可用的参数：max_seconds",
        "15:7: rules.closing.farewell.params.seconds: 规则 'closing.farewell' 没有参数"
        " 'seconds' — 可用的参数：（这条规则没有参数）",
    ],
    "bad-param-type.yaml": [
        "12:20: rules.hold.checkin.params.max_seconds: 应为数字，不是文本 '十五秒'"
        " — 默认：max_seconds: 15.0",
        "15:16: rules.opening.holiday.params.weekend: 应为 true 或 false，不是数字 1"
        " — 默认：weekend: false",
    ],
    "missing-required.yaml": [
        "1:1: org: 缺少必填的键 'org' — 例如 org: 福彩热线",
        "1:1: title: 缺少必填的键 'title' — 例如 title: 普通咨询",
        "7:11: script.beats.greet.on[0].goto: 缺少必填的键 'goto' — 例如 goto: ask",
    ],
    "colon-in-line.yaml": [
        "9:11: script.beats.greet.caller[0]: 这一句被 YAML 读成了键值对 '我想问: 开奖结果出来了吗'"
        ' — 台词里有“: ”（冒号加空格）时，给整句加上引号，例如 - "我想问: 开奖结果出来了吗"'
    ],
    "unreachable-branch.yaml": [
        "10:11: script.beats.greet.on[1]: 这个分支永远不会触发"
        " — 前面的 on[0] 没有条件，任何回答都先匹配它；把没有条件的分支放到最后"
    ],
    "unknown-catalog-group.yaml": [
        "9:21: script.beats.greet.on[0].catalog[0]: 标准用语目录中没有用语组 'more_hlep'"
        " — 是不是想写 'more_help'？用语组见 scenarios/standards/*.yaml"
    ],
    "number-key.yaml": [
        "7:5: script.beats: 键 1 不是文本（YAML 把它读成了数字） — 给键加上引号，例如 '1':"
    ],
    "silent-timeout-loop.yaml": [
        "13:15: script.beats.wait.timeout.goto: timeout 跳转 'wait' → 'still' → 'wait' 首尾相连，"
        f"客户却一句话也不说 — {SILENT_LOOP_HINT}"
    ],
    "silent-timeout-self.yaml": [
        "10:15: script.beats.wait.timeout.goto: beat 'wait' 的 timeout 跳回它自己，"
        f"客户却一句话也不说 — {SILENT_LOOP_HINT}"
    ],
}

TRAINEE_EXPECTED: dict[str, list[str]] = {
    "bad-step.yaml": [
        "2:9: steps[0].do: 'anser' 不是可选的取值"
        " — 是不是想写 'answer'？可选：answer、hangup、say、unhold、hold",
        "4:5: steps[1]: 'say' 步骤需要 text（要说的话）",
        "6:5: steps[2]: 'hold' 步骤不能带 text 或 duration",
        "9:12: steps[3].after: 应为数字，不是文本 'soon' — 例如 after: 5",
    ],
    "bad-list.yaml": [
        "4:10: steps[1].after: -1 超出范围 — 允许范围：0 ≤ after ≤ 3600",
        "7:3: steps[2].tekst: 未知的键 'tekst' — 是不是想写 'text'？",
    ],
    "unknown-fail-id.yaml": [
        "3:11: expect.fails[0]: 未知的规则 'opening.greting' — 是不是想写 'opening.greeting'？"
    ],
    "scalar.yaml": [
        "1:1: 文件的顶层应是映射或列表，不是文本 'just some text'"
        " — 写成步骤列表（每行“- do: …”），或带 steps: 的映射"
    ],
    "empty-steps.yaml": ["1:8: steps: 至少需要 1 项"],
}


def _lines(path: Path, problems: list[object]) -> list[str]:
    prefix = str(path)
    rendered = [str(problem) for problem in problems]
    assert all(line.startswith(prefix) for line in rendered)
    # "file:3:1: …" -> "3:1: …"; a problem of the whole file, "file: …" -> "…".
    return [line[len(prefix) :].removeprefix(":").removeprefix(" ") for line in rendered]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_kind_of_mistake_gives_its_exact_lines(name: str) -> None:
    path = FIXTURES / name
    scenario, problems = validate_scenario_file(path)
    assert scenario is None
    assert _lines(path, list(problems)) == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(TRAINEE_EXPECTED))
def test_each_kind_of_trainee_script_mistake_gives_its_exact_lines(name: str) -> None:
    path = FIXTURES / "trainee" / name
    script, problems = validate_trainee_script_file(path)
    assert script is None
    assert _lines(path, list(problems)) == TRAINEE_EXPECTED[name]


def test_an_unknown_persona_lists_every_persona_closest_first() -> None:
    path = FIXTURES / "unknown-persona.yaml"
    [problem] = validate_scenario_file(path)[1]
    assert (problem.line, problem.column, problem.field) == (3, 10, "persona")
    assert problem.message == "未知的来电角色 'angy'"
    assert problem.hint is not None
    assert problem.hint.startswith("是不是想写 'angry'？可选：angry（愤怒投诉）、")
    listed = problem.hint.split("可选：", 1)[1].split("、")
    assert sorted(item.split("（")[0] for item in listed) == sorted(KNOWN_PERSONAS)


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    path = FIXTURES / "many-problems.yaml"
    with pytest.raises(ScenarioFileError) as caught:
        load_scenario(path)
    lines = _lines(path, list(caught.value.problems))
    assert [line.split(": ", 2)[:2] for line in lines] == [
        ["3:1", "titel"],
        ["4:10", "persona"],
        ["6:11", "reaction"],
        ["13:17", "script.beats.greet.caller[0].rate"],
        ["16:17", "script.beats.greet.on[0].goto"],
        ["19:15", "script.beats.bye.hangup"],
        ["21:3", "rules.answer.ring"],
    ]
    # The error's own text is every line, and it is a UserError (exit 2, no traceback).
    assert str(caught.value).splitlines() == [str(p) for p in caught.value.problems]


def test_a_missing_file_suggests_the_closest_name(tmp_path: Path) -> None:
    (tmp_path / "standard-inquiry.yaml").write_text("id: x\n", encoding="utf-8")
    path = tmp_path / "standard-inquery.yaml"
    with pytest.raises(ScenarioFileError) as caught:
        load_scenario(path)
    assert str(caught.value) == f"{path}: 文件不存在 — 是不是 'standard-inquiry.yaml'？"


def test_a_directory_is_not_a_scenario_file(tmp_path: Path) -> None:
    with pytest.raises(ScenarioFileError) as caught:
        load_trainee_script(tmp_path)
    assert (
        str(caught.value)
        == f"{tmp_path}: 这是一个目录，不是文件 — callsim validate 可以检查整个目录"
    )


def test_an_unquoted_number_as_text_gets_the_quote_hint(tmp_path: Path) -> None:
    path = tmp_path / "numbers.yaml"
    path.write_text(
        "id: numbers\ntitle: 1024\npersona: standard\norg: 福彩热线\n"
        "script:\n  beats:\n    a: {}\n",
        encoding="utf-8",
    )
    [problem] = validate_scenario_file(path)[1]
    assert str(problem).endswith(
        ":2:8: title: 应为文本，不是数字 1024"
        ' — 数字或 true/false 当文本用时要加引号，例如 title: "1024"'
    )
