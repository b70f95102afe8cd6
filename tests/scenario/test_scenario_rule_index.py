"""The scenario layer's copy of the rule catalog matches the rule registry."""

from __future__ import annotations

from simulator.grading.catalog import RULES
from simulator.grading.rule_index import REGENERATE, TARGET, rule_index_text
from simulator.scenario.rule_index import RULES as RULE_INDEX


def test_the_generated_rule_index_is_up_to_date() -> None:
    shipped = TARGET.read_text(encoding="utf-8")
    assert shipped == rule_index_text(), f"regenerate it: {REGENERATE}"


def test_the_index_names_every_rule_with_its_params_in_catalog_order() -> None:
    assert list(RULE_INDEX) == [spec.id for spec in RULES]
    for spec in RULES:
        entry = RULE_INDEX[spec.id]
        assert (entry.title, entry.source, entry.personas) == (
            spec.title,
            spec.source,
            spec.personas,
        )
        assert entry.params == spec.params
        assert [type(v) for v in entry.params.values()] == [type(v) for v in spec.params.values()]
