"""The speech synthesis worker: `python -m simulator.voice.caller.worker [--driver NAME]`.

It drives the platform's pyttsx3 driver through its adapter (drivers.py, espeak.py).
Why a subprocess and not a thread in the app: pyttsx3 2.99 on Linux keeps one espeak-ng
engine per process, refuses a second run loop ("run loop already started"), returns from
`runAndWait()` before the audio is written (espeak-ng synthesizes on its own thread), and
`save_to_file` prints "Audio saved to …" on stdout, which would garble the Textual screen.
pyttsx3's queue can also cancel a line or drop its rate (see `_Synth`). A process of its
own isolates all of that: stdout carries only the protocol (whatever pyttsx3 prints goes
to /dev/null, errors to `worker.log` in the cache), a crash or hang in the C library
cannot take the app down, the app can kill it, and the TUI's threads never share
espeak-ng's global state. A thread would have none of these guarantees.

Protocol, one JSON object per line. On start the worker says
`{"type": "ready", "driver": "espeak", "engine": "espeak-ng 1.51", "voice": {...},
"voices": [...]}` (`voice` null when no voice speaks Mandarin) or
`{"type": "failed", "error": "..."}` (then exits 3). Jobs on stdin:
`{"id": 1, "text": "...", "voice": "sit/cmn-latn-pinyin", "rate": 170, "pitch": 50,
"volume": 0.9, "path": "/cache/tts/<key>.wav"}`; each gets
`{"id": 1, "ok": true, "path": "...", "seconds": 2.41}` or `{"id": 1, "ok": false, "error": ...}`.
The WAV is written to a temporary name and renamed, so a cached file is always whole.
The worker exits when stdin closes.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import wave
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from simulator.voice.caller.drivers import SynthDriver, adapter_for
from simulator.voice.caller.voices import VoiceInfo, pick_mandarin


class _Synth:
    """One pyttsx3 engine on one driver, driven one job at a time, waiting on its callback.

    Properties are set, the driver gets to prepare (espeak-ng synchronizes), the line is
    queued, and the `finished-utterance` callback says when the file is written; a driver
    whose `runAndWait()` only returns once the file is whole (SAPI5) may do without it.
    A cancelled or empty result is retried once.
    """

    def __init__(self, driver: SynthDriver, engine: Any = None) -> None:
        self.driver = driver
        self._engine = engine if engine is not None else driver.open()
        self._done = threading.Event()
        self._completed = False
        self._error: str | None = None
        self._engine.connect("finished-utterance", self._finished)
        self._engine.connect("error", self._failed)
        # An empty first loop: pyttsx3 holds commands until its first run, after which
        # property changes apply at once (and are ordered before the synthesis).
        self._engine.runAndWait()
        self.voices = [
            VoiceInfo(id=str(v.id), name=str(v.name), languages=tuple(map(str, v.languages or ())))
            for v in self._engine.getProperty("voices")
        ]
        self.version = driver.version()

    def _finished(self, name: object = None, completed: object = True) -> None:
        self._completed = bool(completed)
        self._done.set()

    def _failed(self, name: object = None, exception: object = None) -> None:
        self._error = str(exception)
        self._done.set()

    def synthesize(self, job: dict[str, Any]) -> dict[str, Any]:
        path = Path(job["path"])
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        problem = "no audio written"
        for _attempt in range(2):
            problem, seconds = self._run(job, tmp)
            if not problem:
                tmp.replace(path)
                return {"id": job["id"], "ok": True, "path": str(path), "seconds": seconds}
        tmp.unlink(missing_ok=True)
        return {"id": job["id"], "ok": False, "error": problem}

    def _run(self, job: dict[str, Any], tmp: Path) -> tuple[str, float]:
        """Synthesize once into `tmp`: (the problem or "", the WAV's seconds)."""
        self._done.clear()
        self._completed = False
        self._error = None
        tmp.unlink(missing_ok=True)
        engine, driver = self._engine, self.driver
        engine.setProperty("voice", job["voice"])
        engine.setProperty("rate", int(job["rate"]))
        if driver.supports_pitch:
            engine.setProperty("pitch", int(job["pitch"]))
        engine.setProperty("volume", float(job["volume"]))
        driver.prepare(engine)
        engine.save_to_file(job["text"], str(tmp))
        engine.runAndWait()
        if not self._done.wait(driver.callback_timeout):
            if not (driver.trust_return and tmp.exists()):
                return f"timed out after {driver.callback_timeout:g} s", 0.0
            self._completed = True
        if self._error is not None:
            return self._error, 0.0
        if not self._completed or not tmp.exists():
            return "synthesis was cancelled", 0.0
        driver.finish(tmp)
        with wave.open(str(tmp), "rb") as wav:
            seconds = wav.getnframes() / wav.getframerate()
        return ("" if seconds > 0 else "empty audio"), seconds


def _send(out: TextIO, message: dict[str, Any]) -> None:
    out.write(json.dumps(message, ensure_ascii=False) + "\n")
    out.flush()


def main(argv: list[str] | None = None) -> int:
    """Serve synthesis jobs from stdin until it closes (`--driver NAME` picks the driver)."""
    args = sys.argv[1:] if argv is None else argv
    name = args[args.index("--driver") + 1] if "--driver" in args[:-1] else None
    # The protocol keeps the real stdout; fd 1 becomes /dev/null, so whatever pyttsx3 or
    # espeak-ng print there ("Audio saved to …" per line) never mixes with the answers.
    # Errors still reach stderr, the log file.
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.close(devnull)
    try:
        synth = _Synth(adapter_for(name))
    except (ImportError, RuntimeError, OSError, ValueError) as exc:
        _send(out, {"type": "failed", "error": str(exc) or type(exc).__name__})
        return 3
    mandarin = pick_mandarin(synth.voices)
    _send(
        out,
        {
            "type": "ready",
            "driver": synth.driver.name,
            "engine": synth.version,
            "voice": None if mandarin is None else asdict(mandarin),
            "voices": [asdict(v) for v in synth.voices],
        },
    )
    for raw in sys.stdin:
        if not raw.strip():
            continue
        job = json.loads(raw)
        try:
            result = synth.synthesize(job)
        except (ValueError, KeyError, OSError, RuntimeError, wave.Error) as exc:
            result = {"id": job.get("id"), "ok": False, "error": f"{type(exc).__name__}: {exc}"}
        _send(out, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
