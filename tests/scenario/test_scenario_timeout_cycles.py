"""`callsim validate` rejects timeouts that go round in silence, and nothing else."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from simulator.cli.validate_cmd import run
from simulator.scenario import load_scenarios
from simulator.scenario.timeout_cycles import silent_timeout_cycles
from simulator.settings import current

FIXTURES = Path(__file__).parent / "fixtures"
LIBRARY = Path(__file__).resolve().parents[2] / "scenarios"


def silent(after: float = 5, **timeout: Any) -> dict[str, Any]:
    return {"timeout": {"after": after, **timeout}}


@pytest.mark.parametrize(
    ("beats", "cycles"),
    [
        ({"a": silent(goto="a")}, [["a"]]),
        ({"a": silent(goto="b"), "b": silent(goto="a")}, [["a", "b"]]),
        # Reported once, from the beat written first, whatever beat leads into it.
        ({"x": silent(goto="c"), "c": silent(goto="b"), "b": silent(goto="c")}, [["c", "b"]]),
        (
            {"a": silent(goto="b"), "b": silent(goto="a"), "c": silent(goto="c")},
            [["a", "b"], ["c"]],
        ),
    ],
)
def test_silent_cycles_are_found_once_each(beats: dict[str, Any], cycles: list[list[str]]) -> None:
    assert silent_timeout_cycles(beats) == cycles


@pytest.mark.parametrize(
    "beats",
    [
        {"a": silent(goto="b", say="有人吗？"), "b": silent(goto="a")},  # a timeout speaks
        {"a": silent(goto="b"), "b": {**silent(goto="a"), "caller": ["喂？"]}},  # a beat speaks
        {"a": silent(goto="b"), "b": {**silent(goto="a"), "hangup": True}},  # the caller leaves
        {"a": silent(goto="b"), "b": silent()},  # no way back
        {"a": silent(repeat=3)},  # stays, but only `repeat` times
        {"a": silent(goto="nowhere")},  # reported as an undefined beat instead
        {"a": "not a beat", "b": {"timeout": "soon"}},  # wrong shapes: the model reports them
    ],
)
def test_timeouts_that_say_something_or_lead_out_are_fine(beats: dict[str, Any]) -> None:
    assert silent_timeout_cycles(beats) == []


def test_validate_names_the_line_of_the_loop_and_exits_1(
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = FIXTURES / "silent-timeout-loop.yaml"
    assert run(argparse.Namespace(paths=[path]), current()) == 1
    first = capsys.readouterr().out.splitlines()[0]
    where, _, rest = first.partition(":13:15: ")
    assert where.endswith(path.name)
    assert rest.startswith("script.beats.wait.timeout.goto: timeout 跳转 'wait' → 'still' → 'wait'")
    assert "客户却一句话也不说 — " in first


def test_no_scenario_of_the_library_loops_in_silence() -> None:
    scenarios, problems = load_scenarios(LIBRARY)
    assert scenarios and not [p for p in problems if "一句话也不说" in p.message]


names = st.sampled_from(["a", "b", "c", "d"])
beat = st.fixed_dictionaries(
    {"timeout": st.fixed_dictionaries({"after": st.just(1)}, optional={"goto": names})},
    optional={"caller": st.just(["喂？"])},
)


@given(st.dictionaries(names, beat, min_size=1))
def test_a_reported_cycle_really_loops_in_silence(beats: dict[str, Any]) -> None:
    for cycle in silent_timeout_cycles(beats):
        for here, there in zip(cycle, [*cycle[1:], cycle[0]], strict=True):
            assert beats[here]["timeout"].get("goto") == there
            assert not beats[there].get("caller")
