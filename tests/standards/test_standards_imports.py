"""simulator.standards stays headless: no Textual, no audio libraries."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("textual", "pyttsx3", "speech_recognition", "faster_whisper", "pyaudio", "ctranslate2")


def test_standards_import_no_ui_or_audio() -> None:
    code = (
        "import sys, simulator.standards as s\n"
        "s.default_matcher().find_group('您好', 'greeting')\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.strip() == ""
