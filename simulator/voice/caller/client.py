"""`WorkerSpeaker`: the real Speaker, a client of the `tts_worker` subprocess.

Lines go to the worker one at a time from a queue kept here, so an urgent line (the
caller's turn came before pre-synthesis reached it) can jump ahead, and writing a job
never blocks on a full pipe. A reader thread resolves each line's future when the worker
answers. Every wait is bounded: start-up, each job, shutdown.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from simulator import settings
from simulator.scenario.models import Voice
from simulator.voice.caller.cache import cache_key, tts_cache_dir
from simulator.voice.caller.drivers import driver_for
from simulator.voice.caller.speaker import (
    NoMandarinVoice,
    SpeakerError,
    SpeakerUnavailable,
    done_future,
)
from simulator.voice.caller.text import normalize_for_speech
from simulator.voice.caller.voices import VoiceInfo

START_TIMEOUT = 10.0
JOB_TIMEOUT = 30.0
_PACKAGE_ROOT = Path(__file__).resolve().parents[3]
_WORKER = "simulator.voice.caller.worker"


@dataclass
class _Job:
    id: int
    key: str
    text: str
    voice: Voice
    path: Path
    future: Future[Path]
    sent_at: float = 0.0


class WorkerSpeaker:
    """Synthesizes with pyttsx3 on the platform's driver (espeak-ng, SAPI5, NSSS) in
    `python -m simulator.voice.caller.worker`.

    Raises SpeakerUnavailable when the worker cannot start, NoMandarinVoice when it offers
    no Mandarin voice (unless `require_mandarin=False`: `callsim voices` lists them anyway).
    `jobs` counts lines actually sent for synthesis (cache hits excluded).
    """

    def __init__(
        self,
        *,
        cache: Path | None = None,
        command: Sequence[str] | None = None,
        start_timeout: float = START_TIMEOUT,
        driver: str | None = None,
        require_mandarin: bool = True,
    ) -> None:
        self._cache = cache if cache is not None else tts_cache_dir()
        self._cache.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._queue: deque[_Job] = deque()
        self._by_key: dict[str, _Job] = {}
        self._inflight: _Job | None = None
        self._ids = 0
        self._dead: str | None = None
        self._ready = threading.Event()
        self._hello: dict[str, Any] = {}
        self.jobs = 0
        self.log_path = self._cache / "worker.log"
        self.driver = driver or driver_for()
        argv = (
            list(command) if command else [sys.executable, "-m", _WORKER, "--driver", self.driver]
        )
        env = settings.child_environment()  # the command's options too, as CALLSIM_*
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(_PACKAGE_ROOT), env.get("PYTHONPATH")])
        )
        with self.log_path.open("ab") as log:
            try:
                self._proc = subprocess.Popen(
                    argv,
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=log,
                    env=env,
                    start_new_session=True,
                )
            except OSError as exc:
                raise SpeakerUnavailable(f"cannot start the synthesis worker: {exc}") from exc
        assert self._proc.stdin is not None and self._proc.stdout is not None
        self._stdin: IO[bytes] = self._proc.stdin
        self._reader = threading.Thread(
            target=self._read, args=(self._proc.stdout,), name="tts-reader", daemon=True
        )
        self._reader.start()
        if not self._ready.wait(start_timeout):
            self.close(wait=0.0)
            raise SpeakerUnavailable(f"synthesis worker did not start within {start_timeout:g} s")
        if self._hello.get("type") != "ready":
            self.close()
            raise SpeakerUnavailable(str(self._hello.get("error") or self._dead or "worker failed"))
        self.engine = str(self._hello.get("engine") or self.driver)
        voice = self._hello.get("voice")
        self.mandarin = _voice_info(voice) if voice else None
        """The voice Mandarin is spoken with; None when the platform has none."""
        if self.mandarin is None and require_mandarin:
            self.close()
            raise NoMandarinVoice(f"{self.engine} has no Mandarin voice")
        # The engine and voice are part of every cache key: new voice, new audio.
        self.engine_id = f"{self.engine} {self.mandarin.id if self.mandarin else '-'}"

    @property
    def voice(self) -> VoiceInfo:
        if self.mandarin is None:
            raise NoMandarinVoice(f"{self.engine} has no Mandarin voice")
        return self.mandarin

    def voices(self) -> list[VoiceInfo]:
        return [_voice_info(v) for v in self._hello.get("voices", [])]

    @property
    def alive(self) -> bool:
        return self._dead is None

    def synthesize(self, text: str, voice: Voice, *, urgent: bool = False) -> Future[Path]:
        spoken = normalize_for_speech(text)
        key = cache_key(spoken, voice, self.engine_id)
        path = self._cache / f"{key}.wav"
        if path.exists():
            return done_future(path)
        with self._lock:
            self._kill_if_stuck()
            job = self._by_key.get(key)
            if job is None:
                future: Future[Path] = Future()
                if self._dead is not None:
                    future.set_exception(SpeakerError(self._dead))
                    return future
                self._ids += 1
                job = _Job(self._ids, key, spoken, voice, path, future)
                self._by_key[key] = job
                self._queue.append(job)
            if urgent and job in self._queue:
                self._queue.remove(job)
                self._queue.appendleft(job)
            self._pump()
            return job.future

    def _pump(self) -> None:
        """Send the next queued job if none is in flight (lock held)."""
        if self._inflight is not None or not self._queue or self._dead is not None:
            return
        job = self._queue.popleft()
        message = {
            "id": job.id,
            "text": job.text,
            "voice": self.voice.id,
            "rate": job.voice.rate,
            "pitch": job.voice.pitch,
            "volume": job.voice.volume,
            "path": str(job.path),
        }
        try:
            self._stdin.write((json.dumps(message, ensure_ascii=False) + "\n").encode("utf-8"))
            self._stdin.flush()
        except (OSError, ValueError) as exc:
            self._fail_all(f"synthesis worker is gone: {exc}", also=job)
            return
        job.sent_at = time.monotonic()
        self._inflight = job
        self.jobs += 1

    def _kill_if_stuck(self) -> None:
        job = self._inflight
        if job is not None and time.monotonic() - job.sent_at > JOB_TIMEOUT:
            self._proc.kill()

    def _read(self, stdout: IO[bytes]) -> None:
        for raw in stdout:
            try:
                message = json.loads(raw)
            except ValueError:
                continue
            if "type" in message:
                self._hello = message
                self._ready.set()
                continue
            with self._lock:
                job = self._inflight
                if job is None or job.id != message.get("id"):
                    continue
                self._inflight = None
                del self._by_key[job.key]
                if message.get("ok"):
                    job.future.set_result(Path(message["path"]))
                else:
                    job.future.set_exception(SpeakerError(str(message.get("error"))))
                self._pump()
        with self._lock:
            self._fail_all(f"synthesis worker exited (log: {self.log_path})")
        self._ready.set()

    def _fail_all(self, reason: str, also: _Job | None = None) -> None:
        """Mark the worker dead and fail every waiting line (lock held)."""
        self._dead = self._dead or reason
        jobs = [
            *self._queue,
            *([self._inflight] if self._inflight else []),
            *([also] if also else []),
        ]
        self._queue.clear()
        self._inflight = None
        self._by_key.clear()
        for job in jobs:
            if not job.future.done():
                job.future.set_exception(SpeakerError(reason))

    def close(self, wait: float = 2.0) -> None:
        """Close the worker's stdin (it exits), then make sure it is gone."""
        with contextlib.suppress(OSError):
            self._stdin.close()
        try:
            self._proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait(timeout=2.0)
        self._reader.join(timeout=2.0)


def _voice_info(data: dict[str, Any]) -> VoiceInfo:
    return VoiceInfo(
        id=str(data["id"]), name=str(data["name"]), languages=tuple(data.get("languages", ()))
    )
