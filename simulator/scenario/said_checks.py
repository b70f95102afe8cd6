"""Warnings about `said:` keywords that can be meant either way (`callsim validate`).

A `said:` list matches words, not meaning. A word that belongs to a catalog move with an
opposite (agree_to_chat ↔ offtopic_redirect) turns around next to a negation or a refusal:
「陪您聊」 is in 「陪您聊天真的不行」 too, and that is a refusal. The phrase group recognizes
the move by meaning, negation and refusal included, so the warning suggests
`catalog: [<group>]`. A warning does not make the file invalid: the scenario still loads.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from simulator.scenario.checks import scenario_catalog
from simulator.scenario.group_words import opposed_words, opposite_pairs
from simulator.standards import Catalog, normalize
from simulator.yamlpos import Loc, Problem, YamlDocument, YamlFileError, read_yaml


def scenario_warnings(path: Path | str) -> list[Problem]:
    """The warnings of a scenario file; none when it cannot be read or has no catalog."""
    try:
        doc = read_yaml(path)
    except YamlFileError:
        return []  # the file's own problems are reported by the loader
    if not isinstance(doc.data, dict):
        return []
    catalog = scenario_catalog(doc.path)
    if catalog is None:
        return []
    return list(ambiguous_said(doc, doc.data, catalog))


def ambiguous_said(doc: YamlDocument, data: dict[str, Any], catalog: Catalog) -> Iterator[Problem]:
    """A warning for every `said:` keyword found in the wording of a group with an opposite."""
    words = opposed_words(catalog)
    if not words:
        return
    opposites = opposite_pairs(catalog)
    for loc, keyword, named in _said_keywords(data):
        key = normalize(keyword)
        groups = [group for group, texts in words.items() if key and any(key in t for t in texts)]
        if groups and not named & {*groups, *(o for g in groups for o in opposites[g])}:
            yield replace(doc.problem(loc, *_wording(keyword, groups, opposites)), warning=True)


def _said_keywords(data: dict[str, Any]) -> Iterator[tuple[Loc, str, set[str]]]:
    """Every `said:` keyword with its place and the groups its branch names in `catalog:`.

    A branch that already names the group (or its opposite) in `catalog:` decides by
    meaning; its keywords only narrow the match down, so they are not warned about.
    """
    script = data.get("script")
    beats = script.get("beats") if isinstance(script, dict) else None
    if not isinstance(beats, dict):
        return
    for name, beat in beats.items():
        reactions = beat.get("on") if isinstance(beat, dict) else None
        for index, reaction in enumerate(reactions if isinstance(reactions, list) else []):
            if not isinstance(reaction, dict):
                continue
            said, catalog = reaction.get("said"), reaction.get("catalog")
            groups = catalog if isinstance(catalog, list) else []
            named = {group for group in groups if isinstance(group, str)}
            for position, keyword in enumerate(said if isinstance(said, list) else []):
                if isinstance(keyword, str):
                    yield ("script", "beats", name, "on", index, "said", position), keyword, named


def _wording(
    keyword: str, groups: list[str], opposites: dict[str, tuple[str, ...]]
) -> tuple[str, str]:
    """The warning's message and hint for a keyword found in the wording of `groups`."""
    first = groups[0]
    both = next((g for g in groups[1:] if g in opposites[first]), None)
    if both is not None:
        message = (
            f"「{keyword}」在意思相反的用语组 {first} 和 {both} 里都有，"
            "这个词可能是这个意思，也可能是相反的意思"
        )
    else:
        against = "、".join(opposites[first])
        message = (
            f"「{keyword}」是用语组 {first} 的说法（与 {against} 意思相反），"
            "前后加上否定或拒绝，意思就反过来了"
        )
    options = " 或 ".join(f"catalog: [{group}]" for group in groups)
    return message, f"改用 {options}，按意思识别，能分辨否定和拒绝"
