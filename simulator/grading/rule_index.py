"""Writes `simulator/scenario/rule_index.py`: the rule ids a scenario file may name.

The scenario loader checks `rules:` and `expect.fails` against the rule catalog, and the
scenario schema lists the rules; the scenario layer sits below the grader, so it reads a
generated copy of the catalog's entries instead of importing the registry. Regenerate it
after adding or changing a rule (a test fails while it is out of date):

    python -m simulator.grading.rule_index
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

from simulator.grading.catalog import RULES, ParamValue

TARGET = Path(__file__).resolve().parent.parent / "scenario" / "rule_index.py"
REGENERATE = "python -m simulator.grading.rule_index"

_HEADER = f'''"""The rules of the catalog as a scenario file sees them: id, title, source, personas,
parameters with their defaults, in catalog order.

Generated from the rule registry (simulator/grading/rules) by
`{REGENERATE}`; do not edit. A test fails while it is out of date.
Kept as data so that loading a scenario never imports the grader, which sits above it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RuleEntry:
    """What a scenario file may say about one rule."""

    title: str
    source: str
    personas: tuple[str, ...] = ()
    params: dict[str, bool | int | float | str] = field(default_factory=dict)


RULES: dict[str, RuleEntry] = {{
'''


def _literal(value: ParamValue) -> str:
    """A Python literal as ruff formats it (double quotes), so the file needs no formatting."""
    return json.dumps(value, ensure_ascii=False) if isinstance(value, str) else repr(value)


def rule_index_text() -> str:
    """The module's text, from the catalog as it is now."""
    lines = [_HEADER]
    for spec in RULES:
        lines.append(f"    {_literal(spec.id)}: RuleEntry(\n")
        lines.append(f"        title={_literal(spec.title)},\n")
        lines.append(f"        source={_literal(spec.source)},\n")
        if spec.personas:
            personas = ", ".join(_literal(p) for p in spec.personas)
            comma = "," if len(spec.personas) == 1 else ""
            lines.append(f"        personas=({personas}{comma}),\n")
        if spec.params:
            params = ", ".join(
                f"{_literal(name)}: {_literal(value)}" for name, value in spec.params.items()
            )
            lines.append(f"        params={{{params}}},\n")
        lines.append("    ),\n")
    lines.append("}\n")
    return "".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    del argv  # no options: the target is fixed, so the generated copy has one place
    TARGET.write_text(rule_index_text(), encoding="utf-8")
    sys.stdout.write(f"{TARGET}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
