"""How many examples each fuzz target gets: a few hundred in `make test`, thousands with
`pytest --fuzz-long` (tests/conftest.py)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

LONG_FACTOR = 20


LONG = False
"""Set by `pytest --fuzz-long` (tests/conftest.py) before the fuzz modules are imported."""


def long_run() -> bool:
    """Thousands of examples: `pytest --fuzz-long`, or `CALLSIM_FUZZ_LONG=1` in the shell."""
    return LONG or os.environ.get("CALLSIM_FUZZ_LONG") == "1"


def fuzz(examples: int) -> settings:
    """Settings for one fuzz target: `examples` in CI, LONG_FACTOR times that when long.

    No example database: a CI run must be repeatable from its seed, not from leftovers.
    """
    return settings(
        max_examples=examples * LONG_FACTOR if long_run() else examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
