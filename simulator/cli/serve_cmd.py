"""`callsim serve scoreboard`: the live scoreboard in a web browser (textual-serve)."""

from __future__ import annotations

import argparse
import secrets
import shlex
import sys
from typing import TYPE_CHECKING, Any

from simulator.cli.scoreboard_cmd import add_board_arguments, board_argv

if TYPE_CHECKING:
    from simulator.scoreboard.guard import Access
    from simulator.settings import Settings

DEFAULT_FONT_SIZE = 24
DEFAULT_MAX_SESSIONS = 8  # simulator.scoreboard.guard's, not imported to keep this cheap
TOKEN_ENV = "CALLSIM_SERVE_TOKEN"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="在浏览器中打开（textual-serve）",
        description="把成绩榜作为网页提供：投影电脑只需打开浏览器，不需要终端。",
    )
    targets = parser.add_subparsers(dest="target", metavar="WHAT", required=True)
    board = targets.add_parser(
        "scoreboard",
        help="实时成绩榜",
        description="在浏览器中显示实时成绩榜。每个浏览器标签页各自运行一个成绩榜。",
    )
    board.add_argument(
        "--host",
        default="127.0.0.1",
        help="监听地址（默认 127.0.0.1 只允许本机；教室里共享用 0.0.0.0）",
    )
    board.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    board.add_argument(
        "--public-url",
        metavar="URL",
        default=None,
        help="浏览器访问的地址，监听 0.0.0.0 时需要，例如 http://192.168.1.20:8000",
    )
    board.add_argument(
        "--token",
        default=None,
        help="访问令牌：网页地址须带 ?token=令牌；监听非本机地址时必需"
        "（不指定则启动时生成并打印；也可用 $CALLSIM_SERVE_TOKEN）",
    )
    board.add_argument(
        "--max-sessions",
        type=int,
        default=DEFAULT_MAX_SESSIONS,
        metavar="N",
        help=f"同时打开的成绩榜网页上限（默认 {DEFAULT_MAX_SESSIONS}，每个网页占用一个进程）",
    )
    board.add_argument(
        "--font-size",
        type=int,
        default=DEFAULT_FONT_SIZE,
        metavar="PX",
        help=f"网页字号（默认 {DEFAULT_FONT_SIZE}，便于教室后排阅读）",
    )
    add_board_arguments(board)
    board.set_defaults(handler=run)


def run(args: argparse.Namespace, settings: Settings) -> int:
    from simulator.errors import UserError
    from simulator.scoreboard.serve import BoardServer
    from simulator.settings import using
    from simulator.store.engine import open_store
    from simulator.store.filters import parse_since

    if not 1 <= args.port <= 65535:
        raise UserError(f"端口 {args.port} 无效", hint="用 1–65535 之间的数字")
    if not 1 <= args.max_sessions <= 100:
        raise UserError(f"--max-sessions {args.max_sessions} 无效", hint="用 1–100 之间的数字")
    access = access_for(args, settings)
    parse_since(args.since)  # a bad --since fails here, not in every browser tab
    store = open_store(settings.db)  # a bad --db / CALLSIM_DB fails here too
    options: dict[str, str] = {}
    if args.pseudonyms:
        # One key for every tab, so all screens show the same pseudonyms; the boards get
        # it in their environment (see scoreboard.sessions), never on a command line.
        key = args.pseudonym_key or settings.pseudonym_key or secrets.token_hex(16)
        options["pseudonym_key"] = key
    command = shlex.join([sys.executable, "-m", "simulator", "scoreboard", *board_argv(args)])
    print(f"callsim: 成绩库 {store.display_url}", file=sys.stderr)
    if access.token is not None:
        print(f"callsim: 成绩榜地址 {page_url(access, args.port)}", file=sys.stderr)
    server = BoardServer(command, access=access, port=args.port, font_size=args.font_size)
    with using(settings.model_copy(update=options)):
        server.serve()
    return 0


def access_for(args: argparse.Namespace, settings: Settings | None = None) -> Access:
    """The access rules: a token is required (and made up if not given) off loopback.

    The token comes from `--token`, else the settings' (`$CALLSIM_SERVE_TOKEN`): the
    command's, else those in force."""
    from simulator.errors import UserError
    from simulator.scoreboard.guard import Access, is_loopback, new_token
    from simulator.settings import current

    token = args.token or (settings or current()).serve_token
    usable = token is None or (
        len(token) >= 8 and all(ch.isascii() and (ch.isalnum() or ch in "-_") for ch in token)
    )
    if not usable:
        raise UserError("访问令牌至少 8 个字符，只能用字母、数字、- 和 _")
    if token is None and not is_loopback(args.host):
        token = new_token()
    return Access(args.host, args.public_url, token, args.max_sessions)


def page_url(access: Access, port: int) -> str:
    """The address to open in the browser, with the token."""
    from urllib.parse import quote

    base = access.public_url or f"http://{access.bind_host}:{port}"
    suffix = f"/?token={quote(access.token)}" if access.token else "/"
    return base.rstrip("/") + suffix
