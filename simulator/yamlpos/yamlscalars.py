"""Scalars that YAML itself cannot turn into values: impossible dates, endless integers.

ruamel.yaml raises a bare `ValueError` (no position) for `2026-02-30` or an integer of
more than 4,300 digits. The constructor here turns those into `BadScalar`, which keeps
the position of the value so the loader can name the file's line and column.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor

MAX_DIGITS = 1_000
"""No number in a scenario needs more digits than this; Python refuses past 4,300."""


class BadScalar(Exception):
    """A value YAML reads but cannot build; `line` and `column` are 1-based."""

    def __init__(self, message: str, hint: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.line = line
        self.column = column


def _bad(node: Any, message: str, hint: str) -> BadScalar:
    mark = node.start_mark
    return BadScalar(message, hint, int(mark.line) + 1, int(mark.column) + 1)


class CheckedConstructor(RoundTripConstructor):
    """The round-trip constructor, with a position on every value it cannot build."""

    def checked_int(self, node: Any) -> Any:
        text = str(node.value)
        if sum(ch.isdigit() for ch in text) > MAX_DIGITS:
            raise _bad(node, f"数字太长（{len(text)} 位）", "写一个正常大小的数字")
        try:
            return self.construct_yaml_int(node)
        except (ValueError, OverflowError):
            raise _bad(node, f"无法读作整数：{text[:40]}", "写一个正常大小的整数") from None

    def checked_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return self.construct_yaml_timestamp(node, values)
        except (ValueError, OverflowError):
            text = str(node.value)[:40]
            raise _bad(
                node,
                f"不存在的日期或时间：{text}",
                "检查月份和日期（例如 2 月没有 30 日），例如 2026-10-01T10:00:00+08:00",
            ) from None


CheckedConstructor.add_constructor("tag:yaml.org,2002:int", CheckedConstructor.checked_int)
CheckedConstructor.add_constructor(
    "tag:yaml.org,2002:timestamp", CheckedConstructor.checked_timestamp
)


def checked_yaml() -> YAML:
    """A round-trip YAML loader whose unbuildable values raise BadScalar."""
    yaml = YAML(typ="rt")
    yaml.Constructor = CheckedConstructor
    return yaml


def lone_surrogate(text: str) -> int:
    """Index of the first lone surrogate (`"\\ud800"`) in `text`, or -1.

    Such a character cannot be written as UTF-8: printing or saving it fails later.
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return -1


def replace_surrogates(text: str) -> str:
    """`text` with each lone surrogate replaced by U+FFFD, so checking can go on."""
    return text.encode("utf-8", "surrogatepass").decode("utf-8", "replace")
