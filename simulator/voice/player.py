"""Players: play a WAV in the background, stop it at once.

`AplayPlayer` runs `aplay` (alsa-utils) per line. `play()` returns when aplay reports
"Playing WAVE …" on stderr, which it prints after it has opened the sound device and read
the WAV header, right before it configures the device and writes the first frames; that
moment is what "playback started" means here (and what the latency benchmark measures).
`stop()` terminates aplay, which cuts the sound within milliseconds. aplay's output goes
to a pipe that a thread drains, never to the terminal.

`SilentPlayer` is used when there is no sound device; `FakePlayer` records calls in tests.
"""

from __future__ import annotations

import array
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import IO, Protocol

from simulator.voice.tts_cache import write_wav

START_TIMEOUT = 2.0
_STARTED = b"Playing"


class PlaybackError(Exception):
    """The player could not start (no device, no aplay, unreadable file)."""


class Player(Protocol):
    """Plays one WAV at a time."""

    def play(self, path: Path) -> None:
        """Start playing `path` (stopping what plays); return once sound has started."""

    def stop(self) -> None:
        """Cut off playback now."""

    def wait(self, timeout: float) -> bool:
        """Wait until playback ends; False if it is still going after `timeout` s."""


def audio_device() -> str:
    """The ALSA device to play on: `$CALLSIM_AUDIO_DEVICE`, else "default"."""
    return os.environ.get("CALLSIM_AUDIO_DEVICE") or "default"


class AplayPlayer:
    """Plays through `aplay -D DEVICE`; one process per line, killed on stop."""

    def __init__(self, device: str | None = None, *, start_timeout: float = START_TIMEOUT) -> None:
        self.device = device or audio_device()
        self._start_timeout = start_timeout
        self._proc: subprocess.Popen[bytes] | None = None
        self._lock = threading.Lock()

    def play(self, path: Path) -> None:
        with self._lock:
            self._stop_locked()
            env = {**os.environ, "LC_ALL": "C"}  # the marker line must not be translated
            try:
                proc = subprocess.Popen(
                    ["aplay", "-D", self.device, "--", str(path)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    env=env,
                    start_new_session=True,
                )
            except OSError as exc:
                raise PlaybackError(f"cannot run aplay: {exc}") from exc
            assert proc.stderr is not None
            started = threading.Event()
            lines: list[bytes] = []
            threading.Thread(
                target=_drain, args=(proc.stderr, started, lines), name="aplay-err", daemon=True
            ).start()
            if not started.wait(self._start_timeout):
                _end(proc)
                raise PlaybackError(f"aplay did not start within {self._start_timeout:g} s")
            if not any(line.startswith(_STARTED) for line in lines):
                _end(proc)
                detail = lines[-1].decode("utf-8", "replace").strip() if lines else "no output"
                raise PlaybackError(f"aplay -D {self.device}: {detail}")
            self._proc = proc

    def stop(self) -> None:
        with self._lock:
            self._stop_locked()

    def _stop_locked(self) -> None:
        if self._proc is not None:
            _end(self._proc)
            self._proc = None

    def wait(self, timeout: float) -> bool:
        proc = self._proc
        if proc is None:
            return True
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        return True

    @property
    def playing(self) -> bool:
        proc = self._proc
        return proc is not None and proc.poll() is None


def _drain(stream: IO[bytes], started: threading.Event, lines: list[bytes]) -> None:
    """Collect aplay's stderr; signal at "Playing …" or when aplay exits."""
    for line in stream:
        lines.append(line)
        if line.startswith(_STARTED):
            started.set()
    started.set()
    stream.close()


def _end(proc: subprocess.Popen[bytes]) -> None:
    # SIGTERM makes aplay abort the device and exit within milliseconds while it writes;
    # if it is blocked reading its input instead, it only exits on a second signal.
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=0.1)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=2.0)


def probe_device(device: str | None = None, *, timeout: float = 5.0) -> str | None:
    """Why sound cannot be played on `device`, or None when it can (plays 50 ms of silence)."""
    device = device or audio_device()
    if shutil.which("aplay") is None:
        return "aplay not found (alsa-utils)"
    with tempfile.TemporaryDirectory(prefix="callsim-probe-") as tmp:
        wav = Path(tmp) / "silence.wav"
        write_wav(wav, array.array("h", [0]) * 1102, 22050)
        try:
            done = subprocess.run(
                ["aplay", "-q", "-D", device, "--", str(wav)],
                stdin=subprocess.DEVNULL,
                capture_output=True,
                timeout=timeout,
                env={**os.environ, "LC_ALL": "C"},
                check=False,
            )
        except subprocess.TimeoutExpired:
            return f"aplay -D {device} did not finish within {timeout:g} s"
        except OSError as exc:
            return f"cannot run aplay: {exc}"
    if done.returncode == 0:
        return None
    errors = done.stderr.decode("utf-8", "replace").strip().splitlines()
    return errors[-1] if errors else f"aplay exited with {done.returncode}"


class SilentPlayer:
    """No sound device: "playback" starts and ends at once."""

    def play(self, path: Path) -> None:
        return None

    def stop(self) -> None:
        return None

    def wait(self, timeout: float) -> bool:
        return True


class FakePlayer:
    """Records what it was asked to play and stop (tests)."""

    def __init__(self) -> None:
        self.played: list[Path] = []
        self.stops = 0

    def play(self, path: Path) -> None:
        self.played.append(path)

    def stop(self) -> None:
        self.stops += 1

    def wait(self, timeout: float) -> bool:
        return True
