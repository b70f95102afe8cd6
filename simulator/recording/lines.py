"""One line of a recording as JSON, refused with file:line when it is not usable.

`json.loads` alone lets through what breaks later: nesting deep enough to exhaust the
stack, integers too long to print, and lone surrogates (`"\\ud800"`) that cannot be
written back as UTF-8. Each becomes a RecordingError naming the line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from simulator.errors import UserError


class RecordingError(UserError):
    """A recording that cannot be read: the message names the file and the line."""


def load_line(line: str, path: Path | None, number: int, what: str = "") -> Any:
    """One line as JSON; RecordingError for bad JSON, absurd nesting or numbers, and
    text that cannot be UTF-8 (a lone surrogate such as `"\\ud800"`). `what` names
    the line in messages ("会话头")."""
    lead = f"{what}: " if what else ""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise RecordingError(
            f"{lead}不是有效的 JSON（{_json_problem(exc.msg)}）",
            path=path,
            line=number,
            column=exc.colno,
            hint="每行必须是一个完整的 JSON 对象",
        ) from None
    except RecursionError:
        raise RecordingError(f"{lead}JSON 嵌套层次太深", path=path, line=number) from None
    except ValueError:  # an integer past Python's 4,300-digit limit
        raise RecordingError(f"{lead}数字太长（超过 4300 位）", path=path, line=number) from None
    if "\\u" in line and not _utf8_safe(line, data):
        raise RecordingError(
            f"{lead}文本里有无效的 Unicode 转义（单独的代理码位，如 \\ud800）",
            path=path,
            line=number,
            hint="录音应是 UTF-8 文本，删除或改正这个转义",
        )
    return data


# Each reason the json module can give, by a line that makes it give it: its wording then
# always matches the running Python's (3.13 reports trailing commas on their own, 3.11
# does not), and nothing here copies its English by hand. The first meaning of a wording
# stands (on 3.11 「[1,]」 is just 「Expecting value」).
_JSON_SAMPLES = (
    ("", "缺少值"),
    ("{a:1}", "键名要用双引号"),
    ("[1 2]", "缺少逗号"),
    ('{"a" 1}', "缺少冒号"),
    ('"abc', "字符串没有结束引号"),
    ("1 2", "一行里有多余的内容"),
    ('"a\x01"', "字符串里有控制字符"),
    ('"\\q"', "无效的转义"),
    ('"\\u12"', "无效的 \\u 转义"),
    ('{"a":1,}', "对象末尾多了逗号"),
    ("[1,]", "数组末尾多了逗号"),
)


def _reason_for(sample: str) -> str:
    try:
        json.loads(sample)
    except json.JSONDecodeError as exc:
        return exc.msg
    raise AssertionError(f"not an error for json: {sample!r}")  # a sample that stopped failing


_JSON_PROBLEMS: dict[str, str] = {}
for _sample, _chinese in _JSON_SAMPLES:
    _JSON_PROBLEMS.setdefault(_reason_for(_sample), _chinese)


def _json_problem(message: str) -> str:
    """The json module's English reason, in Chinese ("格式错误" for one it does not know)."""
    return _JSON_PROBLEMS.get(message, "格式错误")


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _utf8_safe(line: str, data: Any) -> bool:
    if not _SURROGATE_ESCAPE.search(line):
        return True
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except (UnicodeEncodeError, RecursionError):
        return False
    return True
