"""argparse in Chinese: `--help` and usage errors without argparse's English boilerplate.

argparse writes "usage:", "positional arguments", "options", "show this help message and
exit" and its error lines in English; a parser of this class (and every subcommand parser
made from it) says them in Chinese.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

USAGE = "用法："
HELP = "显示本帮助并退出"
VERSION = "显示版本号并退出"

# argparse's error lines, most specific first: (English pattern, Chinese replacement).
_ERRORS: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (
        r"argument (.*?): invalid choice: (.*?) \(choose from (.*)\)",
        r"参数 \1：无效的选项 \2（可选：\3）",
    ),
    (r"argument (.*?): invalid (\w+) value: (.*)", r"参数 \1：无效的值 \3"),
    (r"argument (.*?): expected one argument", r"参数 \1：需要一个值"),
    (r"argument (.*?): expected at least one argument", r"参数 \1：至少需要一个值"),
    (r"argument (.*?): not allowed with argument (.*)", r"参数 \1：不能与参数 \2 同时使用"),
    (r"argument (.*?): ignored explicit argument (.*)", r"参数 \1：不接受值 \2"),
    (r"ambiguous option: (.*?) could match (.*)", r"选项 \1 有歧义，可能是：\2"),
)


def chinese_error(message: str) -> str:
    """argparse's English error line in Chinese (unchanged when it is not one of them)."""
    for pattern, replacement in _ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    """Help text with a Chinese usage prefix."""

    def add_usage(
        self,
        usage: str | None,
        actions: Any,
        groups: Any,
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, USAGE if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors read in Chinese."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        add_help = kwargs.pop("add_help", True)
        kwargs["add_help"] = False  # our own -h, with Chinese help
        super().__init__(*args, **kwargs)
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help=HELP)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")
