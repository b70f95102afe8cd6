"""The service standards as data, and matching text against them.

- The phrase catalog (scenarios/standards/*.yaml): `load_catalog`, `validate_catalog_file`,
  `Catalog`, `PhraseGroup`, `Phrase`, `ForbiddenPhrase`.
- Text helpers: `normalize`, `to_simplified`, `digit_runs`, `surname`, `holiday_name`,
  `is_weekend_window`.
- Matching tolerant of recognition errors: `PhraseMatcher` (`find`, `find_group`,
  `forbidden`), `MatchThresholds`, `Match`, `ForbiddenHit`, `default_matcher()`.

No Textual and no audio here: the grader and the call engine use this headless.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from simulator.standards.catalog import load_catalog, validate_catalog_file
from simulator.standards.forbidden import ForbiddenHit
from simulator.standards.holidays import holiday_name, is_weekend_window
from simulator.standards.matching import Match, MatchThresholds, PhraseMatcher, default_matcher
from simulator.standards.models import (
    REQUIRED_GROUPS,
    Catalog,
    CatalogFile,
    ForbiddenPhrase,
    Phrase,
    PhraseGroup,
)
from simulator.standards.names import surname
from simulator.standards.negation import refusal_prefix
from simulator.standards.normalize import normalize, to_simplified
from simulator.standards.numbers import digit_runs

if TYPE_CHECKING:
    from simulator.yamlpos import Problem


def __getattr__(name: str) -> Any:
    # The YAML machinery is imported on use (see catalog.py): a cached catalog needs none.
    if name == "Problem":
        from simulator.yamlpos import Problem  # noqa: PLC0415 - start-up time

        return Problem
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "REQUIRED_GROUPS",
    "Catalog",
    "CatalogFile",
    "ForbiddenHit",
    "ForbiddenPhrase",
    "Match",
    "MatchThresholds",
    "Phrase",
    "PhraseGroup",
    "PhraseMatcher",
    "Problem",
    "default_matcher",
    "digit_runs",
    "holiday_name",
    "is_weekend_window",
    "load_catalog",
    "normalize",
    "refusal_prefix",
    "surname",
    "to_simplified",
    "validate_catalog_file",
]
