"""The sound devices, through PortAudio (`sounddevice`): the one library for playback and capture.

sounddevice's wheels carry PortAudio on Windows and macOS; on Linux it loads the system's
`libportaudio2` (a runtime package, nothing to compile). Importing it initializes
PortAudio, which probes every ALSA device and prints pages of ALSA (and JACK) warnings to
the process's stderr. Textual draws the screen on stderr too, so this must not reach it:
file descriptor 2 points at /dev/null for the moment of that one import, and alsa-lib's
error handler is replaced by a silent one for the rest of the process, so opening a
stream later needs no redirection (a redirect per caller line would swallow screen
updates). The import happens on first use, never at start-up.

A device setting is `$CALLSIM_AUDIO_DEVICE` (playback) or `$CALLSIM_MIC_DEVICE` (capture):
empty or "default" is the system default, a number is PortAudio's device index, anything
else a (part of a) device name, as `callsim voices --devices` lists them.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from simulator import settings

OUTPUT_ENV = "CALLSIM_AUDIO_DEVICE"
INPUT_ENV = "CALLSIM_MIC_DEVICE"
NO_PORTAUDIO = "未找到 PortAudio 声音库（sudo apt-get install libportaudio2）"
NO_SOUNDDEVICE = "未安装 sounddevice（请运行 make run 或 .venv/bin/pip install -e .）"

Device = int | str | None
"""What PortAudio is asked for: None (the default device), an index, or a name."""


class SoundUnavailable(Exception):
    """PortAudio cannot be loaded here; the message says what to install."""


@dataclass(frozen=True)
class DeviceInfo:
    """One sound device as PortAudio sees it."""

    index: int
    name: str
    host_api: str
    inputs: int
    outputs: int
    default_rate: float


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence C-level writes to stderr (fd 2) for the duration of the block."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        yield  # stderr is not a real file (captured by a test): nothing to silence
        return
    if fd < 0:
        # Inside a Textual app sys.stderr is its print capture, whose fileno() is -1;
        # C libraries still write to fd 2, and os.dup(-1) would fail the sound's loading.
        fd = 2
    saved = os.dup(fd)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), fd)
            yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


_KEEP: list[Any] = []  # the C callback must outlive every ALSA call


def _silence_alsa() -> None:
    """Route alsa-lib's error messages to a no-op instead of stderr (Linux only)."""
    name = ctypes.util.find_library("asound")
    if name is None:
        return
    try:
        asound = ctypes.CDLL(name)
    except OSError:
        return
    # snd_lib_error_handler_t(file, line, function, err, fmt, ...): the variadic tail is
    # never read, so a fixed-argument callback is safe on every ABI Linux runs on.
    handler_type = ctypes.CFUNCTYPE(
        None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
    )
    handler = handler_type(lambda *_: None)
    _KEEP.append(handler)
    asound.snd_lib_error_set_handler(handler)


@cache
def _load() -> Any:
    if sys.platform.startswith("linux"):
        _silence_alsa()
    try:
        with quiet_stderr():
            # PortAudio (sounddevice) is optional: imported when a sound is played.
            import sounddevice  # type: ignore[import-untyped]  # no stubs or py.typed  # noqa: PLC0415
    except ImportError as exc:
        raise SoundUnavailable(NO_SOUNDDEVICE) from exc
    except OSError as exc:  # sounddevice raises OSError when libportaudio is missing
        raise SoundUnavailable(NO_PORTAUDIO) from exc
    return sounddevice


def sounddevice() -> Any:
    """The `sounddevice` module (PortAudio initialized quietly), or SoundUnavailable."""
    return _load()


def parse_device(value: str | None) -> Device:
    """A device setting as PortAudio takes it: None, an index, or a name."""
    text = (value or "").strip()
    if not text or text == "default":
        return None
    return int(text) if text.isdigit() else text


def output_device(value: str | None = None) -> Device:
    """The playback device: `value`, else `$CALLSIM_AUDIO_DEVICE`, else the default."""
    return parse_device(value if value is not None else settings.current().audio_device)


def input_device(value: str | int | None = None) -> Device:
    """The capture device: `value`, else `$CALLSIM_MIC_DEVICE`, else the default."""
    if isinstance(value, int):
        return value
    return parse_device(value if value is not None else settings.current().mic_device)


def describe(device: Device) -> str:
    """A device setting for people: "default" for the system default."""
    return "default" if device is None else str(device)


def devices() -> list[DeviceInfo]:
    """Every device PortAudio offers ([] when it cannot be loaded)."""
    try:
        sd = sounddevice()
    except SoundUnavailable:
        return []
    try:
        found = list(sd.query_devices())
        apis = list(sd.query_hostapis())
    except (sd.PortAudioError, OSError):
        return []
    return [
        DeviceInfo(
            index=int(d["index"]),
            name=str(d["name"]),
            host_api=str(apis[int(d["hostapi"])]["name"]),
            inputs=int(d["max_input_channels"]),
            outputs=int(d["max_output_channels"]),
            default_rate=float(d["default_samplerate"]),
        )
        for d in found
    ]


def find_device(device: Device, *, kind: str) -> DeviceInfo | None:
    """The device a setting names for `kind` ("input" or "output"), None when none fits."""
    try:
        sd = sounddevice()
    except SoundUnavailable:
        return None
    try:
        info = sd.query_devices(device, kind)
    except (sd.PortAudioError, ValueError, OSError):
        return None
    for candidate in devices():
        if candidate.index == int(info["index"]):
            return candidate
    return None


def close_stream(stream: Any) -> None:
    """Stop a PortAudio stream at once, dropping what it still holds, and free it.

    `close` runs even when `abort` fails (a device unplugged meanwhile), so the device is
    never left held by this process."""
    try:
        stream.abort()
    finally:
        stream.close()
