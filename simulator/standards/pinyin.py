"""Pinyin forms of normalized text, as symbol strings fast string search can work on.

Two forms per text, aligned with its characters:
- `strict`: one symbol per character, its toneless syllable (帮 and 邦 both `bang`). Equal
  strict forms sound the same (ignoring tones): the test for "exact by pinyin".
- `loose`: three symbols per character: the initial twice, then the final, after folding
  the sounds speakers and recognizers mix up (zh/z, ch/c, sh/s, n/l; in/ing, en/eng,
  an/ang). Edit distance over it is a sound distance in which a wrong initial counts
  double a wrong final, so 「千里」 is close to 「请您」 while 「来电」 is far from 「耐心」.

Readings come from pypinyin's character table (its first, most common reading), except
for characters the catalog spells with another reading in context (重复 `chong`, 还有
`hai`): a `Readings` built from the catalog uses those, on both sides of a comparison, so
the same character always gets the same symbol. Digits read as their Chinese numerals.
The catalog's readings in context are cached (see `Readings.from_phrases`); the character
table is read on first use.
"""

from __future__ import annotations

import importlib.util
import json
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache, lru_cache, reduce
from operator import or_
from pathlib import Path
from typing import TypeVar

from simulator import cache as disk_cache

_DIGIT_READINGS = ("ling", "yi", "er", "san", "si", "wu", "liu", "qi", "ba", "jiu")
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
             "x", "r", "z", "c", "s", "y", "w")  # fmt: skip
_FOLD_INITIAL = {"zh": "z", "ch": "c", "sh": "s", "l": "n"}
_FOLD_FINAL = {"ing": "in", "eng": "en", "ang": "an", "iang": "ian", "uang": "uan"}

_symbols: dict[str, str] = {}
# Private-use planes: symbols never collide with letters, digits or ideographs.
_SYMBOL_BASE = 0xF0000


def _symbol(key: str) -> str:
    found = _symbols.get(key)
    if found is None:
        found = chr(_SYMBOL_BASE + len(_symbols))
        _symbols[key] = found
    return found


def _toneless(reading: str) -> str:
    decomposed = unicodedata.normalize("NFD", reading)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("ü", "v")


def _pypinyin_file(name: str) -> Path | None:
    """A data file of the installed pypinyin, found without importing the package."""
    spec = importlib.util.find_spec("pypinyin")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / name
    return path if path.is_file() else None


@cache
def _char_table() -> dict[str, str]:
    """pypinyin's character table: code point (as text) → its readings, comma-separated.

    Read straight from the JSON file pypinyin ships: importing `pypinyin` itself loads
    its much larger phrase table too, which only `Readings.from_phrases` needs, and only
    when its cache misses.
    """
    path = _pypinyin_file("pinyin_dict.json")
    if path is not None:
        table: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
        return table
    # A packaging whose files we do not know: ask the module.
    from pypinyin.pinyin_dict import pinyin_dict  # noqa: PLC0415

    return {str(code): readings for code, readings in pinyin_dict.items()}


def _has_reading(char: str) -> bool:
    return str(ord(char)) in _char_table()


@cache
def char_readings(char: str) -> tuple[str, ...]:
    """The toneless readings of a character, most common first; () if it has none."""
    if "0" <= char <= "9":
        return (_DIGIT_READINGS[ord(char) - 48],)
    raw = _char_table().get(str(ord(char)))
    if raw is None:
        return ()
    readings: list[str] = []
    for reading in raw.split(","):
        plain = _toneless(reading)
        if plain and plain not in readings:
            readings.append(plain)
    return tuple(readings)


@cache
def _split(syllable: str) -> tuple[str, str]:
    for initial in _INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            return initial, syllable[len(initial) :]
    return "", syllable


@cache
def _loose_symbols(syllable: str) -> str:
    initial, final = _split(syllable)
    initial = _FOLD_INITIAL.get(initial, initial)
    final = _FOLD_FINAL.get(final, final)
    head = _symbol("I" + initial)
    return head + head + _symbol("F" + final)


class Readings:
    """How each character is read: pypinyin's first reading, or the catalog's in context."""

    def __init__(self, preferred: dict[str, str] | None = None) -> None:
        self.preferred: dict[str, str] = dict(preferred or {})
        self._strict_of: _PerChar[str] = _PerChar(self._strict_symbol)
        self._loose_of: _PerChar[str] = _PerChar(self._loose_symbol)
        self._sound_bit_of: _PerChar[int] = _PerChar(lambda c: _hashed_bit(self._loose_of[c]))
        self.strict = lru_cache(maxsize=65536)(self._strict)
        self.loose = lru_cache(maxsize=65536)(self._loose)

    @classmethod
    def from_phrases(cls, phrases: Iterable[str], *, cached: bool = True) -> Readings:
        """Readings that follow how these (normalized) phrases are read in context.

        Reading a catalog's phrases in context takes pypinyin's phrase table and a good
        part of a second, so the outcome is kept in the disk cache (`simulator.cache`),
        under a key made of the phrases, the code version (pypinyin's included) and
        `READINGS_FORMAT`: any change to one of them reads the phrases afresh
        (`cached=False` always does).
        """
        texts = list(phrases)
        if not cached:
            return cls(_preferred_readings(texts))
        # The code version in the key covers pypinyin's version; READINGS_FORMAT the way
        # readings are chosen.
        key = disk_cache.text_key("readings", [f"format {READINGS_FORMAT}", *texts])
        return cls(disk_cache.cached("readings", key, lambda: _preferred_readings(texts)))

    def syllable(self, char: str) -> str:
        """The syllable used for `char` (the character itself when it has no reading)."""
        preferred = self.preferred.get(char)
        if preferred is not None:
            return preferred
        readings = char_readings(char)
        return readings[0] if readings else char

    def _strict_symbol(self, char: str) -> str:
        return _symbol("S" + self.syllable(char))

    def _loose_symbol(self, char: str) -> str:
        if char_readings(char) or char in self.preferred:
            return _loose_symbols(self.syllable(char))
        return _symbol("C" + char) * 3

    def _strict(self, text: str) -> str:
        """One symbol per character: its toneless syllable."""
        return "".join(map(self._strict_of.__getitem__, text))

    def _loose(self, text: str) -> str:
        """Three symbols per character: folded initial (twice) and folded final."""
        return "".join(map(self._loose_of.__getitem__, text))

    def sound_bits(self, text: str) -> int:
        """The folded syllables of `text` as a (hashed) bit set; see `char_bits`."""
        return reduce(or_, map(self._sound_bit_of.__getitem__, text), 0)


_V = TypeVar("_V")


class _PerChar(dict[str, _V]):
    """A per-character cache filled on first use."""

    def __init__(self, make: Callable[[str], _V]) -> None:
        super().__init__()
        self._make = make

    def __missing__(self, char: str) -> _V:
        value = self._make(char)
        self[char] = value
        return value


# Bit sets are hashed into a fixed width: a collision can only make a text look closer
# than it is, so the bounds built on them never rule out a real match.
_WIDTH_MASK = 1023


def _hashed_bit(key: str) -> int:
    return 1 << (hash(key) & _WIDTH_MASK)


_char_bit_of: _PerChar[int] = _PerChar(_hashed_bit)


def char_bits(text: str) -> int:
    """The characters of `text` as a (hashed) bit set: a cheap bound before alignment."""
    return reduce(or_, map(_char_bit_of.__getitem__, text), 0)


READINGS_FORMAT = 1
"""Part of the cache key of `Readings.from_phrases`: raise it when the way readings are
chosen changes, so no cache written by older code is used."""


def _preferred_readings(texts: Iterable[str]) -> dict[str, str]:
    """For each character with several readings, the one these phrases use most."""
    # The phrase table is slow to load and needed only when the readings cache misses.
    from pypinyin import Style, lazy_pinyin  # noqa: PLC0415

    votes: dict[str, Counter[str]] = {}
    for phrase in texts:
        for run in _han_runs(phrase):
            syllables = lazy_pinyin(run, style=Style.NORMAL, v_to_u=False)
            if len(syllables) != len(run):
                continue
            for char, syllable in zip(run, syllables, strict=True):
                if len(char_readings(char)) > 1:
                    votes.setdefault(char, Counter())[syllable] += 1
    return {char: counts.most_common(1)[0][0] for char, counts in votes.items()}


def _han_runs(text: str) -> list[str]:
    runs: list[str] = []
    current: list[str] = []
    for char in text:
        if _has_reading(char):
            current.append(char)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    return runs
