"""House rules that keep the core testable: the engine and the grader stay UI- and audio-free."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORE = [
    "simulator.engine",
    "simulator.grading",
    "simulator.scenario",
    "simulator.standards",
    "simulator.recording",
]
FORBIDDEN_PREFIXES = (
    "textual",
    "pyttsx3",
    "speech_recognition",
    "faster_whisper",
    "ctranslate2",
    "onnxruntime",
    "pyaudio",
    "sounddevice",
    "simpleaudio",
    "simulator.tui",
    "simulator.voice",
)


@pytest.mark.parametrize("package", CORE)
def test_core_packages_never_import_ui_or_audio(package: str) -> None:
    probe = (
        f"import sys, json, importlib; importlib.import_module({package!r}); "
        "print(json.dumps(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = json.loads(done.stdout)
    offenders = [
        m for m in loaded if m.split(".")[0] in FORBIDDEN_PREFIXES or m in FORBIDDEN_PREFIXES
    ]
    offenders += [m for m in loaded if m.startswith(("simulator.tui", "simulator.voice"))]
    assert offenders == [], f"{package} pulls in {offenders}"


def test_no_source_module_grows_past_500_lines() -> None:
    too_long = {
        str(path.relative_to(ROOT)): n
        for path in (ROOT / "simulator").rglob("*.py")
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
    }
    assert too_long == {}
