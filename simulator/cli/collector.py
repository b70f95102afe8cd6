"""Python's cyclic garbage collector, kept out of a command's start.

Starting a command makes some hundred thousand objects that live as long as the process:
the modules, the phrase catalog, the matcher. The collector would scan them over and over
while they are made (about a tenth of `callsim grade ONE.jsonl`'s time, measured) and find
nothing to free. So start-up runs with it paused, and what start-up made is then frozen
out of every later collection (`gc.freeze`); the command's own work runs with it on.
`thaw()` (at the end of `simulator.cli.main`) gives the frozen objects back to the
collector, for a process that goes on after the command (a test calling `main`).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused() -> Iterator[None]:
    """Run a block that builds long-lived objects without collections; freeze what exists
    at its end and put the collector back as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def thaw() -> None:
    """Let the collector see every frozen object again."""
    gc.unfreeze()
