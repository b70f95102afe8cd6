"""What a checked scenario depends on, for the disk cache (simulator.cache).

A scenario file's check reads the file itself and the phrase catalog its `catalog:`
groups are checked against (`standards/` beside it, else the default catalog), so both
are in the key: a changed byte in either, or another trainer folder, gives another key.
Kept apart from the loader so that a cache hit never imports the YAML machinery.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from simulator import cache, locations

SCENARIO_KIND = "scenario"
LIBRARY_KIND = "library"
_YAML = (".yaml", ".yml")


def catalog_folder(scenario_path: Path) -> Path:
    """The catalog folder a scenario is checked against (as checks.scenario_catalog)."""
    beside = scenario_path.parent / "standards"
    return beside if beside.is_dir() else locations.standards_dir()


def catalog_files(folder: Path) -> list[Path]:
    """The catalog's files, as the catalog loader lists them (none when it is missing)."""
    try:
        return sorted(p for p in folder.iterdir() if p.suffix in _YAML and p.is_file())
    except OSError:
        return []


def scenario_key(path: Path) -> str:
    """The cache key of one checked scenario file."""
    folder = catalog_folder(path)
    return cache.content_key(
        SCENARIO_KIND, [path, *catalog_files(folder)], f"catalog {folder.resolve()}"
    )


def library_key(layers: Sequence[tuple[Path, Sequence[Path]]]) -> str:
    """The cache key of a whole library: each layer's folder, files and catalog, in order."""
    files: list[Path] = []
    extra: list[str] = []
    for folder, paths in layers:
        catalog = catalog_folder(folder / "any.yaml")
        extra.append(f"layer {folder.resolve()} {len(paths)} catalog {catalog.resolve()}")
        files.extend(paths)
        files.extend(catalog_files(catalog))
        extra.append(f"catalog files {len(files)}")
    return cache.content_key(LIBRARY_KIND, files, *extra)
