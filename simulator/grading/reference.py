"""The rule reference, generated from the registry: what `callsim rules` prints and what
docs/rules.md holds.

For each rule: its Chinese title, what it checks, why (the clause of the standards), the
standard wording, a failing example and its fix. The example is a real verdict: the rule
failing on a shipped bad example (a trainee script played headless, or a recording),
found by `simulator.cli.rule_examples`; this module only lays it out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from simulator.grading.catalog import REGISTERED, STAGE_TITLES, Rule
from simulator.grading.model import RuleResult
from simulator.scenario.models import PERSONA_TITLES

DOCS_HEADER = (
    "# 评分规则\n\n"
    "<!-- 本文件由 `callsim rules --markdown > docs/rules.md` 生成，请勿手改；"
    "改规则后重新生成（tests/grading/test_rule_reference.py 检查它是否最新）。 -->\n\n"
    "每条规则：检查什么、依据（规范条款，见 [standards.md](standards.md)）、标准用语、"
    "一个真实的反例（内置反面示范脚本或录音的评分结果）和改正方法。"
    "规则 id 可在场景文件的 `rules:` 中调整权重和参数，或 `enabled: false` 关闭。\n"
)


@dataclass(frozen=True)
class Example:
    """Rule `result.id` failing on a shipped bad example (`where`: its path under scenarios/)."""

    where: str
    result: RuleResult


def _personas(rule: Rule) -> str:
    if not rule.spec.personas:
        return "所有来电"
    return "、".join(f"{PERSONA_TITLES.get(p, p)}（{p}）" for p in rule.spec.personas)


def _params(rule: Rule) -> str:
    return "，".join(f"{name} = {value}" for name, value in rule.spec.params.items())


def _facts(rule: Rule, example: Example | None) -> list[tuple[str, str]]:
    spec = rule.spec
    weight = f"权重 {spec.weight}" + ("，严重违规（一次即不合格）" if spec.critical else "")
    facts = [
        ("阶段", f"{STAGE_TITLES.get(spec.stage, spec.stage)} · {weight}"),
        ("适用", _personas(rule)),
        ("检查什么", rule.checks),
        ("依据", f"{spec.source}（条款见 docs/standards.md）"),
    ]
    if spec.params:
        facts.append(("参数", f"{_params(rule)}（场景文件 rules: 中可改）"))
    if example is None:
        facts.append(("反例", "（没有内置反例）"))
        return facts
    result = example.result
    at = f"第 {result.at:.1f} 秒，" if result.at is not None else ""
    facts += [
        ("标准用语", result.standard or "—"),
        ("反例", f"{example.where}：{at}{result.message}"),
        ("证据", result.evidence or "—"),
        ("改正", result.fix or "—"),
    ]
    return facts


def rule_text(rule: Rule, example: Example | None) -> str:
    """One rule as `callsim rules ID` prints it (plain text, Chinese)."""
    lines = [f"{rule.spec.id}  {rule.spec.title}"]
    lines += [f"  {label}：{value}" for label, value in _facts(rule, example)]
    return "\n".join(lines) + "\n"


def rules_list(rules: Iterable[Rule] = REGISTERED) -> str:
    """Every rule on one line each: id, title, stage, who it applies to."""
    rows = list(rules)
    width = max(len(r.spec.id) for r in rows)
    lines = [
        f"{r.spec.id.ljust(width)}  {r.spec.title}（{STAGE_TITLES.get(r.spec.stage)}，"
        f"{_personas(r)}）"
        for r in rows
    ]
    lines.append("")
    lines.append("查看某条规则的说明、标准用语和反例：callsim rules <规则 id>")
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rules_markdown(examples: Mapping[str, Example], rules: Iterable[Rule] = REGISTERED) -> str:
    """docs/rules.md: an index by stage, then one section per rule."""
    rows = list(rules)
    parts = [DOCS_HEADER, "\n| 规则 | 名称 | 阶段 | 适用 |\n|---|---|---|---|\n"]
    parts += [
        f"| [`{r.spec.id}`](#{r.spec.id.replace('.', '')}) "
        f"| {_cell(r.spec.title)} | {STAGE_TITLES.get(r.spec.stage)} | {_cell(_personas(r))} |\n"
        for r in rows
    ]
    for r in rows:
        parts.append(f"\n## {r.spec.id}\n\n**{r.spec.title}**\n\n")
        parts += [
            f"- {label}：{_cell(value)}\n" for label, value in _facts(r, examples.get(r.spec.id))
        ]
    return "".join(parts)


SOURCES_BEGIN = "<!-- rule-sources:begin -->"
SOURCES_END = "<!-- rule-sources:end -->"


def sources_markdown(rules: Iterable[Rule] = REGISTERED) -> str:
    """The rule index of docs/standards.md: every registered rule with its source clause."""
    rows = [
        "| 规则 | 名称 | 阶段 | 适用 | 权重 | 出处 |",
        "|---|---|---|---|---|---|",
    ]
    for r in rules:
        spec = r.spec
        weight = f"{spec.weight}" + ("（严重）" if spec.critical else "")
        rows.append(
            f"| `{spec.id}` | {_cell(spec.title)} | {STAGE_TITLES.get(spec.stage)} "
            f"| {_cell(_personas(r))} | {weight} | {_cell(spec.source)} |"
        )
    return "\n".join(rows) + "\n"
