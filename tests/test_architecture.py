"""House rules that keep the core testable: the layers of tests/layers.py hold, the engine
and the grader stay UI- and audio-free, and modules stay small."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.layers import CORE, LAYERS, TEXTUAL_FREE, UI_AND_AUDIO, Violation, scan

ROOT = Path(__file__).resolve().parent.parent


def test_no_module_imports_a_higher_layer_or_a_sibling_part() -> None:
    violations = [str(v) for v in scan(ROOT)]
    assert violations == [], "\n".join([*violations, "(the layers: LAYERS in tests/layers.py)"])


def test_every_package_of_simulator_is_placed_in_a_layer() -> None:
    placed = {part for layer in LAYERS for part in layer}
    packages = {
        f"simulator.{path.parent.name}" for path in (ROOT / "simulator").glob("*/__init__.py")
    }
    assert packages - placed == set()


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    """A small `simulator` package under tmp_path: every folder gets an `__init__.py`."""
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for folder in [tmp_path / "simulator", *(tmp_path / "simulator").rglob("*")]:
        if folder.is_dir() and not (folder / "__init__.py").exists():
            (folder / "__init__.py").write_text("", encoding="utf-8")
    return tmp_path


def test_a_wrong_import_inside_a_function_of_the_real_tree_is_caught(tmp_path: Path) -> None:
    """A copy of the package with one deliberately wrong module: the recorder reaching up
    into the grader from inside a function, where importing the module would never see it."""
    copy = tmp_path / "tree"
    shutil.copytree(
        ROOT / "simulator", copy / "simulator", ignore=shutil.ignore_patterns("__pycache__")
    )
    before = {str(v) for v in scan(copy)}
    probe = copy / "simulator" / "recording" / "layer_probe.py"
    probe.write_text(
        '"""Deliberately wrong."""\n\n\ndef grade_now() -> None:\n'
        "    from simulator.grading import grader  # noqa: PLC0415\n\n    del grader\n",
        encoding="utf-8",
    )
    new = [v for v in scan(copy) if str(v) not in before]
    assert [(v.path.as_posix(), v.line, v.imported) for v in new] == [
        ("simulator/recording/layer_probe.py", 5, "simulator.grading")
    ]
    assert "may not import" in new[0].reason


@pytest.mark.parametrize(
    ("source", "imported"),
    [
        ("import simulator.tui.app\n", "simulator.tui.app"),
        ("from simulator.tui import app\n", "simulator.tui"),
        ("from ..tui import app\n", "simulator.tui"),
        (
            "from typing import TYPE_CHECKING\n"
            "if TYPE_CHECKING:\n    from simulator.tui import app\n",
            "simulator.tui",
        ),
        (
            "import importlib\n\n"
            "def f():\n    return importlib.import_module('simulator.tui.app')\n",
            "simulator.tui.app",
        ),
    ],
    ids=["import", "from", "relative", "type-checking", "import_module"],
)
def test_every_form_of_import_is_seen(tmp_path: Path, source: str, imported: str) -> None:
    root = _tree(tmp_path, {"simulator/engine/call.py": source, "simulator/tui/app.py": ""})
    found = scan(root)
    assert found, "no violation reported"
    assert found[0].imported == imported
    assert found[0].path == Path("simulator/engine/call.py")


def test_parts_of_one_layer_are_independent_and_lower_layers_are_allowed(tmp_path: Path) -> None:
    root = _tree(
        tmp_path,
        {
            "simulator/engine/call.py": "from simulator.grading import grader\n",
            "simulator/grading/grader.py": "from simulator.scenario import models\n",
            "simulator/scenario/models.py": "from simulator import clock, errors\n",
            "simulator/clock.py": "from simulator import errors\n",
            "simulator/errors.py": "",
        },
    )
    assert [(str(v.path), v.reason) for v in scan(root)] == [
        (
            str(Path("simulator/engine/call.py")),
            "simulator.engine and simulator.grading are independent parts of one layer",
        )
    ]


def test_a_package_in_no_layer_is_reported(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"simulator/gadgets/thing.py": ""})
    assert {v.importer for v in scan(root)} == {"simulator.gadgets", "simulator.gadgets.thing"}
    assert all("not in any layer" in v.reason for v in scan(root))


def test_the_core_may_not_import_a_ui_or_audio_library(tmp_path: Path) -> None:
    root = _tree(tmp_path, {"simulator/grading/screen.py": "import textual.app\n"})
    assert [v.imported for v in scan(root)] == ["textual.app"]


@pytest.mark.parametrize(
    ("source", "imported"),
    [
        ("from textual.message import Message\n", "textual.message"),
        ("def f():\n    from simulator.tui import messages\n", "simulator.tui.messages"),
        ("from simulator.tui.app import CallsimApp\n", "simulator.tui.app"),
    ],
    ids=["textual", "sibling-in-function", "the-app"],
)
def test_the_ui_model_imports_no_textual_nor_the_drawing_side(
    tmp_path: Path, source: str, imported: str
) -> None:
    root = _tree(
        tmp_path,
        {
            "simulator/tui/model/probe.py": source,
            "simulator/tui/model/library.py": "from simulator.tui.model import trainee\n",
            "simulator/tui/model/trainee.py": "from simulator.scenario import models\n",
            "simulator/tui/messages.py": "",
            "simulator/tui/app.py": "from simulator.tui.model import library\n",
            "simulator/scenario/models.py": "",
        },
    )
    assert [(v.path.as_posix(), v.imported) for v in scan(root)] == [
        ("simulator/tui/model/probe.py", imported)
    ]


@pytest.mark.parametrize("part", TEXTUAL_FREE)
def test_the_ui_model_loads_without_textual(part: str) -> None:
    """What the scan cannot see: importing every module of the model pulls no Textual in."""
    probe = (
        "import sys, json, importlib, pkgutil; "
        f"package = importlib.import_module({part!r}); "
        "[importlib.import_module(f'{package.__name__}.{m.name}') "
        "for m in pkgutil.iter_modules(package.__path__)]; "
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = json.loads(done.stdout)
    assert [m for m in loaded if m.split(".")[0] == "textual"] == []


def test_a_violation_reads_as_one_line_with_file_and_line() -> None:
    line = str(Violation(Path("simulator/x.py"), 3, "simulator.x", "simulator.tui", "why"))
    assert line == "simulator/x.py:3: simulator.x imports simulator.tui: why"


@pytest.mark.parametrize("package", CORE)
def test_core_packages_load_no_ui_or_audio_module(package: str) -> None:
    """What the scan cannot see: nothing pulls a UI or audio module in at import time."""
    probe = (
        f"import sys, json, importlib; importlib.import_module({package!r}); "
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = json.loads(done.stdout)
    offenders = [m for m in loaded if m.split(".")[0] in UI_AND_AUDIO]
    offenders += [m for m in loaded if m.startswith(("simulator.tui", "simulator.voice"))]
    assert offenders == [], f"{package} pulls in {offenders}"


def test_no_source_module_grows_past_500_lines() -> None:
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / "simulator").rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert too_long == {}
