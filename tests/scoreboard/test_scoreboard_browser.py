"""`callsim serve scoreboard` in a real headless Chromium, with real data.

textual-serve draws the terminal with xterm.js on a canvas, so the page's text cannot be
read from the DOM. The test records what the page's websocket delivers to xterm (the
exact bytes the terminal draws) with a hook installed before any page script runs,
and checks the board's text in it; it also checks xterm received and drew the stream.
"""

from __future__ import annotations

import contextlib
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from simulator.store.engine import open_store
from simulator.store.repository import save_result
from simulator.store.samples import sample_grade, sample_header, seed_class
from simulator.store.throwaway import free_port

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
NAMES = ("欧阳娜", "司马强", "诸葛丽")
WEBSOCKET_HOOK = """
window.__frames = [];
const NativeWebSocket = window.WebSocket;
class RecordingWebSocket extends NativeWebSocket {
  constructor(...args) {
    super(...args);
    this.addEventListener("message", (event) => {
      if (typeof event.data !== "string") window.__frames.push(new Uint8Array(event.data));
    });
  }
}
window.WebSocket = RecordingWebSocket;
window.__screenText = () => {
  const total = window.__frames.reduce((n, f) => n + f.length, 0);
  const all = new Uint8Array(total);
  let at = 0;
  for (const f of window.__frames) { all.set(f, at); at += f.length; }
  return new TextDecoder("utf-8").decode(all);
};
"""
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[@-_]")


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"serve exited early with {process.returncode}")
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise AssertionError(f"serve did not listen on port {port} within {timeout} s")


@contextlib.contextmanager
def serve_board(
    tmp_path: Path, class_name: str, names: tuple[str, ...], calls: int, *options: str
) -> Iterator[tuple[str, str]]:
    """`callsim serve scoreboard` for `class_name` (its trainees `names`, `calls` calls
    each, in a SQLite file) on a free port: the page's address and the database URL."""
    url = f"sqlite:///{tmp_path}/results.sqlite3"
    store = open_store(url)
    seed_class(
        store, trainees=len(names), calls_per_trainee=calls, class_name=class_name, names=names
    )
    store.close()
    port = free_port()
    env = {**os.environ, "CALLSIM_DATA_DIR": str(tmp_path / "data"), "CALLSIM_DB": url}
    command = [sys.executable, "-m", "simulator", "serve", "scoreboard", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--class", class_name, "--refresh", "0.5", *options]
    process = subprocess.Popen(
        command,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the board processes it starts go into its group
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}/", url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.fixture
def served_board(tmp_path: Path) -> Iterator[tuple[str, str]]:
    with serve_board(tmp_path, "浏览器班", NAMES, 4) as served:
        yield served


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1600,1000",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(30)
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WEBSOCKET_HOOK})
        yield driver
    finally:
        driver.quit()


def screen_text(driver: object) -> str:
    raw = driver.execute_script("return window.__screenText ? window.__screenText() : ''")  # type: ignore[attr-defined]
    return ANSI.sub("", str(raw))


def wait_for_text(driver: object, *needles: str, timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen_text(driver)
        if all(needle in text for needle in needles):
            return text
        time.sleep(0.2)
    missing = [n for n in needles if n not in text]
    raise AssertionError(f"the page never showed {missing}; it showed: {text[-2000:]!r}")


def test_browser_shows_the_live_board(served_board: tuple[str, str], browser: object) -> None:
    page, url = served_board
    driver = browser
    driver.get(page)  # type: ignore[attr-defined]
    text = wait_for_text(driver, "callsim 成绩榜", "浏览器班", "班级平均分", "排行榜", *NAMES)
    assert "更新于" in text
    assert "fontsize=24" in driver.current_url  # type: ignore[attr-defined]
    state = driver.execute_script(  # type: ignore[attr-defined]
        """
        const canvas = document.querySelector('#terminal canvas');
        return {
          drawn: document.body.classList.contains('-first-byte'),
          connected: document.querySelector('#terminal').classList.contains('-connected'),
          canvas: canvas ? canvas.width * canvas.height : 0,
          cdn: document.querySelectorAll('link[href*="googleapis"]').length,
        };
        """
    )
    assert state["drawn"], "xterm never drew the stream"
    assert state["connected"]
    assert state["canvas"] > 0
    assert state["cdn"] == 0  # the page works offline

    # A call finishes on another machine: the open page shows it without a reload.
    store = open_store(url)
    header = sample_header("from-elsewhere", "东方明", "4242", "standard")
    save_result(
        sample_grade(random.Random(1), skill=1.0),
        header,
        class_name="浏览器班",
        store=store,
        finished_at=datetime.now(UTC),
        made_here=True,  # the app's own call: verified, so on the board
    )
    store.close()
    wait_for_text(driver, "东方明", timeout=20)
