"""`python -m simulator` is the `callsim` command."""

from __future__ import annotations

from simulator.cli import command

raise SystemExit(command())
