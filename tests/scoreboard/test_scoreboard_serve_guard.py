"""The served board's access rules and process hygiene (issue 16, item 9), on loopback.

Origin and Host are checked, sessions and terminal sizes capped, a token enforced when
one is set (always off loopback), and no board process outlives its client or the
server.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from simulator.cli.serve_cmd import access_for, page_url
from simulator.scoreboard.guard import MAX_COLUMNS, MAX_ROWS, Access, clamp_size, is_loopback
from simulator.store.engine import open_store
from simulator.store.samples import seed_class
from simulator.store.throwaway import free_port

TOKEN = "classroom-token-123"


def test_rules() -> None:
    local = Access("127.0.0.1")
    assert local.origin_allowed("http://127.0.0.1:8000", "127.0.0.1:8000")
    assert not local.origin_allowed("http://evil.example", "127.0.0.1:8000")
    assert not local.origin_allowed(None, "127.0.0.1:8000")
    assert not local.origin_allowed("null", "127.0.0.1:8000")
    assert local.host_allowed("localhost:8000") and local.host_allowed("[::1]:8000")
    assert not local.host_allowed("rebound.example:8000")
    assert clamp_size(3000, 3000) == (MAX_COLUMNS, MAX_ROWS)
    assert clamp_size("x", -5) == (80, 1)
    assert is_loopback("127.0.0.2") and not is_loopback("0.0.0.0")


def _args(host: str, token: str | None = None) -> argparse.Namespace:
    return argparse.Namespace(host=host, token=token, public_url=None, max_sessions=8)


def test_a_token_is_required_off_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CALLSIM_SERVE_TOKEN", raising=False)
    assert access_for(_args("127.0.0.1")).token is None
    made = access_for(_args("0.0.0.0")).token
    assert made is not None and len(made) >= 16
    assert access_for(_args("0.0.0.0", TOKEN)).token == TOKEN
    assert f"?token={TOKEN}" in page_url(access_for(_args("0.0.0.0", TOKEN)), 8000)
    assert not access_for(_args("0.0.0.0", TOKEN)).token_ok("wrong")


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait(predicate: object, timeout: float = 20) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    url = f"sqlite:///{tmp_path}/results.sqlite3"
    store = open_store(url)
    seed_class(store, trainees=2, calls_per_trainee=2, class_name="守卫班")
    store.close()
    port = free_port()
    env = {**os.environ, "CALLSIM_DATA_DIR": str(tmp_path / "data"), "CALLSIM_DB": url}
    command = [sys.executable, "-m", "simulator", "serve", "scoreboard", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--max-sessions", "2", "--token", TOKEN]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        assert _wait(lambda: _listening(port)), "serve did not start"
        yield process, port
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=10)


def _listening(port: int) -> bool:
    import socket

    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


async def _status(session: aiohttp.ClientSession, url: str, **headers: str) -> int:
    try:
        async with session.ws_connect(url, headers=headers):
            return 101
    except aiohttp.WSServerHandshakeError as error:
        return error.status


def test_served_board_guards_and_reaps(server: tuple[subprocess.Popen[bytes], int]) -> None:
    process, port = server
    base = f"http://127.0.0.1:{port}"
    ws = f"ws://127.0.0.1:{port}/ws/{TOKEN}"
    origin = {"Origin": base}

    async def scenario() -> set[int]:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"{base}/?fontsize=20") as page:
                assert page.status == 403  # no token
            async with session.get(f"{base}/?fontsize=20&token={TOKEN}") as page:
                assert page.status == 200
                assert f"/ws/{TOKEN}" in await page.text()
            assert await _status(session, f"ws://127.0.0.1:{port}/ws", **origin) == 403
            assert await _status(session, ws, Origin="http://evil.example") == 403
            assert await _status(session, ws) == 403  # no Origin
            rebound = {"Origin": f"http://evil.example:{port}", "Host": f"evil.example:{port}"}
            assert await _status(session, ws, **rebound) == 403
            first = await session.ws_connect(f"{ws}?width=3000&height=3000", headers=origin)
            second = await session.ws_connect(ws, headers=origin)
            assert await _status(session, ws, **origin) == 503  # over --max-sessions
            await first.send_json(["resize", {"width": 99999, "height": 99999}])
            assert _wait(lambda: len(_children(process.pid)) == 2)
            boards = _children(process.pid)
            columns = set()
            for pid in boards:
                environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
                columns |= {line for line in environ if line.startswith(b"COLUMNS=")}
            assert columns == {f"COLUMNS={MAX_COLUMNS}".encode(), b"COLUMNS=80"}
            await first.close()  # the 3000x3000 board: reaped once its client leaves
            assert await asyncio.to_thread(_wait, lambda: len(_children(process.pid)) == 1)
            third = await session.ws_connect(ws, headers=origin)
            assert third is not None
            await second.close()
            return boards

    boards = asyncio.run(scenario())
    assert _wait(lambda: not any(_alive(pid) for pid in boards)), "a board outlived its client"
    # A session still open when the server is told to stop: nothing may survive it.
    last: set[int] = set()

    async def open_and_hold() -> None:
        async with aiohttp.ClientSession() as session:
            held = await session.ws_connect(ws, headers=origin)
            assert await asyncio.to_thread(_wait, lambda: bool(_children(process.pid)))
            last.update(_children(process.pid))
            process.send_signal(signal.SIGTERM)
            await asyncio.to_thread(process.wait, 30)
            await held.close()

    asyncio.run(open_and_hold())
    assert process.returncode is not None
    assert _wait(lambda: not any(_alive(pid) for pid in last)), "a board outlived the server"
