"""Reading a YAML file with positions: every mistake in it gets a line and a column.

ruamel.yaml's round-trip loader keeps the line and column of every key and list item.
`read_yaml` turns a file into a `YamlDocument`: the round-trip tree (for positions) and
the same data as plain Python values (for pydantic). Problems of the file itself (missing,
binary, not UTF-8, bad YAML, duplicate keys) raise `YamlFileError` at once; problems
of single values (a key that is a number, an unsupported tag) are collected and the rest
of the file is still checked.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from simulator.files import NotRegularFile, read_capped
from simulator.yamlpos.problems import Problem, YamlFileError, format_field
from simulator.yamlpos.yamlscalars import (
    BadScalar,
    checked_yaml,
    lone_surrogate,
    replace_surrogates,
)
from simulator.yamlpos.yamlsyntax import describe_syntax_error, duplicate_key_problem

MAX_BYTES = 512_000
"""A scenario is a few kilobytes (the whole phrase catalog's largest file about 30 KB);
anything this large is not one. Checked on the bytes read, so a device or a file that
grows while being read is refused as well."""
MAX_NODES = 100_000
"""Aliases can make a small file expand enormously; stop before that hurts."""

Loc = tuple[str | int, ...]


class _TooLarge(Exception):
    pass


@dataclass
class YamlDocument:
    """A parsed YAML file: `root` keeps positions, `data` is the same as plain values."""

    path: Path
    root: Any
    data: Any
    problems: list[Problem] = field(default_factory=list)
    wrapped: str | None = None
    """Set when the file's top-level list was wrapped as `{wrapped: [...]}` for its model."""

    def position(self, loc: Sequence[str | int], *, key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at `loc`, or of its key with `key=True`.

        A path that leaves the file (a missing key) gives the position of the deepest
        container that exists, which is where the missing key belongs.
        """
        steps = list(loc)
        if self.wrapped is not None and steps[:1] == [self.wrapped]:
            steps = steps[1:]
        node = self.root
        where = _root_position(node)
        for index, step in enumerate(steps):
            last = index == len(steps) - 1
            try:
                if isinstance(node, CommentedMap) and isinstance(step, str) and step in node:
                    key_at = node.lc.key(step)
                    child = node[step]
                    if last and not key and child is not None:
                        return _one_based(node.lc.value(step))
                    where = _one_based(key_at)
                    node = child
                elif isinstance(node, CommentedSeq) and isinstance(step, int):
                    if not 0 <= step < len(node):
                        return where
                    where = _one_based(node.lc.item(step))
                    node = node[step]
                else:
                    return where
            except (KeyError, AttributeError, TypeError, IndexError):
                # Keys brought in by a merge (`<<: *base`) have no position of their own.
                return where
        return where

    def problem(
        self,
        loc: Sequence[str | int],
        message: str,
        hint: str | None = None,
        *,
        key: bool = False,
    ) -> Problem:
        line, column = self.position(loc, key=key)
        return Problem(self.path, line, column, format_field(loc), message, hint)


def _one_based(pair: Any) -> tuple[int, int]:
    line, column = pair
    return int(line) + 1, int(column) + 1


def _root_position(root: Any) -> tuple[int, int]:
    lc = getattr(root, "lc", None)
    if lc is not None and lc.line is not None:
        return int(lc.line) + 1, int(lc.col) + 1
    return 1, 1


def read_yaml(path: Path | str) -> YamlDocument:
    """Read and parse one YAML file; raises YamlFileError for problems of the file."""
    path = Path(path)
    text = read_text(path)
    if not text.strip():
        raise YamlFileError(
            [Problem(path, None, None, "", "文件是空的", "写入场景内容，或删除这个文件")]
        )
    root = _parse(path, text)
    if root is None:
        raise YamlFileError(
            [Problem(path, None, None, "", "文件里只有注释或空行，没有内容", "写入场景内容")]
        )
    doc = YamlDocument(path, root, None)
    try:
        doc.data = _plain(root, (), doc, set(), [0])
    except _TooLarge:
        aliased = "*" in text and "&" in text
        message = "文件内容过多（锚点和别名展开后" if aliased else "文件内容过多（"
        raise YamlFileError(
            [
                Problem(
                    path,
                    None,
                    None,
                    "",
                    f"{message}超过 {MAX_NODES} 个值）",
                    "少用别名"
                    if aliased
                    else "场景文件通常只有几十到几百个值，检查是不是选错了文件",
                )
            ]
        ) from None
    except RecursionError:
        raise YamlFileError(
            [Problem(path, None, None, "", "嵌套层次太深", "场景文件的结构不会嵌套这么多层")]
        ) from None
    return doc


def read_text(path: Path) -> str:
    """The file's text, or YamlFileError: missing, a directory, binary, not UTF-8."""

    def fail(
        message: str, hint: str | None = None, line: int | None = None, col: int | None = None
    ) -> YamlFileError:
        return YamlFileError([Problem(path, line, col, "", message, hint)])

    if path.is_dir():
        raise fail("这是一个目录，不是文件", "callsim validate 可以检查整个目录")
    try:
        raw = read_capped(path, MAX_BYTES)
        if raw is None:
            raise fail(
                f"文件太大（超过 {MAX_BYTES // 1000} KB），不像是场景文件",
                "场景文件通常只有几 KB，检查是不是选错了文件",
            )
    except NotRegularFile:
        raise fail("这不是普通文件（设备、管道或套接字）", "指定一个 .yaml 文件") from None
    except FileNotFoundError:
        raise fail("文件不存在", _sibling_hint(path)) from None
    except PermissionError:
        raise fail("没有读取这个文件的权限") from None
    except OSError as exc:
        raise fail(f"无法读取文件：{exc.strerror or exc}") from None
    nul = raw.find(b"\x00")
    if nul >= 0:
        line, col = _byte_position(raw, nul)
        raise fail("这是二进制文件，不是 YAML 文本", "场景文件应是 UTF-8 编码的文本文件", line, col)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _byte_position(raw, exc.start)
        raise fail(
            "文件不是 UTF-8 编码", "用编辑器另存为 UTF-8（GBK 等编码不支持）", line, col
        ) from None


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line_start = before.rfind(b"\n") + 1
    column = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return before.count(b"\n") + 1, column


def _sibling_hint(path: Path) -> str | None:
    parent = path.parent
    if not parent.is_dir():
        return f"目录 {parent} 也不存在"
    names = sorted(p.name for p in parent.iterdir() if p.suffix in {".yaml", ".yml"})
    close = difflib.get_close_matches(path.name, names, n=1, cutoff=0.6)
    return f"是不是 '{close[0]}'？" if close else None


def _parse(path: Path, text: str) -> Any:
    yaml = checked_yaml()
    try:
        return yaml.load(text)
    except BadScalar as exc:
        raise YamlFileError(
            [Problem(path, exc.line, exc.column, "", exc.message, exc.hint)]
        ) from None
    except MarkedYAMLError as exc:
        duplicate = duplicate_key_problem(path, text, exc)
        if duplicate is not None:
            raise YamlFileError([duplicate]) from None
        raise YamlFileError([describe_syntax_error(path, text, exc)]) from None
    except ReaderError as exc:
        line, col = _char_position(text, exc.position)
        raise YamlFileError(
            [
                Problem(
                    path,
                    line,
                    col,
                    "",
                    f"文件里有不允许的控制字符 #x{exc.character:04x}"
                    if isinstance(exc.character, int)
                    else "文件里有不允许的字符",
                    "删除这个字符",
                )
            ]
        ) from None
    except YAMLError as exc:
        raise YamlFileError([Problem(path, None, None, "", f"YAML 语法错误：{exc}")]) from None
    except RecursionError:
        raise YamlFileError(
            [Problem(path, None, None, "", "嵌套层次太深", "场景文件的结构不会嵌套这么多层")]
        ) from None


def _char_position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


def _plain(node: Any, loc: Loc, doc: YamlDocument, active: set[int], count: list[int]) -> Any:
    """The round-trip tree as plain dicts, lists and scalars (what pydantic expects)."""
    count[0] += 1
    if count[0] > MAX_NODES:
        raise _TooLarge
    if isinstance(node, TaggedScalar):
        tag = str(getattr(node.tag, "value", node.tag))
        doc.problems.append(doc.problem(loc, f"不支持的 YAML 标签 '{tag}'", "去掉标签，直接写值"))
        return None
    if isinstance(node, dict):
        if id(node) in active:
            doc.problems.append(doc.problem(loc, "别名引用了自己（循环引用）", "去掉这个别名"))
            return None
        active.add(id(node))
        result: dict[str, Any] = {}
        for key, value in node.items():
            name = key
            if not isinstance(key, str):
                doc.problems.append(_key_problem(doc, node, key, loc))
                if not _is_scalar_key(key):
                    continue
                # Checked on as text, so one unquoted key does not cascade into more errors.
                name = _key_text(key)
            elif lone_surrogate(key) >= 0:
                doc.problems.append(_surrogate_problem(doc, loc, key, lone_surrogate(key)))
                name = replace_surrogates(key)
            result[str(name)] = _plain(value, (*loc, str(name)), doc, active, count)
        active.discard(id(node))
        return result
    if isinstance(node, (list, tuple)):
        if id(node) in active:
            doc.problems.append(doc.problem(loc, "别名引用了自己（循环引用）", "去掉这个别名"))
            return None
        active.add(id(node))
        items = [_plain(item, (*loc, i), doc, active, count) for i, item in enumerate(node)]
        active.discard(id(node))
        return items
    return _scalar(node, loc, doc)


def _scalar(node: Any, loc: Loc, doc: YamlDocument) -> Any:
    if node is None or isinstance(node, bool):
        return node
    if isinstance(node, str):
        text = str(node)
        at = lone_surrogate(text)
        if at >= 0:
            doc.problems.append(_surrogate_problem(doc, loc, text, at))
            return replace_surrogates(text)
        return text
    if type(node).__name__ == "ScalarBoolean":
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, dt.datetime):
        return dt.datetime(
            node.year,
            node.month,
            node.day,
            node.hour,
            node.minute,
            node.second,
            node.microsecond,
            node.tzinfo,
        )
    if isinstance(node, dt.date):
        return dt.date(node.year, node.month, node.day)
    kind = "二进制数据（!!binary）" if isinstance(node, bytes) else type(node).__name__
    doc.problems.append(doc.problem(loc, f"不支持的值：{kind}", "写成普通文本或数字"))
    return None


def _surrogate_problem(doc: YamlDocument, loc: Loc, text: str, at: int) -> Problem:
    code = f"\\u{ord(text[at]):04x}"
    return doc.problem(
        loc,
        f"文本里有无效的字符 {code}（单独的代理码位，不能存成 UTF-8）",
        "删除这个转义，或写出完整的字符",
    )


def _is_scalar_key(key: Any) -> bool:
    return key is None or isinstance(key, (bool, int, float, dt.date))


def _key_text(key: Any) -> str:
    if key is None:
        return "null"
    if isinstance(key, bool):
        return str(key).lower()
    return str(key)


def _key_problem(doc: YamlDocument, mapping: Any, key: Any, loc: Loc) -> Problem:
    try:
        line, column = _one_based(mapping.lc.key(key))
    except (KeyError, AttributeError, TypeError):
        line, column = doc.position(loc)
    field_name = format_field(loc)
    if _is_scalar_key(key):
        shown = _key_text(key)
        return Problem(
            doc.path,
            line,
            column,
            field_name,
            f"键 {shown} 不是文本（YAML 把它读成了{_kind(key)}）",
            f"给键加上引号，例如 '{shown}':",
        )
    return Problem(doc.path, line, column, field_name, "不支持复杂的键（列表或映射作键）", None)


def _kind(value: Any) -> str:
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "布尔值"
    if isinstance(value, (int, float)):
        return "数字"
    return "日期"
