"""The trainee's remembered sign-in: a small JSON file in the data folder.

A new hire types the name and work number once; the next start fills them in. A
missing, unreadable or malformed file just means "nobody signed in yet".
"""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Literal

InputKind = Literal["keyboard", "voice"]
Mode = Literal["practice", "exam"]

SETTINGS_FILE = "tui-settings.json"
_WRITING = threading.Lock()  # two quick sign-ins must not interleave their writes


@dataclass(frozen=True)
class Trainee:
    """Who is training, and how they last chose to train."""

    name: str = ""
    agent_id: str = ""
    mode: Mode = "practice"
    input: InputKind = "keyboard"
    class_name: str = ""
    """The class the results are filed under on the scoreboard ("" = none given)."""

    @property
    def signed_in(self) -> bool:
        return bool(self.name.strip() and self.agent_id.strip())

    def with_choice(self, *, mode: Mode | None = None, input: InputKind | None = None) -> Trainee:
        return replace(self, mode=mode or self.mode, input=input or self.input)


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILE


def load_trainee(data_dir: Path) -> Trainee:
    """The remembered trainee, or an empty one when there is nothing usable on disk."""
    try:
        data: Any = json.loads(settings_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Trainee()
    if not isinstance(data, dict):
        return Trainee()
    return Trainee(
        name=_text(data.get("name")),
        agent_id=_text(data.get("agent_id")),
        mode="exam" if data.get("mode") == "exam" else "practice",
        input="voice" if data.get("input") == "voice" else "keyboard",
        class_name=_text(data.get("class_name")),
    )


def save_trainee(data_dir: Path, trainee: Trainee) -> Path:
    """Write the settings file (atomically: a half-written file never replaces a good one)."""
    path = settings_path(data_dir)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    with _WRITING:
        partial.write_text(json.dumps(asdict(trainee), ensure_ascii=False, indent=1), "utf-8")
        partial.replace(path)
    return path


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""
