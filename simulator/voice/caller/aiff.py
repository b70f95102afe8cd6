"""AIFF to WAV: macOS's speech synthesizer writes AIFF whatever the file is called.

NSSpeechSynthesizer (pyttsx3's `nsss` driver) saves big-endian PCM in an AIFF container;
everything downstream (durations, the player, the recording's audio) reads WAV with the
standard library's `wave`. The `aifc` module is gone from Python 3.13, so the two chunks
that matter (COMM: channels, frames, sample size and rate; SSND: the samples) are read
here. Stdlib only: the synthesis worker imports it.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from array import array
from pathlib import Path

MAGIC = b"FORM"


class AiffError(ValueError):
    """Not an uncompressed 16-bit AIFF we can convert."""


def is_aiff(path: Path) -> bool:
    with path.open("rb") as f:
        head = f.read(12)
    return head[:4] == MAGIC and head[8:12] in (b"AIFF", b"AIFC")


def _extended(raw: bytes) -> float:
    """An 80-bit IEEE extended float (AIFF's sample rate)."""
    exponent = ((raw[0] & 0x7F) << 8) | raw[1]
    mantissa = int.from_bytes(raw[2:10], "big")
    if exponent == 0 and mantissa == 0:
        return 0.0
    value = math.ldexp(mantissa, exponent - 16383 - 63)
    return -value if raw[0] & 0x80 else value


def aiff_to_wav(source: Path, target: Path) -> None:
    """Write `source` (16-bit PCM AIFF) as a WAV at `target` (which may be `source`)."""
    data = source.read_bytes()
    if data[:4] != MAGIC or data[8:12] not in (b"AIFF", b"AIFC"):
        raise AiffError(f"{source}: not an AIFF file")
    channels = width = rate = 0
    samples = b""
    at = 12
    while at + 8 <= len(data):
        kind, size = data[at : at + 4], struct.unpack(">I", data[at + 4 : at + 8])[0]
        body = data[at + 8 : at + 8 + size]
        if kind == b"COMM":
            channels, _frames, bits = struct.unpack(">hIh", body[:8])
            rate = round(_extended(body[8:18]))
            width = bits // 8
            if data[8:12] == b"AIFC" and body[18:22] not in (b"NONE", b"twos"):
                raise AiffError(f"{source}: compressed AIFF ({body[18:22]!r})")
        elif kind == b"SSND":
            offset = struct.unpack(">I", body[:4])[0]
            samples = body[8 + offset :]
        at += 8 + size + (size & 1)  # chunks are padded to even sizes
    if width != 2 or channels < 1 or rate <= 0:
        raise AiffError(f"{source}: only 16-bit PCM AIFF is supported")
    pcm = array("h")
    pcm.frombytes(samples[: len(samples) - len(samples) % 2])
    if sys.byteorder == "little":
        pcm.byteswap()  # AIFF is big-endian, WAV little-endian
    with wave.open(str(target), "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(pcm.tobytes())
