"""Checks the models cannot do with positions: beat targets, rule ids, file name vs id,
timeouts that go round in silence.

They run on the plain data before the model is built, so every finding carries the exact
line of the offending value (a dangling `goto`, an unknown rule id), and they never
assume the data has the right shape: anything unexpected is left to the model's own
validation to report.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from simulator.errors import UserError
from simulator.scenario.models import CallerLine
from simulator.scenario.param_limits import number_problem, pair_problems
from simulator.scenario.rule_index import RULES as RULE_INDEX
from simulator.scenario.timeout_cycles import timeout_cycle_problems
from simulator.standards import Catalog, load_catalog
from simulator.yamlpos import CheckResult, Loc, Problem, YamlDocument, describe_value, did_you_mean

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def check_scenario(doc: YamlDocument, data: dict[str, Any]) -> CheckResult:
    """The loader's own checks of a scenario file."""
    result = CheckResult()
    _check_id_matches_file(doc, data, result)
    script = data.get("script")
    if isinstance(script, dict):
        _check_beats(doc, script, result)
    rules = data.get("rules")
    if isinstance(rules, dict):
        _check_rules(doc, rules, result)
    if isinstance(script, dict):
        _check_catalog_groups(doc, script, result)
    return result


def _check_id_matches_file(doc: YamlDocument, data: dict[str, Any], result: CheckResult) -> None:
    scenario_id = data.get("id")
    stem = doc.path.stem
    if isinstance(scenario_id, str) and ID_PATTERN.match(scenario_id) and scenario_id != stem:
        result.problems.append(
            doc.problem(
                ("id",),
                f"id '{scenario_id}' 与文件名 '{doc.path.name}' 不一致",
                f"把文件改名为 {scenario_id}{doc.path.suffix or '.yaml'}，或把 id 改为 '{stem}'",
            )
        )


def _beat_names_hint(target: str, names: list[str]) -> str:
    close = did_you_mean(target, names)
    listing = ", ".join(sorted(names)) if names else "（没有）"
    prefix = f"是不是想写 '{close}'？" if close else ""
    return f"{prefix}已定义的 beat：{listing}"


def _check_beats(doc: YamlDocument, script: dict[str, Any], result: CheckResult) -> None:
    beats = script.get("beats")
    if not isinstance(beats, dict):
        return
    names = list(beats)
    if not names:
        result.problems.append(
            doc.problem(("script", "beats"), "至少需要一个 beat", "例如 beats: 下面写 greet: …")
        )
        result.skip_at.add(("script",))
        return
    start = script.get("start")
    if isinstance(start, str) and start not in beats:
        result.problems.append(
            doc.problem(
                ("script", "start"), f"beat '{start}' 未定义", _beat_names_hint(start, names)
            )
        )
        result.skip_at.add(("script",))
    for name, beat in beats.items():
        if not isinstance(beat, dict):
            continue
        loc: Loc = ("script", "beats", name)
        _check_reactions(doc, loc, beat, names, result)
        timeout = beat.get("timeout")
        if isinstance(timeout, dict):
            target = timeout.get("goto")
            if isinstance(target, str) and target not in beats:
                result.problems.append(
                    doc.problem(
                        (*loc, "timeout", "goto"),
                        f"beat '{target}' 未定义",
                        _beat_names_hint(target, names),
                    )
                )
                result.skip_at.add(("script",))
            _check_caller_lines(doc, (*loc, "timeout", "say"), timeout.get("say"), result)
        _check_caller_lines(doc, (*loc, "caller"), beat.get("caller"), result)
    result.problems.extend(timeout_cycle_problems(doc, beats))


def _check_reactions(
    doc: YamlDocument, loc: Loc, beat: dict[str, Any], names: list[str], result: CheckResult
) -> None:
    reactions = beat.get("on")
    if not isinstance(reactions, list):
        return
    catch_all: int | None = None
    for index, reaction in enumerate(reactions):
        if not isinstance(reaction, dict):
            continue
        here: Loc = (*loc, "on", index)
        target = reaction.get("goto")
        if isinstance(target, str) and target not in names:
            result.problems.append(
                doc.problem(
                    (*here, "goto"), f"beat '{target}' 未定义", _beat_names_hint(target, names)
                )
            )
            result.skip_at.add(("script",))
        if catch_all is not None:
            result.problems.append(
                doc.problem(
                    here,
                    "这个分支永远不会触发",
                    f"前面的 on[{catch_all}] 没有条件，任何回答都先匹配它；"
                    "把没有条件的分支放到最后",
                )
            )
        elif not any(reaction.get(key) for key in ("said", "not_said", "catalog")) and (
            reaction.get("forbidden") is None
        ):
            catch_all = index


def _check_caller_lines(doc: YamlDocument, loc: Loc, lines: Any, result: CheckResult) -> None:
    """A line of dialogue with `: ` in it reads as a mapping; say so once, plainly."""
    if not isinstance(lines, list):
        return
    fields = set(CallerLine.model_fields)
    for index, line in enumerate(lines):
        if isinstance(line, dict) and line and "text" not in line and not set(line) & fields:
            key, value = next(iter(line.items()))
            result.problems.append(
                doc.problem(
                    (*loc, index),
                    f"这一句被 YAML 读成了键值对 '{key}: {value}'",
                    f'台词里有“: ”（冒号加空格）时，给整句加上引号，例如 - "{key}: {value}"',
                )
            )
            result.skip_under.add((*loc, index))


def scenario_catalog(scenario_path: Path) -> Catalog | None:
    """The phrase catalog a scenario's branches are checked against; None when there is none.

    The catalog beside the scenario (`standards/` in its folder) if there is one, else the
    default one, which is what the call engine matches against.
    """
    beside = scenario_path.parent / "standards"
    try:
        return load_catalog(beside if beside.is_dir() else None)
    except UserError:
        # A broken or missing catalog is reported on its own files, not on every scenario.
        return None


def catalog_group_ids(scenario_path: Path) -> list[str] | None:
    """Phrase group ids a scenario may name in `catalog:`; None when there is no catalog."""
    catalog = scenario_catalog(scenario_path)
    return None if catalog is None else list(catalog.groups)


def _check_catalog_groups(doc: YamlDocument, script: dict[str, Any], result: CheckResult) -> None:
    beats = script.get("beats")
    if not isinstance(beats, dict):
        return
    known: list[str] | None = None
    for name, beat in beats.items():
        reactions = beat.get("on") if isinstance(beat, dict) else None
        for index, reaction in enumerate(reactions if isinstance(reactions, list) else []):
            groups = reaction.get("catalog") if isinstance(reaction, dict) else None
            for position, group in enumerate(groups if isinstance(groups, list) else []):
                if not isinstance(group, str):
                    continue
                if known is None:
                    known = catalog_group_ids(doc.path)
                    if known is None:
                        return
                if group not in known:
                    close = did_you_mean(group, known)
                    prefix = f"是不是想写 '{close}'？" if close else ""
                    result.problems.append(
                        doc.problem(
                            ("script", "beats", name, "on", index, "catalog", position),
                            f"标准用语目录中没有用语组 '{group}'",
                            f"{prefix}用语组见 scenarios/standards/*.yaml",
                        )
                    )


def _check_rules(doc: YamlDocument, rules: dict[str, Any], result: CheckResult) -> None:
    known = list(RULE_INDEX)
    for rule_id, setting in rules.items():
        loc: Loc = ("rules", rule_id)
        spec = RULE_INDEX.get(rule_id)
        if spec is None:
            close = did_you_mean(rule_id, known)
            hint = f"是不是想写 '{close}'？" if close else "规则 id 见 STANDARDS.md"
            result.problems.append(doc.problem(loc, f"未知的规则 '{rule_id}'", hint, key=True))
            result.skip_under.add(loc)
            continue
        params = setting.get("params") if isinstance(setting, dict) else None
        if not isinstance(params, dict):
            continue
        for name, value in params.items():
            here: Loc = (*loc, "params", name)
            if name not in spec.params:
                allowed = ", ".join(spec.params) if spec.params else "（这条规则没有参数）"
                close = did_you_mean(name, list(spec.params))
                hint = (f"是不是想写 '{close}'？" if close else "") + f"可用的参数：{allowed}"
                result.problems.append(
                    doc.problem(here, f"规则 '{rule_id}' 没有参数 '{name}'", hint, key=True)
                )
                result.skip_under.add(here)
                continue
            problem = _param_type_problem(doc, here, name, value, spec.params[name])
            if problem is not None:
                result.problems.append(problem)
                result.skip_under.add(here)
        _check_param_pairs(doc, loc, {**spec.params, **params}, params, result)


def _check_param_pairs(
    doc: YamlDocument,
    loc: Loc,
    merged: dict[str, Any],
    overrides: dict[str, Any],
    result: CheckResult,
) -> None:
    """`min_X` above `max_X` once the overrides are folded into the defaults."""
    for name, message, hint in pair_problems(merged):
        other = "max_" + name.removeprefix("min_")
        at = name if name in overrides else other
        result.problems.append(doc.problem((*loc, "params", at), message, hint))


def _param_type_problem(
    doc: YamlDocument, loc: Loc, name: str, value: Any, default: Any
) -> Problem | None:
    if isinstance(default, bool):
        if isinstance(value, bool):
            return None
        return doc.problem(
            loc,
            f"应为 true 或 false，不是{describe_value(value)}",
            f"默认：{name}: {str(default).lower()}",
        )
    if isinstance(default, (int, float)):
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            found = number_problem(name, value)
            if found is None:
                return None
            message, limits = found
            hint = f"默认：{name}: {default}" + (f"；{limits}" if limits else "")
            return doc.problem(loc, message, hint)
        return doc.problem(
            loc, f"应为数字，不是{describe_value(value)}", f"默认：{name}: {default}"
        )
    return None


def check_trainee_script(doc: YamlDocument, data: dict[str, Any]) -> CheckResult:
    """The loader's own checks of a trainee script: expected failures are real rule ids."""
    result = CheckResult()
    expect = data.get("expect")
    fails = expect.get("fails") if isinstance(expect, dict) else None
    if not isinstance(fails, list):
        return result
    known = list(RULE_INDEX)
    for index, rule_id in enumerate(fails):
        if isinstance(rule_id, str) and rule_id not in RULE_INDEX:
            close = did_you_mean(rule_id, known)
            result.problems.append(
                doc.problem(
                    ("expect", "fails", index),
                    f"未知的规则 '{rule_id}'",
                    f"是不是想写 '{close}'？" if close else "规则 id 见 STANDARDS.md",
                )
            )
    return result
