"""The layers of the `simulator` package and a scan that finds every import across them.

A module may import its own layer's package and any lower layer, never a higher one; the
packages of one layer (engine and grading, say) do not import each other either. The scan
reads the source (ast), so it sees what importing alone would miss: imports inside
functions, under `if TYPE_CHECKING:`, and `importlib.import_module("simulator.…")` with a
literal name. A module of `simulator` that no layer names is reported too, so a new
package has to be placed before it can be used.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

PACKAGE = "simulator"

LAYERS: tuple[tuple[str, ...], ...] = (
    # Foundations: used everywhere, importing nothing of callsim but each other.
    (
        "simulator",
        "simulator.clock",
        "simulator.errors",
        "simulator.files",
        "simulator.timers",
        "simulator.locations",
        "simulator.settings",
        "simulator.cache",
    ),
    ("simulator.recording",),
    ("simulator.yamlpos",),
    ("simulator.standards",),
    ("simulator.scenario",),
    ("simulator.engine", "simulator.grading"),
    ("simulator.store",),
    ("simulator.coaching",),
    ("simulator.reports", "simulator.exams"),
    ("simulator.voice",),
    ("simulator.terminal",),
    ("simulator.tui", "simulator.scoreboard"),
    ("simulator.cli",),
    ("simulator.__main__",),
)
"""Lowest first. Within a layer, each entry is a part that the others may not import
(except in the first layer, whose modules are small utilities that may use each other)."""

SHARED_LAYERS = frozenset({0})
"""Layers whose parts may import each other."""

CORE: tuple[str, ...] = (
    "simulator.engine",
    "simulator.grading",
    "simulator.scenario",
    "simulator.standards",
    "simulator.recording",
    "simulator.yamlpos",
)
"""Parts that run without a terminal UI or audio: the grader and the engine in a test,
a batch job or a server."""

UI_AND_AUDIO = (
    "textual",
    "pyttsx3",
    "speech_recognition",
    "faster_whisper",
    "ctranslate2",
    "onnxruntime",
    "pyaudio",
    "sounddevice",
    "simpleaudio",
)
"""Third-party packages the core must not import."""

TEXTUAL_FREE: tuple[str, ...] = ("simulator.tui.model",)
"""Parts of the UI layer that hold state and work without drawing: they import no Textual,
and no module of their UI package outside themselves (the screens, widgets and messages
there all import Textual)."""


@dataclass(frozen=True)
class Violation:
    """One import that breaks the contract, with where it is."""

    path: Path
    line: int
    importer: str
    imported: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.importer} imports {self.imported}: {self.reason}"


def module_name(root: Path, path: Path) -> str:
    """`root/simulator/grading/catalog.py` -> `simulator.grading.catalog`."""
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def part_of(module: str) -> tuple[int, str] | None:
    """(layer index, part) of a module of the package: the longest part that contains it."""
    best: tuple[int, str] | None = None
    for index, layer in enumerate(LAYERS):
        for part in layer:
            inside = module == part or module.startswith(part + ".")
            if part == PACKAGE:
                inside = module == PACKAGE
            if inside and (best is None or len(part) > len(best[1])):
                best = (index, part)
    return best


def imports_of(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import anywhere in a module's syntax tree."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            yield node.lineno, base
            for alias in node.names:
                # `from simulator import locations` imports the module simulator.locations.
                yield node.lineno, f"{base}.{alias.name}"
        elif isinstance(node, ast.Call) and _is_import_module(node):
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield node.lineno, first.value


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    if not is_package:
        parts.pop()
    parts = parts[: len(parts) - (node.level - 1)]
    return ".".join([*parts, node.module] if node.module else parts)


def _is_import_module(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in {"import_module", "__import__"} and bool(node.args)


def scan(root: Path) -> list[Violation]:
    """Every import under `root/simulator` that breaks the layers, in file order."""
    found: list[Violation] = []
    for path in sorted((root / PACKAGE).rglob("*.py")):
        module = module_name(root, path)
        shown = path.relative_to(root)
        mine = part_of(module)
        if mine is None:
            found.append(Violation(shown, 1, module, module, "not in any layer (tests/layers.py)"))
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, imported in imports_of(tree, module, path.name == "__init__.py"):
            reason = _breach(mine, imported) or _draws(module, imported)
            if reason is not None:
                found.append(Violation(shown, line, module, imported, reason))
    return _deduplicated(found)


def _breach(mine: tuple[int, str], imported: str) -> str | None:
    layer, part = mine
    top = imported.split(".", maxsplit=1)[0]
    if top != PACKAGE:
        if part in CORE and top in UI_AND_AUDIO:
            return "the core never imports a UI or audio library"
        return None
    theirs = part_of(imported)
    if theirs is None:
        return None  # `from simulator.x import name` also yields `simulator.x.name`
    their_layer, their_part = theirs
    if their_layer > layer:
        return f"layer {layer} ({part}) may not import layer {their_layer} ({their_part})"
    if their_layer == layer and their_part != part and layer not in SHARED_LAYERS:
        return f"{part} and {their_part} are independent parts of one layer"
    return None


def _draws(module: str, imported: str) -> str | None:
    """Why a Textual-free module may not import `imported`, or None when it may."""
    for part in TEXTUAL_FREE:
        if not (module == part or module.startswith(part + ".")):
            continue
        if imported.split(".", maxsplit=1)[0] == "textual":
            return f"{part} holds no Textual"
        package = part.rsplit(".", maxsplit=1)[0]
        # `from simulator.tui import model` also yields the bare `simulator.tui`: allowed,
        # that package's `__init__` imports nothing.
        inside = imported == part or imported.startswith(part + ".")
        if imported.startswith(package + ".") and not inside:
            return f"{part} holds no Textual: it may not import the rest of {package}"
    return None


def _deduplicated(found: list[Violation]) -> list[Violation]:
    seen: set[tuple[Path, int, str]] = set()
    unique: list[Violation] = []
    for violation in found:
        key = (violation.path, violation.line, violation.reason)
        if key not in seen:
            seen.add(key)
            unique.append(violation)
    return unique


def main() -> int:
    """Print the violations of the working tree (`python tests/layers.py`)."""
    root = Path(__file__).resolve().parent.parent
    violations = scan(root)
    for violation in violations:
        print(violation)
    return 1 if violations else 0


if __name__ == "__main__":
    raise SystemExit(main())
