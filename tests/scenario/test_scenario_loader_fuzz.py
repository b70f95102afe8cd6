"""Property tests: no input makes the loader crash; it either loads or lists problems."""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from simulator.locations import PROJECT_ROOT
from simulator.scenario import (
    Problem,
    ScenarioFileError,
    load_scenario,
    validate_scenario_file,
    validate_trainee_script_file,
)

FUZZ = settings(max_examples=100, deadline=None)
# A whole scenario file takes ~60 ms to parse (ruamel.yaml is pure Python): fewer examples.
FUZZ_LARGE = settings(max_examples=40, deadline=None)

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
)
keys = st.one_of(
    st.sampled_from(
        ["id", "title", "persona", "org", "script", "beats", "on", "goto", "caller", "rules"]
    ),
    st.text(max_size=10),
)
nested = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=25,
)


def dump(data: Any) -> str:
    yaml = YAML(typ="safe", pure=True)
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def check_file(name: str, content: bytes) -> list[Problem]:
    """Load `content` as a scenario and as a trainee script; only problems may come out."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        problems: list[Problem] = []
        for validate in (validate_scenario_file, validate_trainee_script_file):
            result, found = validate(path)
            assert (result is None) == bool(found)
            problems.extend(found)
        try:
            load_scenario(path)
        except ScenarioFileError as error:
            assert error.problems and str(error)
        return problems


@FUZZ
@given(st.text())
def test_arbitrary_text_never_crashes_the_loader(text: str) -> None:
    for problem in check_file("fuzz.yaml", text.encode("utf-8")):
        assert problem.message and str(problem).startswith(problem.path.as_posix())


@FUZZ
@given(st.binary())
def test_arbitrary_bytes_never_crash_the_loader(data: bytes) -> None:
    check_file("fuzz.yaml", data)


@FUZZ
@given(nested)
def test_arbitrary_yaml_data_never_crashes_the_loader(data: Any) -> None:
    problems = check_file("fuzz.yaml", dump(data).encode("utf-8"))
    if isinstance(data, dict) and data:
        # A mapping that parses has every problem placed on a line and a column.
        assert all(p.line is not None and p.column is not None for p in problems)


def _paths(node: Any, here: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield here
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, (*here, index))


def _replace(node: Any, path: tuple[Any, ...], value: Any) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, dict):
        return {k: (_replace(v, rest, value) if k == head else v) for k, v in node.items()}
    return [(_replace(v, rest, value) if i == head else v) for i, v in enumerate(node)]


BASE: Any = YAML(typ="safe", pure=True).load(
    (PROJECT_ROOT / "scenarios" / "standard-inquiry.yaml").read_text(encoding="utf-8")
)
BASE_PATHS = [path for path in _paths(BASE) if path]


@FUZZ_LARGE
@given(st.sampled_from(BASE_PATHS), nested)
def test_a_real_scenario_with_any_value_replaced_loads_or_reports_placed_problems(
    path: tuple[Any, ...], value: Any
) -> None:
    mutated = _replace(BASE, path, value)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "standard-inquiry.yaml"
        target.write_text(dump(mutated), encoding="utf-8")
        scenario, problems = validate_scenario_file(target)
    assert (scenario is None) == bool(problems)
    assert all(p.line is not None and p.column is not None and p.message for p in problems)
