"""Serving the board to a browser through textual-serve (the projector PC needs no terminal).

Each browser tab gets its own board process, started with the same options. The page
textual-serve ships links a web font from a CDN; the board is meant for classrooms that
may be offline, so it is served from a copy of that page without the link (xterm falls
back to local monospace fonts), and with a larger default font for the back of the room.
"""

from __future__ import annotations

import atexit
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

from aiohttp import web
from textual_serve.server import Server

_CDN_LINK = re.compile(r"<link[^>]*fonts\.googleapis\.com[^>]*>\s*", re.IGNORECASE | re.DOTALL)


def offline_templates() -> Path:
    """A templates folder with textual-serve's page minus its CDN font link."""
    import textual_serve

    original = Path(textual_serve.__file__).parent / "templates" / "app_index.html"
    folder = Path(tempfile.mkdtemp(prefix="callsim-serve-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    page = _CDN_LINK.sub("", original.read_text(encoding="utf-8"))
    (folder / "app_index.html").write_text(page, encoding="utf-8")
    return folder


class BoardServer(Server):
    """textual-serve's server with an offline page and a default font size."""

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        font_size: int,
        public_url: str | None = None,
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title="callsim 成绩榜",
            public_url=public_url,
            templates_path=offline_templates(),
        )
        self.font_size = font_size

    async def handle_index(self, request: web.Request) -> Any:
        if "fontsize" not in request.query:
            query = dict(request.query)
            query["fontsize"] = str(self.font_size)
            raise web.HTTPFound(request.rel_url.with_query(query))
        return await super().handle_index(request)
