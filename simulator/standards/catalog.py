"""Loading and checking the phrase catalog files (scenarios/standards/*.yaml).

`validate_catalog_file` reports every problem of one file with its line and column (for
`callsim validate`); `load_catalog` merges a folder's files into one `Catalog` and raises
`UserError` at the first problem. Loaded catalogs are cached until a file changes.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from simulator import locations
from simulator.errors import UserError
from simulator.standards.models import Catalog, CatalogFile, ForbiddenPhrase, PhraseGroup

_MESSAGES: dict[str, str] = {
    "missing": "缺少字段 {field}",
    "extra_forbidden": "未知字段 {field}",
    "string_type": "{field} 应为文本",
    "string_too_short": "{field} 不能为空",
    "string_pattern_mismatch": "{field} 只能用小写字母、数字和下划线（snake_case），如 offer_help",
    "list_type": "{field} 应为列表（每项以 - 开头）",
    "too_short": "{field} 至少要有一项",
    "bool_type": "{field} 应为 true 或 false",
    "bool_parsing": "{field} 应为 true 或 false",
    "model_type": "{field} 应为映射（键: 值）",
    "dict_type": "{field} 应为映射（键: 值）",
}
_HINTS: dict[str, str] = {
    "extra_forbidden": "用语组可用字段：id, title, phrases, keywords, note；"
    "禁用语可用字段：text, source, instead, exceptions, standalone, note",
    "missing": '每条用语要有 text 和 source（出处条款，如 "002 常规开头语"）',
}


@dataclass(frozen=True)
class Problem:
    """One mistake in a catalog file, where it is, and how to fix it."""

    path: Path
    line: int | None
    column: int | None
    message: str
    hint: str | None = None

    def as_error(self) -> UserError:
        return UserError(
            self.message, path=self.path, line=self.line, column=self.column, hint=self.hint
        )

    def render(self) -> str:
        """`file:line:col: message — hint`, the line `callsim validate` prints."""
        return self.as_error().render()


def _position(root: Any, loc: tuple[int | str, ...]) -> tuple[int | None, int | None]:
    """1-based (line, column) of the YAML node a pydantic error location points at."""
    node = root
    line: int | None = None
    column: int | None = None
    lc = getattr(node, "lc", None)
    if lc is not None:
        line, column = lc.line + 1, lc.col + 1
    for step in loc:
        lc = getattr(node, "lc", None)
        try:
            if isinstance(step, int) and isinstance(node, list):
                position = lc.item(step) if lc is not None else None
                node = node[step]
            elif isinstance(node, dict) and step in node:
                position = lc.value(step) if lc is not None else None
                node = node[step]
            elif isinstance(node, dict) and lc is not None:
                # A key that is missing or unknown: point at the mapping (or the key).
                position = lc.key(step) if step in node else (lc.line, lc.col)
                node = None
            else:
                break
        except (KeyError, IndexError, TypeError):
            break
        if position is not None:
            line, column = position[0] + 1, position[1] + 1
        if node is None:
            break
    return line, column


def _problems_from(error: ValidationError, root: Any, path: Path) -> list[Problem]:
    problems: list[Problem] = []
    for detail in error.errors(include_url=False):
        loc = tuple(detail["loc"])
        kind = detail["type"]
        field = ".".join(str(step) for step in loc) or "文件"
        template = _MESSAGES.get(kind)
        if template is not None:
            message = template.format(field=field)
        elif kind == "value_error":
            message = f"{field}：{str(detail['msg']).removeprefix('Value error, ')}"
        else:
            message = f"{field}：{detail['msg']}"
        line, column = _position(root, loc)
        problems.append(Problem(path, line, column, message, _HINTS.get(kind)))
    return problems


def _read(path: Path) -> tuple[CatalogFile | None, list[Problem]]:
    yaml = YAML(typ="rt")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(path, None, None, f"无法读取文件：{exc}")]
    try:
        root = yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else None
        column = mark.column + 1 if mark is not None else None
        reason = exc.problem or exc.context or "YAML 语法错误"
        return None, [Problem(path, line, column, f"YAML 语法错误：{reason}",
                              "检查缩进、冒号和引号")]  # fmt: skip
    except YAMLError as exc:
        return None, [Problem(path, None, None, f"YAML 语法错误：{exc}")]
    if root is None:
        return CatalogFile(), []
    if not isinstance(root, dict):
        return None, [Problem(path, 1, 1, "文件顶层应为映射（groups: 和 forbidden:）")]
    try:
        return CatalogFile.model_validate(root), []
    except ValidationError as exc:
        return None, _problems_from(exc, root, path)


def validate_catalog_file(path: Path) -> list[Problem]:
    """Every problem of one catalog file, each with its line and column; [] if it is fine."""
    return _read(Path(path))[1]


def _catalog_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.glob("*.yaml") if p.is_file())


def _merge(files: list[Path]) -> Catalog:
    groups: dict[str, PhraseGroup] = {}
    where: dict[str, Path] = {}
    forbidden: list[ForbiddenPhrase] = []
    for path in files:
        parsed, problems = _read(path)
        if problems or parsed is None:
            raise problems[0].as_error()
        for index, group in enumerate(parsed.groups):
            if group.id in groups:
                line = _group_line(path, index)
                raise UserError(
                    f"用语组 {group.id} 已在 {where[group.id].name} 中定义",
                    path=path,
                    line=line,
                    hint="每个用语组 id 在整个目录中只能出现一次",
                )
            groups[group.id] = group
            where[group.id] = path
        forbidden.extend(parsed.forbidden)
    return Catalog(groups=groups, forbidden=tuple(forbidden), files=tuple(files))


def _group_line(path: Path, index: int) -> int | None:
    root = YAML(typ="rt").load(path.read_text(encoding="utf-8"))
    return _position(root, ("groups", index))[0]


_cache: dict[tuple[object, ...], Catalog] = {}
_lock = threading.Lock()


def load_catalog(directory: Path | None = None) -> Catalog:
    """The catalog of `directory` (default: `locations.standards_dir()`), all files merged.

    Cached per folder until a file is added, removed or changed. A bad file raises
    `UserError` naming the file and line.
    """
    folder = Path(directory) if directory is not None else locations.standards_dir()
    if not folder.is_dir():
        raise UserError(
            "找不到标准用语目录", path=folder, hint="设置 CALLSIM_SCENARIOS_DIR 或检查 scenarios/"
        )
    files = _catalog_files(folder)
    stamps = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    key = (str(folder.resolve()), stamps)
    with _lock:
        cached = _cache.get(key)
        if cached is not None:
            return cached
    catalog = _merge(files)
    with _lock:
        if len(_cache) > 16:
            _cache.clear()
        _cache[key] = catalog
    return catalog
