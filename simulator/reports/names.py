"""What a trainer reads instead of internal ids: rule titles and scenario titles."""

from __future__ import annotations

from functools import lru_cache

from simulator.errors import UserError
from simulator.grading.catalog import RULES_BY_ID
from simulator.scenario.loader import find_scenario, load_scenario


def rule_title(rule_id: str) -> str:
    """The rule's Chinese title (its id only when the catalog does not know it)."""
    spec = RULES_BY_ID.get(rule_id)
    return spec.title if spec is not None and spec.title else rule_id


@lru_cache(maxsize=512)
def scenario_title(scenario_id: str) -> str:
    """The scenario's title from its file in the scenarios folder, else its id."""
    path = find_scenario(scenario_id)
    if path is None:
        return scenario_id
    try:
        return load_scenario(path).title or scenario_id
    except UserError:
        return scenario_id
