"""One board process per browser session, always reaped.

textual-serve starts each board through a shell and, on a client close, asks it to
quit and waits for it however long that takes; a board busy drawing a huge terminal
never hears the request and outlives the server. Here each board runs in its own
process group (no shell), gets a short grace period to quit, and is then killed with
its whole group; the server kills every remaining group when it shuts down, and at
interpreter exit as a last resort.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import os
import shlex
import signal
from asyncio.subprocess import Process

from textual_serve.app_service import AppService

from simulator import settings

QUIT_GRACE_S = 3.0
TERM_GRACE_S = 2.0

_LIVE_GROUPS: set[int] = set()


def _kill_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


@atexit.register
def _kill_leftovers() -> None:
    for pgid in list(_LIVE_GROUPS):
        _kill_group(pgid, signal.SIGKILL)
    _LIVE_GROUPS.clear()


class ReapedAppService(AppService):
    """textual-serve's AppService whose process (and its children) cannot outlive it."""

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        environment = self._build_environment(width=width, height=height)
        # The serving command's settings (`--db`, the pseudonym key) reach each board
        # through its environment, never its command line (a process list shows that).
        environment.update(settings.current().environment())
        self._process = process = await asyncio.create_subprocess_exec(
            *shlex.split(self.command),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=environment,
            start_new_session=True,
        )
        _LIVE_GROUPS.add(process.pid)
        assert process.stdin is not None
        self._stdin = process.stdin
        return process

    async def stop(self) -> None:
        """Ask the board to quit; kill its process group if it has not within the grace."""
        try:
            await asyncio.wait_for(super().stop(), timeout=QUIT_GRACE_S)
        except TimeoutError:
            pass
        finally:
            await self.kill()

    async def kill(self) -> None:
        """End the board's process group (TERM, then KILL) and wait for the board."""
        process = self._process
        if process is None or process.pid not in _LIVE_GROUPS:
            return
        if process.returncode is None:
            _kill_group(process.pid, signal.SIGTERM)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(process.wait(), timeout=TERM_GRACE_S)
        # The group may hold children of the board even after the board itself ended.
        _kill_group(process.pid, signal.SIGKILL)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), timeout=TERM_GRACE_S)
        _LIVE_GROUPS.discard(process.pid)
        if self._task is not None and not self._task.done():
            self._task.cancel()
