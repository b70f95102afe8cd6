"""The board's commands: option checks, and no database or UI library loaded for
commands that do not need them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from simulator.cli import main
from simulator.cli.scoreboard_cmd import board_argv
from simulator.cli.scoreboard_cmd import register as register_board
from simulator.cli.serve_cmd import register as register_serve

HEAVY = ("sqlalchemy", "psycopg", "textual", "textual_serve", "aiohttp")


def test_building_the_cli_loads_no_heavy_library() -> None:
    # Every `callsim` run registers these commands; only running one may load more.
    code = (
        "import argparse, json, sys\n"
        "from simulator.cli import scoreboard_cmd, serve_cmd, report_cmd, exam_cmd\n"
        "parser = argparse.ArgumentParser(); sub = parser.add_subparsers()\n"
        "for module in (scoreboard_cmd, serve_cmd, report_cmd, exam_cmd):\n"
        "    module.register(sub)\n"
        "parser.parse_args(['scoreboard', '--class', 'x'])\n"
        "import simulator.store, simulator.store.urls, simulator.exams.models\n"
        f"print(json.dumps([m for m in {list(HEAVY)!r} if m in sys.modules]))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert json.loads(done.stdout) == []


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["scoreboard", "--refresh", "5"], "--refresh"),
        (["scoreboard", "--top", "0"], "--top"),
        (["scoreboard", "--since", "yesterday-ish"], "无法理解的时间"),
        (["serve", "scoreboard", "--port", "0"], "端口"),
    ],
)
def test_bad_options_exit_2(argv: list[str], message: str, capsys) -> None:
    assert main(argv) == 2
    assert message in capsys.readouterr().err


def test_bad_database_url_exits_2_without_the_password(capsys) -> None:
    assert main(["--db", "nosuch+driver://u:TopSecret1@h/db", "scoreboard"]) == 2
    err = capsys.readouterr().err
    assert "结果数据库地址无效" in err and "TopSecret1" not in err and "u:***@h" in err


def test_serve_rebuilds_the_same_board() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers()
    register_board(sub)
    register_serve(sub)
    args = parser.parse_args(
        ["serve", "scoreboard", "--class", "一班", "--since", "2h", "--pseudonyms", "--top", "8"]
    )
    again = parser.parse_args(["scoreboard", *board_argv(args)])
    for name in ("class_name", "since", "pseudonyms", "top", "mode", "rank_by", "refresh"):
        assert getattr(again, name) == getattr(args, name)
