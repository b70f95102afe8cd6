"""Loading and checking the phrase catalog files (scenarios/standards/*.yaml).

`validate_catalog_file` reports every problem of one file with its line and column (for
`callsim validate`); `load_catalog` merges a folder's files into one `Catalog` and raises
`UserError` (a `YamlFileError` listing the problems) at the first bad file. Both use
the YAML machinery of the scenario loader (simulator.yamlpos), so catalog mistakes read
like scenario mistakes.
Loaded catalogs are cached until a file of the folder changes.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from simulator import cache, locations
from simulator.errors import UserError
from simulator.standards.models import (
    Catalog,
    CatalogFile,
    ForbiddenFamily,
    ForbiddenPhrase,
    PhraseGroup,
)

if TYPE_CHECKING:
    from simulator.yamlpos import Problem, YamlFileError

__all__ = ["Problem", "load_catalog", "validate_catalog_file"]

# The YAML machinery (simulator.yamlpos, ruamel.yaml) is imported where a file is read:
# a catalog found in the disk cache (simulator.cache) never needs it, which keeps a short
# command such as `callsim grade` quick.


def __getattr__(name: str) -> Any:
    if name == "Problem":
        from simulator.yamlpos import Problem  # noqa: PLC0415 - start-up time, see above

        return Problem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_TOP_HINT = "短语库文件的顶层是 groups:（用语组列表）和 forbidden:（禁用语列表）"


def _is_blank(path: Path) -> bool:
    """A file with nothing but comments and blank lines (an empty catalog file is fine)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines())


def _read(path: Path) -> tuple[CatalogFile | None, list[Problem]]:
    from simulator.yamlpos import validate_model_file  # noqa: PLC0415 - start-up time

    if _is_blank(path):
        return CatalogFile(), []
    return validate_model_file(path, CatalogFile, top_hint=_TOP_HINT)


def validate_catalog_file(path: Path) -> list[Problem]:
    """Every problem of one catalog file, each with its line and column; [] if it is fine."""
    return _read(Path(path))[1]


def _catalog_files(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def _duplicate(path: Path, index: int, group_id: str, first: Path) -> YamlFileError:
    from simulator.yamlpos import Problem, YamlFileError, read_yaml  # noqa: PLC0415

    line, column = read_yaml(path).position(("groups", index, "id"))
    return YamlFileError(
        [
            Problem(
                path,
                line,
                column,
                f"groups[{index}].id",
                f"用语组 {group_id} 已在 {first.name} 中定义",
                "每个用语组 id 在整个 standards/ 目录中只能出现一次",
            )
        ]
    )


def _merge(files: list[Path]) -> Catalog:
    groups: dict[str, PhraseGroup] = {}
    where: dict[str, Path] = {}
    forbidden: list[ForbiddenPhrase] = []
    families: dict[str, ForbiddenFamily] = {}
    for path in files:
        parsed, problems = _read(path)
        if parsed is None:
            from simulator.yamlpos import YamlFileError  # noqa: PLC0415 - start-up time

            raise YamlFileError(problems)
        for index, group in enumerate(parsed.groups):
            if group.id in groups:
                raise _duplicate(path, index, group.id, where[group.id])
            groups[group.id] = group
            where[group.id] = path
        forbidden.extend(parsed.forbidden)
        for family in parsed.families:
            families.setdefault(family.id, family)
    for key, named in (("includes", "包含的"), ("part_of", "part_of 列出的")):
        _check_links(groups, where, key, named)
    return Catalog(groups=groups, forbidden=tuple(forbidden), files=tuple(files), families=families)


def _check_links(
    groups: dict[str, PhraseGroup], where: dict[str, Path], key: str, named: str
) -> None:
    """A group's `includes` / `part_of` name other groups that name none themselves."""
    for group_id, group in groups.items():
        for other in getattr(group, key):
            if other == group_id:
                problem = f"用语组 {group_id} 的 {key} 不能列出它自己"
            elif other not in groups:
                problem = f"用语组 {group_id} {named} {other} 在目录中不存在"
            elif getattr(groups[other], key):
                problem = f"用语组 {group_id} {named} {other} 自己也有 {key}（只允许一层）"
            elif key == "part_of" and group_id in groups[other].includes:
                # Judging the whole would judge this group again, and that the whole.
                problem = f"用语组 {group_id} 属于 {other}，{other} 又包含它（不能互相引用）"
            else:
                continue
            raise _bad_include(where[group_id], group_id, problem, key)


def _bad_include(path: Path, group_id: str, problem: str, key: str) -> YamlFileError:
    from simulator.yamlpos import Problem, YamlFileError, read_yaml  # noqa: PLC0415

    document = read_yaml(path)
    index = next(i for i, g in enumerate(document.data["groups"]) if g.get("id") == group_id)
    line, column = document.position(("groups", index, key))
    return YamlFileError(
        [
            Problem(
                path,
                line,
                column,
                f"groups[{index}].{key}",
                problem,
                f"{key} 只能列出目录中已有、且自身没有 {key} 的其他用语组",
            )
        ]
    )


def _compiled(folder: Path, files: list[Path]) -> Catalog:
    """`_merge(files)`, read from the disk cache when these very bytes were merged before.

    Parsing the YAML with positions is most of a short command's time (see
    simulator.cache); the key holds every file's content and the code version.
    """
    key = cache.content_key("catalog", files, str(folder.resolve()))
    return cache.cached("catalog", key, lambda: _merge(files))


_cache: dict[tuple[object, ...], Catalog] = {}
_lock = threading.Lock()
_CACHED_FOLDERS = 16


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
    catalog = _compiled(folder, files)
    with _lock:
        if len(_cache) >= _CACHED_FOLDERS:
            _cache.clear()
        _cache[key] = catalog
    return catalog
