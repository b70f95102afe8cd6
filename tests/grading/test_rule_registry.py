"""The rule registry: every rule is one function with its catalog entry on it, in the
module named by its id prefix, documented, sourced, unit-tested, and shown to pass, fail
and be na on shipped calls, with a bad example that fails it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from simulator import locations
from simulator.cli.rule_examples import bad_scripts, failing_examples, play_script
from simulator.grading import RULES, grade, rules
from simulator.grading.catalog import CATALOG_ORDER, REGISTERED, _ordered
from simulator.grading.context import RuleContext
from simulator.grading.model import RuleResult
from simulator.grading.registry import REGISTRY, Rule, RuleSpec, rule
from simulator.grading.view import CallView
from simulator.recording import read_recording
from simulator.scenario.loader import load_trainee_script

LIBRARY = locations.PROJECT_ROOT / "scenarios"
TESTS = Path(__file__).parent
HAN = re.compile(r"[\u4e00-\u9fff]")
IDS = [entry.spec.id for entry in REGISTERED]


def test_the_catalog_is_the_registry_in_catalog_order() -> None:
    assert [spec.id for spec in RULES] == IDS
    assert set(IDS) == set(REGISTRY)
    assert len(IDS) == len(set(IDS))
    assert IDS[: len(CATALOG_ORDER)] == list(CATALOG_ORDER)


@pytest.mark.parametrize("rule_id", IDS)
def test_a_rule_lives_in_the_module_of_its_prefix(rule_id: str) -> None:
    prefix = rule_id.split(".", 1)[0]
    assert REGISTRY[rule_id].module == f"simulator.grading.rules.{prefix}"


@pytest.mark.parametrize("rule_id", IDS)
def test_a_rule_is_documented_and_sourced(rule_id: str) -> None:
    entry = REGISTRY[rule_id]
    assert len(entry.doc) >= 40, "the check needs a docstring saying what passes and fails"
    assert entry.spec.source.strip(), "the rule needs the clause of the standards it rests on"
    assert HAN.search(entry.spec.title), "trainees read the title: Chinese"
    assert HAN.search(entry.checks) and entry.checks.endswith("。")


def _unit_test_sources() -> str:
    here = Path(__file__).name
    return "".join(
        p.read_text(encoding="utf-8")
        for p in sorted(TESTS.glob("test_*.py"))
        if p.name not in (here, "test_rule_reference.py")
    )


@pytest.mark.parametrize("rule_id", IDS)
def test_a_rule_has_unit_tests(rule_id: str) -> None:
    assert f'"{rule_id}"' in _unit_test_sources(), f"no unit test in tests/grading names {rule_id}"


def _shipped_calls() -> Iterator[tuple[str, list[RuleResult]]]:
    for path in sorted((LIBRARY / "scripts").glob("*.yaml")):
        graded = play_script(LIBRARY, path, load_trainee_script(path))
        yield path.name, list(graded.rules)
    for path in sorted((LIBRARY / "examples").glob("*.jsonl")):
        yield path.name, list(grade(read_recording(path)).rules)


def test_every_rule_passes_fails_and_is_na_on_shipped_calls() -> None:
    seen: dict[str, set[str]] = {rule_id: set() for rule_id in IDS}
    for _, results in _shipped_calls():
        for result in results:
            seen[result.id].add(result.status)
    missing = {
        rule_id: {"pass", "fail", "na"} - got for rule_id, got in seen.items() if len(got) < 3
    }
    assert not missing, missing


def test_every_rule_fails_on_a_shipped_bad_example() -> None:
    examples = failing_examples(set(IDS), LIBRARY)
    assert set(examples) == set(IDS), set(IDS) - set(examples)
    declared = {
        rule_id
        for _, script in bad_scripts(LIBRARY)
        for rule_id in (script.expect.fails if script.expect else ())
    }
    for rule_id, example in examples.items():
        assert example.result.status == "fail"
        assert example.result.fix and example.result.message
        # A rule a typed script can fail is shown failing on a bad script; the rest (spoken
        # replies only) on a recorded bad call.
        expected = "scenarios/scripts/" if rule_id in declared else "scenarios/examples/"
        assert example.where.startswith(expected), (rule_id, example.where)


def _never_decides(call: CallView, context: RuleContext) -> RuleResult:
    """A rule used only by this test."""
    return context.na("测试")


def test_registering_an_id_twice_is_refused() -> None:
    register = rule("answer.rings", title="重复", checks="重复。", stage="opening", source="测试")
    with pytest.raises(ValueError, match=re.escape("answer.rings")):
        register(_never_decides)


def test_a_new_rule_follows_the_published_order(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = RuleSpec("aaa.new", "新规则", "protocol", "测试")
    monkeypatch.setitem(REGISTRY, spec.id, Rule(spec, _never_decides, "新规则。"))
    ordered = [entry.spec.id for entry in _ordered()]
    # Published rules keep their places; rules added since (and this one) come after them.
    assert ordered[: len(CATALOG_ORDER)] == list(CATALOG_ORDER)
    assert "aaa.new" in ordered[len(CATALOG_ORDER) :]


def test_rule_modules_share_helpers_only_through_the_private_module() -> None:
    rules_dir = Path(rules.__file__).parent
    crossing = [
        f"{path.name}: {line.strip()}"
        for path in sorted(rules_dir.glob("*.py"))
        if path.name != "__init__.py"
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.match(r"\s*from simulator\.grading\.rules\.(?!_common\b)\w+ import", line)
    ]
    assert not crossing, "shared helpers belong in rules/_common.py"
