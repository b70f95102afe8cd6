"""The error a scenario file (or a trainee script) that cannot be loaded raises."""

from __future__ import annotations

from simulator.yamlpos import YamlFileError


class ScenarioFileError(YamlFileError):
    """A scenario or trainee script that cannot be loaded: every problem, one line each.

    A `YamlFileError` like any other YAML file's, so one `except` catches both; its own
    type lets a caller tell a bad scenario from, say, a bad phrase catalog file.
    """
