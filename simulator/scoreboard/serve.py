"""Serving the board to a browser through textual-serve (the projector PC needs no terminal).

Each browser tab gets its own board process, started with the same options. The page
textual-serve ships links a web font from a CDN; the board is meant for classrooms that
may be offline, so it is served from a copy of that page without the link (xterm falls
back to local monospace fonts), and with a larger default font for the back of the room.
Access rules (origin, host, token, session and size caps) are in `guard`; reaping the
board processes is in `sessions`.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import logging
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSMsgType, web
from textual_serve.server import Server

from simulator.scoreboard.guard import Access, clamp_size
from simulator.scoreboard.sessions import ReapedAppService

_CDN_LINK = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>\s*", re.IGNORECASE | re.DOTALL)
log = logging.getLogger("textual-serve")


def offline_templates() -> Path:
    """A templates folder with textual-serve's page minus its CDN font link."""
    # textual-serve (aiohttp) is imported only when the board is served on the web.
    import textual_serve  # noqa: PLC0415

    original = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    folder = Path(tempfile.mkdtemp(prefix="callsim-serve-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    page = _CDN_LINK.sub("", original.read_text(encoding="utf-8"))
    (folder / "app_index.html").write_text(page, encoding="utf-8")
    return folder


def _refuse(status: type[web.HTTPException], text: str) -> web.HTTPException:
    return status(text=text)  # text/plain; charset=utf-8


class BoardServer(Server):
    """textual-serve's server with an offline page, a default font size and access rules."""

    def __init__(
        self,
        command: str,
        *,
        access: Access,
        port: int,
        font_size: int,
    ) -> None:
        super().__init__(
            command,
            host=access.bind_host,
            port=port,
            title="callsim 成绩榜",
            public_url=access.public_url,
            templates_path=offline_templates(),
        )
        self.access = access
        self.font_size = font_size
        self.sessions: dict[web.WebSocketResponse, ReapedAppService] = {}
        self._open = 0  # sessions counted from the handshake on

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.router.add_get("/ws/{token}", self.handle_websocket, name="websocket-token")
        return app

    def _check(self, request: web.Request, token: str | None) -> None:
        if not self.access.host_allowed(request.headers.get("Host")):
            raise _refuse(web.HTTPForbidden, "此地址不提供成绩榜")
        if not self.access.token_ok(token):
            raise _refuse(web.HTTPForbidden, "缺少或错误的访问令牌：请使用启动时打印的完整地址")

    async def handle_index(self, request: web.Request) -> Any:
        self._check(request, request.query.get("token"))
        if "fontsize" not in request.query:
            query = dict(request.query)
            query["fontsize"] = str(self.font_size)
            raise web.HTTPFound(request.rel_url.with_query(query))
        context: dict[str, Any] = await Server.handle_index.__wrapped__(self, request)  # type: ignore[attr-defined]
        if self.access.public_url is None:
            # Address the websocket as the browser addressed the page.
            scheme = "wss" if request.secure else "ws"
            context["app_websocket_url"] = f"{scheme}://{request.host}/ws"
        if self.access.token is not None:
            context["app_websocket_url"] += f"/{self.access.token}"
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        self._check(request, request.match_info.get("token"))
        if not self.access.origin_allowed(request.headers.get("Origin"), request.host):
            raise _refuse(web.HTTPForbidden, "只接受本成绩榜页面发起的连接")
        if self._open >= self.access.max_sessions:
            raise _refuse(web.HTTPServiceUnavailable, "同时打开的成绩榜已达上限，请关闭其他页面")
        width, height = clamp_size(request.query.get("width"), request.query.get("height"))
        websocket = web.WebSocketResponse(heartbeat=15, max_msg_size=64 * 1024)
        self._open += 1
        service: ReapedAppService | None = None
        try:
            await websocket.prepare(request)

            async def close() -> None:
                await websocket.close()

            service = ReapedAppService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            self.sessions[websocket] = service
            await service.start(width, height)
            await self._relay(websocket, service)
        except asyncio.CancelledError:
            await websocket.close()
        except (ConnectionError, RuntimeError, ValueError) as error:
            log.warning("board session ended: %s", error)
        finally:
            self._open -= 1
            self.sessions.pop(websocket, None)
            if service is not None:
                await service.stop()
        return websocket

    async def _relay(self, websocket: web.WebSocketResponse, service: ReapedAppService) -> None:
        """Pass the browser's messages on; malformed ones are ignored, sizes capped."""
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            try:
                envelope = json.loads(message.data)
            except ValueError:
                continue
            if not isinstance(envelope, list) or not envelope:
                continue
            kind, data = envelope[0], envelope[1] if len(envelope) > 1 else None
            if kind == "stdin" and isinstance(data, str):
                await service.send_bytes(data.encode("utf-8", "replace"))
            elif kind == "resize" and isinstance(data, dict):
                await service.set_terminal_size(*clamp_size(data.get("width"), data.get("height")))
            elif kind == "ping":
                await websocket.send_json(["pong", data])
            elif kind == "blur":
                await service.blur()
            elif kind == "focus":
                await service.focus()

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every session and kill every board, whatever state it is in."""
        for websocket, service in list(self.sessions.items()):
            await service.kill()
            await websocket.close()
        await super().on_shutdown(app)
