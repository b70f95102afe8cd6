"""A disk cache for things compiled from data files (the phrase catalog, scenarios).

Parsing YAML with line and column tracking and validating it costs most of a short
command's time; the result only changes when the files or the code change. So an entry is
keyed by both: the SHA-256 of every input file's name and bytes, and `code_version()` (the
package version plus the name, size and modification time of every module of the
package, so an edited checkout never reads an entry an older code wrote). Entries live in
`locations.cache_dir()/compiled/` and are written atomically; an unreadable or foreign
entry is rebuilt, never trusted. Nothing stale can be returned: a changed byte in any
input gives another key.

The entries are pickles: the cache dir is the user's own, as writable as the installed
code itself, so reading them trusts nothing more than running callsim already does.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG
from typing import TypeVar, cast

from simulator import __version__, locations, settings

T = TypeVar("T")

FOLDER = "compiled"
LIBRARIES = ("pydantic", "pydantic_core", "pypinyin", "ruamel.yaml", "opencc")
"""Libraries whose output (or classes) an entry holds: their installs count as code too."""
DISABLE_ENV_VAR = "CALLSIM_NO_CACHE"
"""Set to 1 to compile everything afresh on every run (and write nothing)."""
_PACKAGE_ROOT = Path(__file__).resolve().parent


@lru_cache(maxsize=1)
def code_version() -> str:
    """The package version and a fingerprint of its files (name, size, mtime).

    Modules and the data shipped with them (the learned model, the styles) count alike:
    any of them changed in a checkout gives every entry a new key.
    """
    digest = hashlib.sha256(__version__.encode())
    for line in _package_files(_PACKAGE_ROOT):
        digest.update(line.encode())
    digest.update(sys.version.encode())
    for library in LIBRARIES:
        digest.update(_library_stamp(library).encode())
    return f"{__version__}-{digest.hexdigest()[:16]}"


def _package_files(root: Path) -> list[str]:
    """`relative/path\0size\0mtime_ns\n` of every regular file under `root` (no
    `__pycache__`), sorted.

    Every command that reads the cache starts with this walk: os.scandir gives the
    entries' types without a Path object or a stat call each, ten times quicker than
    Path.rglob on an installed package.
    """
    found: list[str] = []
    folders = [("", str(root))]
    while folders:
        prefix, folder = folders.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            if entry.name == "__pycache__":
                continue
            relative = prefix + entry.name
            try:
                if entry.is_dir(follow_symlinks=False):  # as Path.rglob: no link loops
                    folders.append((relative + "/", entry.path))
                    continue
                stat = entry.stat()
            except OSError:
                continue
            if S_ISREG(stat.st_mode):
                found.append(f"{relative}\0{stat.st_size}\0{stat.st_mtime_ns}\n")
    return sorted(found)


def _library_stamp(name: str) -> str:
    """Where library `name` is installed and when (an upgrade rewrites its files)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return f"{name}: absent"
    origin = spec.origin if spec is not None else None
    if origin is None:
        return f"{name}: absent"
    try:
        stat = os.stat(origin)
    except OSError:
        return f"{name}: {origin}"
    return f"{name}: {origin} {stat.st_size} {stat.st_mtime_ns}"


def content_key(kind: str, files: Iterable[Path], *extra: str) -> str:
    """The key of `kind` compiled from `files`: their paths and bytes, `extra`, the code.

    A file that cannot be read is keyed as such (the compiler then reports it).
    """
    digest = hashlib.sha256(f"{kind}\0{code_version()}\n".encode())
    for part in extra:
        digest.update(f"{part}\n".encode())
    for path in files:
        digest.update(f"{path}\0".encode())
        try:
            digest.update(hashlib.sha256(path.read_bytes()).digest())
        except OSError as exc:
            digest.update(f"unreadable {exc.errno}".encode())
    return digest.hexdigest()


def text_key(kind: str, texts: Iterable[str]) -> str:
    """The key of `kind` compiled from `texts` (in order) by this code."""
    digest = hashlib.sha256(f"{kind}\0{code_version()}\n".encode())
    encoded = [text.encode("utf-8", "surrogatepass") for text in texts]
    # Lengths keep the split unambiguous; one update of the whole is several times quicker
    # than two per text (the catalog's readings are keyed by some two thousand texts).
    digest.update(b"".join(b"%d:%b" % (len(part), part) for part in encoded))
    return digest.hexdigest()


def entry_path(kind: str, key: str) -> Path:
    """Where the entry of `kind` with `key` is kept."""
    return locations.cache_dir() / FOLDER / f"{kind}-{key[:32]}.pickle"


def cached(kind: str, key: str, build: Callable[[], T]) -> T:
    """The value stored under (`kind`, `key`), else `build()` stored there and returned.

    `build` raising (a bad file) stores nothing. A cache dir that cannot be written to
    only costs the speed-up.
    """
    if settings.current().no_cache:
        return build()
    path = entry_path(kind, key)
    found = _read(path, key)
    if found is not None:
        return cast("T", found[0])  # stored by `build` of the same kind and key
    value = build()
    _write(path, key, value)
    return value


def cached_when(kind: str, key: str, build: Callable[[], T], keep: Callable[[T], bool]) -> T:
    """Like `cached`, but a built value is stored only when `keep(value)` holds.

    For results that may be a failure (a scenario file with problems): a failure is
    built again on every call, so its problems always come from the file as it is now.
    """
    if settings.current().no_cache:
        return build()
    path = entry_path(kind, key)
    found = _read(path, key)
    if found is not None:
        return cast("T", found[0])  # stored by `build` of the same kind and key
    value = build()
    if keep(value):
        _write(path, key, value)
    return value


def _read(path: Path, key: str) -> tuple[object] | None:
    try:
        with path.open("rb") as file:
            stored = pickle.load(file)
    except FileNotFoundError:
        return None
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
        IndexError,
        KeyError,
    ):
        return None  # cut short, or not an entry at all: rebuilt and replaced
    if not (isinstance(stored, tuple) and len(stored) == 2 and stored[0] == key):
        return None  # a prefix collision of the file name, or a foreign file
    return (stored[1],)


def _write(path: Path, key: str, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-")
        try:
            with os.fdopen(handle, "wb") as file:
                pickle.dump((key, value), file, protocol=pickle.HIGHEST_PROTOCOL)
            # Atomic on every platform: a reader sees the old entry or the whole new one.
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError:
        return  # a read-only or full cache dir: the next run compiles again
