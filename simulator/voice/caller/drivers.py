"""The platform's speech synthesizer, as pyttsx3 drives it: one small adapter per driver.

pyttsx3 speaks through whatever the platform has: SAPI5 on Windows (Chinese Windows ships
natural zh-CN voices such as Huihui), NSSpeechSynthesizer on macOS (Tingting), espeak-ng
on Linux. The synthesis worker talks to a `SynthDriver`; what differs between platforms
lives in the adapters, and everything espeak-ng-specific in `espeak.py`:

- whether the driver can run here at all (`problem()`), and the notice and fix when not;
- whether pitch can be set (only espeak-ng; SAPI5 and NSSS print a complaint instead);
- how to know a saved file is complete (`callback_timeout`, `trust_return`);
- what to do to the file afterwards (NSSS writes AIFF: converted to WAV);
- where to get a Mandarin voice when none is installed (`voice_hint`).

Stdlib only at import: the worker and the app both import this; pyttsx3 loads in `open()`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any, ClassVar

from simulator.voice.caller.aiff import aiff_to_wav, is_aiff

DRIVERS = ("espeak", "sapi5", "nsss")


def driver_for(platform: str | None = None) -> str:
    """The pyttsx3 driver of a platform (`sys.platform` by default)."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return "sapi5"
    if platform == "darwin":
        return "nsss"
    return "espeak"


class SynthDriver:
    """A pyttsx3 driver with nothing special about it (the base of the others)."""

    name: ClassVar[str] = ""
    label: ClassVar[str] = ""
    modules: ClassVar[tuple[str, ...]] = ("pyttsx3",)
    supports_pitch: ClassVar[bool] = False
    callback_timeout: ClassVar[float] = 2.0
    """How long to wait for `finished-utterance` after `runAndWait()` returns."""
    trust_return: ClassVar[bool] = True
    """Whether a whole file present when `runAndWait()` returns is done (no callback came)."""
    voice_hint: ClassVar[str] = ""

    def problem(self) -> str | None:
        """Why this driver cannot run here, as the notice people see (with the fix), or None."""
        missing = [m for m in self.modules if importlib.util.find_spec(m) is None]
        if missing:
            return (
                f"语音合成缺少 Python 模块 {', '.join(missing)}，来电者的话只显示为文字"
                "（请运行 make run 或 pip install -e .）"
            )
        return None

    def open(self) -> Any:
        """A pyttsx3 engine on this driver."""
        # pyttsx3 loads its platform driver on import: only when speech is made.
        import pyttsx3  # noqa: PLC0415

        return pyttsx3.init(self.name)

    def prepare(self, engine: Any) -> None:
        """Called after properties are set and before the line is queued."""

    def version(self) -> str:
        """The synthesizer and its version, as part of the cache key (a new version, new audio)."""
        return self.label

    def finish(self, path: Path) -> None:
        """Make the saved file a WAV in place (nothing to do for most drivers)."""


class Sapi5Driver(SynthDriver):
    """Windows: SAPI5 through comtypes. Voices such as Microsoft Huihui report `zh-CN`."""

    name = "sapi5"
    label = "sapi5"
    modules = ("pyttsx3", "comtypes")
    voice_hint = "在 Windows 设置 → 时间和语言 → 语音 中添加“中文(简体，中国)”语音"


class NsssDriver(SynthDriver):
    """macOS: NSSpeechSynthesizer through PyObjC. Tingting reports `zh_CN`; files are AIFF."""

    name = "nsss"
    label = "nsss"
    modules = ("pyttsx3", "objc", "AppKit")
    voice_hint = "在 系统设置 → 辅助功能 → 朗读内容 → 系统声音 中添加中文语音（如婷婷）"

    def finish(self, path: Path) -> None:
        if is_aiff(path):
            aiff_to_wav(path, path)


def adapter_for(name: str | None = None) -> SynthDriver:
    """The adapter of driver `name` (the platform's by default)."""
    # espeak.py builds on this module (SynthDriver): imported when chosen.
    from simulator.voice.caller.espeak import EspeakDriver  # noqa: PLC0415

    chosen = name or driver_for()
    adapters: dict[str, type[SynthDriver]] = {
        "espeak": EspeakDriver,
        "sapi5": Sapi5Driver,
        "nsss": NsssDriver,
    }
    if chosen not in adapters:
        raise ValueError(f"unknown speech driver {chosen!r} (known: {', '.join(DRIVERS)})")
    return adapters[chosen]()
