"""Chinese line breaking for everything Textual wraps.

Textual breaks lines only at spaces, so a Chinese sentence (which has none) is one long
"word": it moves whole to the next line, leaving a transcript line's timestamp alone above
it, and when folded it may put 「，」 at the start of a line. Here every hanzi is a break
opportunity of its own, and the punctuation rules of Chinese typesetting hold: closing
marks (，。！？、；：）」 …) stay at the end of the line before, opening marks (「（《 …) go
with the character after them.
"""

from __future__ import annotations

import itertools
import re

import rich._wrap as rich_wrap
import textual._wrap as textual_wrap

OPENING = "「『（《〈【〔“‘([{"
CLOSING = "，。！？、；：）」』》〉】〕”’…·～%,.!?;:)]}"
# Hanzi, kana, hangul and full-width forms: a break is allowed between any two of them.
WIDE = (
    "\u2e80-\u2fff\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf"
    "\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff01-\uff60"
)

_open = f"[{re.escape(OPENING)}]"
_close = f"[{re.escape(CLOSING)}]"
_wide = f"[{WIDE}]"
_narrow = f"[^\\s{WIDE}{re.escape(OPENING + CLOSING)}]"

# One unbreakable chunk: opening marks, then one wide character or a run of narrow ones
# (a Latin word, a number), then closing marks (even after a space) and the spaces after. The last
# alternatives catch stray marks and bare spaces so every character belongs to a chunk.
# A number keeps its separators (9:00, 3.5, 1,000): 「17:」 then 「00」 on the next line
# reads as two things.
_number = r"\d+(?:(?::\d{2}|,\d{3})(?!\d)|\.\d+)+"
CHUNK = re.compile(
    f"\\s*(?:{_open}*(?:{_wide}|(?:{_number}|{_narrow})+)(?:\\s*{_close})*|{_open}+{_close}*|{_close}+)"
    "\\s*|\\s+"
)


def install() -> None:
    """Make Textual's wrapping use Chinese break rules (idempotent).

    Textual wraps its `Content` with Rich's `divide_line` and some widgets with its own
    `compute_wrap_offsets`; both find break opportunities with one module-level pattern,
    replaced here."""
    rich_wrap.re_word = CHUNK
    textual_wrap.re_chunk = CHUNK


def break_lines(text: str, width: int) -> list[str]:
    """`text` wrapped at `width` cells the way the app wraps it (tests read this)."""
    install()
    offsets = rich_wrap.divide_line(text, width)
    bounds = [0, *offsets, len(text)]
    return [text[a:b].rstrip() for a, b in itertools.pairwise(bounds)]
