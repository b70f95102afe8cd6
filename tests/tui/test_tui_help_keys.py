"""The F1 help names every key the call, report and replay screens bind."""

from __future__ import annotations

import re

import pytest
from textual.binding import Binding
from textual.screen import Screen

from simulator.tui.screens.call import CallScreen
from simulator.tui.screens.help import HELP_TEXT
from simulator.tui.screens.replay import ReplayScreen
from simulator.tui.screens.report import ReportScreen

SHOWN = {"space": "空格", "enter": "回车", "escape": "Esc", "right": "→", "left": "←"}
SHOWN |= {"period": ".", "comma": ","}


def _section(title: str) -> str:
    """The help's bullet for one screen, with its continuation lines."""
    match = re.search(rf"^- \*\*{title}\*\*：.*?(?=^- |^\n|\Z)", HELP_TEXT, re.M | re.S)
    assert match is not None, title
    return match.group(0)


def _keys(screen: type[Screen[object]]) -> set[str]:
    keys: set[str] = set()
    for binding in screen.BINDINGS:
        assert isinstance(binding, Binding)
        for key in binding.key.split(","):
            keys.add(SHOWN.get(key, key.upper() if key.startswith("f") and key[1:] else key))
    return keys


@pytest.mark.parametrize(
    ("screen", "title"),
    [(CallScreen, "通话"), (ReportScreen, "评分报告"), (ReplayScreen, "回放")],
)
def test_help_lists_every_key_the_screen_binds(screen: type[Screen[object]], title: str) -> None:
    listed = set(re.findall(r"`([^`]+)`", _section(title)))
    missing = _keys(screen) - listed
    assert not missing, f"{title}: {sorted(missing)}"


def test_help_names_the_class_demo_and_the_next_fail() -> None:
    assert "`F6` 课堂演示" in _section("通话")
    assert "`f` 下一处失分" in _section("回放")
