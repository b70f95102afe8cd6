"""Pseudonyms: unique on a board, stable while it runs, unguessable without the key."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from simulator.scoreboard.pseudonyms import Pseudonyms
from simulator.store.samples import trainee_name


def test_unique_for_a_large_class() -> None:
    names = [trainee_name(i) for i in range(600)]
    pseudonyms = Pseudonyms("key")
    assigned = [pseudonyms(name) for name in names]
    assert len(set(assigned)) == len(names)
    assert [pseudonyms(name) for name in names] == assigned  # stable


def test_same_key_same_pseudonyms_other_key_differs() -> None:
    names = [trainee_name(i) for i in range(30)]
    first = [Pseudonyms("春季一班")(n) for n in names]
    again = [Pseudonyms("春季一班")(n) for n in names]
    other = [Pseudonyms("秋季二班")(n) for n in names]
    random_key = [Pseudonyms()(n) for n in names]
    assert first == again
    assert first != other
    assert first != random_key


@given(st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=40, unique=True))
def test_never_shows_the_name(names: list[str]) -> None:
    pseudonyms = Pseudonyms("k")
    shown = [pseudonyms(name) for name in names]
    assert len(set(shown)) == len(names)
    for name, alias in zip(names, shown, strict=True):
        assert alias != name
