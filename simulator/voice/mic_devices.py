"""Is there a microphone? Asked of PyAudio without letting ALSA scribble on the screen.

PortAudio prints pages of ALSA warnings to the process's stderr while it probes devices;
inside the terminal UI that would smear the screen, so file descriptor 2 points at
/dev/null for the moment of the probe.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
from collections.abc import Iterator
from typing import Any


def pyaudio_installed() -> bool:
    return importlib.util.find_spec("pyaudio") is not None


@contextlib.contextmanager
def quiet_stderr() -> Iterator[None]:
    """Silence C-level writes to stderr (fd 2) for the duration of the block."""
    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):
        yield  # stderr is not a real file (captured by a test): nothing to silence
        return
    saved = os.dup(fd)
    try:
        with open(os.devnull, "wb") as null:
            os.dup2(null.fileno(), fd)
            yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def input_devices() -> list[tuple[int, str]]:
    """(index, name) of every device that can record; [] without PyAudio or devices."""
    if not pyaudio_installed():
        return []
    import pyaudio

    found: list[tuple[int, str]] = []
    with quiet_stderr():
        audio: Any = pyaudio.PyAudio()
        try:
            for index in range(audio.get_device_count()):
                info = audio.get_device_info_by_index(index)
                if int(info.get("maxInputChannels", 0)) > 0:
                    found.append((index, str(info.get("name", index))))
        except OSError:
            return found
        finally:
            audio.terminate()
    return found


def default_input_name() -> str | None:
    """The default microphone's name, or None when there is none."""
    if not pyaudio_installed():
        return None
    import pyaudio

    with quiet_stderr():
        audio: Any = pyaudio.PyAudio()
        try:
            return str(audio.get_default_input_device_info().get("name", "默认麦克风"))
        except OSError:
            return None
        finally:
            audio.terminate()
