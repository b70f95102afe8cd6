"""`callsim` imports only the subcommand it runs, and its table of subcommands is true."""

from __future__ import annotations

import argparse
import subprocess
import sys

import pytest

from simulator.cli import SUBCOMMANDS, build_parser, chosen_command, subcommand_module
from simulator.locations import PROJECT_ROOT

HEAVY = (
    "textual",
    "pydantic",
    "pypinyin",
    "numpy",
    "ruamel",
    "sqlalchemy",
    "simulator.grading",
    "simulator.scenario",
    "simulator.standards",
    "simulator.tui",
    "simulator.voice",
)


def subparser_helps(parser: argparse.ArgumentParser) -> dict[str, str | None]:
    (action,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return {choice.dest: choice.help for choice in action._choices_actions}


@pytest.mark.parametrize("name", list(SUBCOMMANDS))
def test_each_line_of_the_table_is_the_modules_own_help(name: str) -> None:
    registered = subparser_helps(build_parser(name))
    assert registered[name] == SUBCOMMANDS[name]
    assert callable(getattr(subcommand_module(name), "register", None))


def test_help_lists_every_subcommand_without_importing_one() -> None:
    code = (
        "import sys\n"
        "from simulator.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        f"heavy = {HEAVY!r}\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(heavy) or '_cmd' in m)\n"
        "print('LOADED', loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "LOADED []" in done.stdout
    for name in SUBCOMMANDS:
        assert f"    {name} " in done.stdout


def test_a_missing_subcommand_module_is_an_error_not_a_silent_gap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(SUBCOMMANDS, "nosuch", "不存在")
    with pytest.raises(ModuleNotFoundError):
        build_parser("nosuch")


@pytest.mark.parametrize(
    ("argv", "command"),
    [
        ([], None),
        (["--help"], None),
        (["grade", "a.jsonl"], "grade"),
        (["--recordings", "grade", "validate"], "validate"),
        (["--db", "sqlite:///x", "--scenarios", "play", "report"], "report"),
        (["--recordings=grade", "play"], "play"),
        (["nonsense", "grade"], None),
        (["--version"], None),
    ],
)
def test_the_command_is_found_past_global_options_and_their_values(
    argv: list[str], command: str | None
) -> None:
    assert chosen_command(argv) == command


def test_the_app_starts_without_the_grader_the_catalog_or_audio() -> None:
    """What the sign-in screen needs is Textual and the models; the rest loads on use."""
    code = (
        "import sys\n"
        "import simulator.tui.app, simulator.tui.screens.signin\n"
        "heavy = ('pypinyin', 'numpy', 'ruamel', 'sqlalchemy', 'simulator.standards',\n"
        "         'simulator.grading', 'simulator.scenario.loader',\n"
        "         'faster_whisper', 'sounddevice', 'pyttsx3')\n"
        "print('LOADED', sorted(m for m in sys.modules if m.startswith(heavy)))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    assert "LOADED []" in done.stdout
