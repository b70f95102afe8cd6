"""YAML files read with positions: every mistake as `file:line:column: field: message — hint`.

The machinery the scenario loader, the phrase catalog and exam files share: reading YAML
with the line and column of every value (yamldoc), explaining syntax errors (yamlsyntax),
mapping pydantic errors back to positions (errormap, modelpath), and the one error type,
`YamlFileError`, that lists every problem of a file. It knows no kind of file in
particular, so every package that reads YAML can sit above it.
"""

from __future__ import annotations

from simulator.yamlpos.errormap import NamedChoices, describe_value, did_you_mean
from simulator.yamlpos.modelfile import (
    Check,
    CheckResult,
    load_model_file,
    validate_model_file,
)
from simulator.yamlpos.problems import Problem, YamlFileError, format_field, sorted_problems
from simulator.yamlpos.yamldoc import Loc, YamlDocument, read_yaml

__all__ = [
    "Check",
    "CheckResult",
    "Loc",
    "NamedChoices",
    "Problem",
    "YamlDocument",
    "YamlFileError",
    "describe_value",
    "did_you_mean",
    "format_field",
    "load_model_file",
    "read_yaml",
    "sorted_problems",
    "validate_model_file",
]
