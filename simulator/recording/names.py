"""Turning a trainee's name (free text) into a safe single path part."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_LENGTH = 64
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
    the result is cut to MAX_NAME_LENGTH characters and never empty.
    """
    text = unicodedata.normalize("NFKC", name)
    text = _UNSAFE.sub("", text)
    kept = [ch for ch in text if ch.isalnum() or ch in " -_.·"]
    cleaned = "".join(kept).strip().lstrip(".").strip()
    cleaned = re.sub(r"\s+", "_", cleaned)[:MAX_NAME_LENGTH].rstrip(". ")
    if not cleaned or cleaned.upper() in _WINDOWS_RESERVED:
        return FALLBACK_NAME
    return cleaned
