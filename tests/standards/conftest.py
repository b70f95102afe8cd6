"""Shared fixtures: the shipped catalog and a matcher over it."""

from __future__ import annotations

import pytest

from simulator import locations
from simulator.standards import Catalog, PhraseMatcher, load_catalog


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog(locations.PROJECT_ROOT / "scenarios" / "standards")


@pytest.fixture(scope="session")
def matcher(catalog: Catalog) -> PhraseMatcher:
    return PhraseMatcher(catalog)
