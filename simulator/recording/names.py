"""Turning a trainee's name (free text) into a safe single path part."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 64
MAX_NAME_BYTES = 200
"""File systems limit a name to 255 bytes, not characters: 64 four-byte characters
would be 256. This leaves room for a suffix such as `.jsonl`."""
FALLBACK_NAME = "匿名"

# Characters that are unsafe or awkward in a file name on any of Linux, macOS, Windows.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in range(1, 10)
}


def sanitize_name(name: str) -> str:
    """A name that is safe as one directory name, keeping Chinese characters intact.

    Path separators, control characters and characters outside letters, digits and a few
    marks are dropped (emoji included); leading dots are stripped so `..` cannot climb;
    the result is cut to MAX_NAME_LENGTH characters and MAX_NAME_BYTES bytes of UTF-8
    (never inside a character) and is never empty.
    """
    text = unicodedata.normalize("NFKC", name)
    text = _UNSAFE.sub("", text)
    kept = [ch for ch in text if ch.isalnum() or ch in " -_.·"]
    cleaned = "".join(kept).strip().lstrip(".").strip()
    cleaned = _cut_bytes(re.sub(r"\s+", "_", cleaned)[:MAX_NAME_LENGTH]).rstrip(". ")
    if not cleaned or cleaned.upper() in _WINDOWS_RESERVED:
        return FALLBACK_NAME
    return cleaned


def _cut_bytes(text: str) -> str:
    """`text` cut to at most MAX_NAME_BYTES bytes of UTF-8, on a character boundary."""
    data = text.encode("utf-8", "replace")
    if len(data) <= MAX_NAME_BYTES:
        return text
    return data[:MAX_NAME_BYTES].decode("utf-8", "ignore")
