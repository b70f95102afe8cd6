"""Fuzzing the loaders and the recording reader: whatever the bytes, only callsim's own
error types (UserError and its kinds) escape, never a traceback-worthy exception."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from simulator.errors import UserError
from simulator.recording import read_recording
from simulator.scenario.loader import load_scenario, load_trainee_script
from tests.fuzz.budget import fuzz
from tests.grading.grading_builder import standard_call

SCENARIO = (Path(__file__).parents[2] / "scenarios" / "standard-inquiry.yaml").read_bytes()
SCRIPT = b"- do: say\n  text: \xe6\x82\xa8\xe5\xa5\xbd\n  after: 1\n- do: hangup\n"
RECORDING = standard_call().text().encode("utf-8")
NASTY = [
    b"\\ud800",
    b"2026-02-30",
    b"9" * 5000,
    b"1e400",
    b"[" * 3000,
    b"\xef\xbb\xbf",
    b"\x00",
    b"&a [*a, *a]",
    b"{",
    b"\n",
    b'"',
    b"-1",
    b".nan",
    b"\xff",
]
FUZZ = fuzz(150)  # thousands with `pytest --fuzz-long`


@st.composite
def mutated(draw: st.DrawFn, seed: bytes) -> bytes:
    data = bytearray(seed)
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(data)))
        if draw(st.booleans()):
            piece = draw(st.sampled_from(NASTY))
        else:
            piece = draw(st.binary(max_size=12))
        cut = draw(st.integers(0, 8))
        data[at : at + cut] = piece
    return bytes(data)


def _only_our_errors(load: object, data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"fuzz{suffix}"
        path.write_bytes(data)
        try:
            load(path)  # type: ignore[operator]
        except UserError as exc:
            assert str(exc)


@FUZZ
@given(mutated(SCENARIO))
def test_the_scenario_loader_raises_only_its_own_errors(data: bytes) -> None:
    _only_our_errors(load_scenario, data, ".yaml")


@FUZZ
@given(mutated(SCRIPT))
def test_the_trainee_script_loader_raises_only_its_own_errors(data: bytes) -> None:
    _only_our_errors(load_trainee_script, data, ".yaml")


@FUZZ
@given(mutated(RECORDING))
def test_the_recording_reader_raises_only_its_own_errors(data: bytes) -> None:
    _only_our_errors(read_recording, data, ".jsonl")
