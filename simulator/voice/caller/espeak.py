"""Everything espeak-ng-specific (Linux), behind the `SynthDriver` interface.

pyttsx3 runs espeak-ng in "retrieval" mode: property changes and synthesis are queued to
espeak-ng's own thread, and `runAndWait()` calls `stop()`, which cancels that queue when
it is not empty. Without care a line loses its new rate or voice, or comes out empty
(measured: 177 of 300 lines). So after the properties are set, `prepare()` calls
espeak-ng's `Synchronize()`, which waits until they are applied; and `runAndWait()` can
return before the WAV is written, so only the `finished-utterance` callback says a line
is done (`trust_return = False`). espeak-ng alone lets pyttsx3 set the pitch.
"""

from __future__ import annotations

import shutil
from typing import Any

from simulator.voice.caller.drivers import SynthDriver

JOB_TIMEOUT = 20.0
"""Seconds one line may take; espeak-ng needs ~10–50 ms for a caller line."""

NO_ESPEAK = "未找到 espeak-ng，来电者的话只显示为文字（安装：sudo apt-get install espeak-ng）"


def espeak_installed() -> bool:
    """Whether the `espeak-ng` program is on PATH (the library comes with it)."""
    return shutil.which("espeak-ng") is not None


class EspeakDriver(SynthDriver):
    """Linux: espeak-ng through pyttsx3's `espeak` driver; Mandarin is `cmn-latn-pinyin`."""

    name = "espeak"
    label = "espeak-ng"
    supports_pitch = True
    callback_timeout = JOB_TIMEOUT
    trust_return = False
    voice_hint = "安装：sudo apt-get install espeak-ng（含普通话语音 cmn-latn-pinyin）"

    def __init__(self) -> None:
        self._espeak: Any = None

    def problem(self) -> str | None:
        if not espeak_installed():
            return NO_ESPEAK
        return super().problem()

    def open(self) -> Any:
        engine = super().open()
        # pyttsx3's espeak driver loads libespeak-ng: imported when used.
        from pyttsx3.drivers import _espeak  # noqa: PLC0415

        self._espeak = _espeak
        return engine

    def prepare(self, engine: Any) -> None:
        if self._espeak is not None:
            self._espeak.Synchronize()

    def version(self) -> str:
        """ "espeak-ng 1.51" (the same key as before other platforms were supported)."""
        try:
            raw = self._espeak.Info(None) if self._espeak is not None else None
        except (AttributeError, OSError, TypeError):
            raw = None
        if raw is None:
            return f"{self.label} unknown"
        text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        return f"{self.label} {text}"
