"""YAML syntax errors explained for a trainer: where, what, and the usual fix.

ruamel.yaml reports syntax errors in English with two marks (the construct being read
and where it broke). This picks the mark a person should look at, translates the common
messages, and recognises the mistakes people writing Chinese text make most often: a
full-width colon `：` after a key, full-width spaces used as indentation, and `: ` or
quotes inside a line of dialogue.
"""

from __future__ import annotations

import re
from pathlib import Path

from ruamel.yaml.error import MarkedYAMLError

from simulator.yamlpos.problems import Problem

# (pattern in ruamel's problem text, what it means, how to fix it)
_KNOWN: tuple[tuple[str, str, str], ...] = (
    (
        "mapping values are not allowed here",
        "这里不能出现“: ”（冒号加空格）",
        '值里含有“: ”时给整个值加上引号，例如 text: "注意: 周末休息"',
    ),
    (
        "cannot start any token",
        "这里有 Tab 字符",
        "YAML 的缩进只能用空格，把 Tab 换成空格",
    ),
    (
        "could not find expected ':'",
        "缺少冒号",
        "键后面要有英文冒号和空格，例如 title: 普通咨询",
    ),
    (
        "found unexpected end of stream",
        "引号没有闭合",
        "检查这一行的引号是否成对",
    ),
    (
        "expected ',' or ']'",
        "方括号 [ ] 没有闭合",
        "检查 [ 和 ] 是否成对，各项之间用英文逗号分隔",
    ),
    (
        "expected ',' or '}'",
        "花括号 { } 没有闭合",
        "检查 { 和 } 是否成对，各项之间用英文逗号分隔",
    ),
    (
        "found undefined alias",
        "别名（*名字）没有对应的锚点（&名字）",
        "先用 &名字 定义锚点，再用 *名字 引用",
    ),
    (
        "but found another document",
        "一个文件里只能有一个 YAML 文档",
        "删掉多余的“---”分隔线，每个场景单独一个文件",
    ),
    (
        "found unknown escape character",
        "双引号里的反斜杠转义无效",
        "改用单引号，或把 \\ 写成 \\\\",
    ),
    (
        "expected <block end>",
        "缩进不一致",
        "同一层的键（或“- ”列表项）必须对齐到同一列",
    ),
    (
        "did not find expected key",
        "缩进不一致或缺少冒号",
        "同一层的键要对齐，键后面要有英文冒号和空格",
    ),
    (
        "did not find expected '-' indicator",
        "列表项缩进不一致",
        "同一个列表的“- ”要对齐到同一列",
    ),
)

# Marks where the construct began are more useful than where the reader gave up for
# these: a key missing its colon is reported on the *next* line, an unclosed quote or
# bracket where the file (or the next key) begins.
_USE_CONTEXT_MARK = (
    "while scanning a simple key",
    "while scanning a quoted scalar",
    "while parsing a flow sequence",
    "while parsing a flow mapping",
)


def describe_syntax_error(path: Path, text: str, exc: MarkedYAMLError) -> Problem:
    """One problem for a YAML syntax error, at the line a person should look at."""
    problem_text = str(exc.problem or exc.context or "")
    mark = exc.problem_mark
    if exc.context in _USE_CONTEXT_MARK and exc.context_mark is not None:
        mark = exc.context_mark
    line = int(mark.line) + 1 if mark is not None else None
    column = int(mark.column) + 1 if mark is not None else None
    message, hint = f"YAML 语法错误（{problem_text}）", None
    for pattern, meaning, fix in _KNOWN:
        if pattern in problem_text:
            message, hint = f"YAML 语法错误：{meaning}（{problem_text}）", fix
            break
    special = _chinese_typing_hint(text, line)
    if special is not None:
        hint = special
    return Problem(path, line, column, "", message, hint)


def _chinese_typing_hint(text: str, line: int | None) -> str | None:
    """A hint for full-width punctuation near the error, the usual cause for Chinese text."""
    if line is None:
        return None
    lines = text.splitlines()
    for number in (line, line - 1):
        if not 1 <= number <= len(lines):
            continue
        content = lines[number - 1]
        stripped = content.lstrip(" ")
        if stripped.startswith("\u3000"):
            return f"第 {number} 行开头有全角空格；缩进只能用半角空格"
        if re.match(r"^\s*-?\s*[A-Za-z_][\w.-]*\s*：", content):
            return f"第 {number} 行的键后面用了中文冒号“：”；YAML 要用英文冒号“:”加空格"
    return None


def duplicate_key_problem(path: Path, text: str, exc: MarkedYAMLError) -> Problem | None:
    """A problem for ruamel's DuplicateKeyError (None for any other error)."""
    if type(exc).__name__ != "DuplicateKeyError" or exc.problem_mark is None:
        return None
    found = re.search(r'duplicate key "(.*?)" with value', str(exc.problem or ""))
    key = found.group(1) if found else "?"
    line = int(exc.problem_mark.line) + 1
    column = int(exc.problem_mark.column) + 1
    first = _first_occurrence(text, key, column, exc, line)
    where = f"（第一次出现在第 {first} 行）" if first is not None else ""
    return Problem(
        path,
        line,
        column,
        "",
        f"重复的键 '{key}'{where}",
        "同一层里每个键只能出现一次：删掉一个，或把两处内容合并",
    )


def _first_occurrence(
    text: str, key: str, column: int, exc: MarkedYAMLError, duplicate_line: int
) -> int | None:
    start = int(exc.context_mark.line) + 1 if exc.context_mark is not None else 1
    lines = text.splitlines()
    pattern = re.compile(rf"^\s*(-\s+)?(['\"]?){re.escape(key)}\2\s*:")
    for number in range(start, duplicate_line):
        content = lines[number - 1]
        match = pattern.match(content)
        if match and match.start(2) + 1 == column:
            return number
    return None
