"""Pydantic validation errors as problems a trainer can act on.

Each error becomes `file:line:column: field.path: message — hint`: the position comes
from the YAML tree, the message says what is wrong in Chinese, and the hint says what
would be right (the closest allowed key or value, the allowed range, an example).
"""

from __future__ import annotations

import difflib
import math
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails, PydanticUndefined

from simulator.yamlpos.modelpath import Expected, allowed_keys, expected_at
from simulator.yamlpos.problems import Problem, format_field
from simulator.yamlpos.yamldoc import Loc, YamlDocument

# Examples for required keys, so "missing" comes with something to copy.
EXAMPLES: dict[str, str] = {
    "id": "id: standard-inquiry",
    "title": "title: 普通咨询",
    "persona": "persona: standard",
    "org": "org: 福彩热线",
    "script": "script: 下面缩进写 beats:",
    "beats": "beats: 下面缩进写各个 beat 的名字",
    "goto": "goto: ask",
    "after": "after: 5",
    "text": "text: 您好",
    "do": "do: say",
    "steps": "steps: 下面每行一个“- do: …”",
    "passed": "passed: true",
    "call_time": "call_time: 2026-10-01T10:00:00+08:00",
}


@dataclass(frozen=True)
class NamedChoices:
    """A closed set of values with a title each (the caller personas of a scenario): a
    wrong value is named with `noun`, and the choices are listed with their titles."""

    field: str
    """The key that takes these values (`persona`); a field whose allowed values are
    exactly these choices is treated the same, whatever its name."""
    noun: str
    titles: Mapping[str, str]
    """Every allowed value, in the order to list them, with its title."""


_TYPE_WORDS = {"int": "整数", "float": "数字", "bool": " true 或 false", "str": "文本"}
_TYPE_OF_ERROR = {
    "int_type": "int",
    "int_parsing": "int",
    "int_from_float": "int",
    "float_type": "float",
    "float_parsing": "float",
    "bool_type": "bool",
    "bool_parsing": "bool",
    "string_type": "str",
}
_MAPPING_ERRORS = {"dict_type", "model_type", "model_attributes_type", "dataclass_type"}
_RANGE_ERRORS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}


def describe_value(value: Any) -> str:
    """How a value from the file reads in a message: `文本 'abc'`, `列表`, `空值`."""
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return f"布尔值 {str(value).lower()}"
    if isinstance(value, (int, float)):
        return f"数字 {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "…"
        return f"文本 '{shown}'"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "映射"
    return type(value).__name__


def closest_first(value: str, choices: Sequence[str]) -> list[str]:
    """`choices` ordered by similarity to `value`, most similar first (stable)."""
    return sorted(
        choices,
        key=lambda choice: -difflib.SequenceMatcher(None, value.lower(), choice.lower()).ratio(),
    )


def did_you_mean(value: str, choices: Sequence[str]) -> str | None:
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def _resolve(data: Any, loc: Sequence[str | int]) -> tuple[Loc, Loc]:
    """Split a pydantic loc into the part that exists in the data and the rest.

    The rest is a missing key, or union member tags pydantic adds (`'float'`, `'int'`).
    """
    node = data
    for index, step in enumerate(loc):
        in_dict = isinstance(node, dict) and isinstance(step, str) and step in node
        in_list = isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        if in_dict or in_list:
            node = node[step]
        else:
            return tuple(loc[:index]), tuple(loc[index:])
    return tuple(loc), ()


def problems_from_errors(
    doc: YamlDocument,
    data: Any,
    model: type[BaseModel],
    errors: Sequence[ErrorDetails],
    *,
    skip_at: Collection[Loc] = (),
    skip_under: Collection[Loc] = (),
    choices: Sequence[NamedChoices] = (),
) -> list[Problem]:
    """One problem per error (union alternatives at one place merged into one).

    `skip_at` drops model-level errors at exactly these paths and `skip_under` every error
    inside these paths: the loader's own checks already reported them, with better
    positions. `choices` name the values of closed sets with their titles.
    """
    problems: list[Problem] = []
    union_groups: dict[Loc, list[ErrorDetails]] = {}
    typo_targets = _typo_targets(data, model, errors)
    for error in errors:
        present, rest = _resolve(data, error["loc"])
        if error["type"] == "missing" and (present, rest[-1:]) in typo_targets:
            continue  # the unknown key's hint ("did you mean …?") already says it
        if any(present[: len(prefix)] == prefix for prefix in skip_under):
            continue
        if present in skip_at and not rest and error["type"] in {"value_error", "assertion_error"}:
            continue
        if rest and error["type"] not in {"missing", "extra_forbidden"}:
            union_groups.setdefault(present, []).append(error)
            continue
        problems.append(_one(doc, model, error, present, rest, choices=choices))
    for present, group in union_groups.items():
        problems.append(_union(doc, model, present, group))
    return problems


def _typo_targets(
    data: Any, model: type[BaseModel], errors: Sequence[ErrorDetails]
) -> set[tuple[Loc, Loc]]:
    """(mapping path, (key,)) for required keys that an unknown key is a misspelling of."""
    targets: set[tuple[Loc, Loc]] = set()
    for error in errors:
        if error["type"] != "extra_forbidden":
            continue
        present, _ = _resolve(data, error["loc"])
        if not present:
            continue
        close = did_you_mean(str(present[-1]), allowed_keys(model, present[:-1]))
        if close is not None:
            targets.add((present[:-1], (close,)))
    return targets


def _one(
    doc: YamlDocument,
    model: type[BaseModel],
    error: ErrorDetails,
    present: Loc,
    rest: Loc,
    *,
    choices: Sequence[NamedChoices],
) -> Problem:
    kind = error["type"]
    value = error.get("input")
    if kind == "missing":
        name = str(rest[-1]) if rest else str(present[-1])
        field_loc = (*present, name) if rest else present
        example = EXAMPLES.get(name) or _example(name, expected_at(model, field_loc))
        return Problem(
            doc.path,
            *doc.position(present, key=True),
            format_field(field_loc),
            f"缺少必填的键 '{name}'",
            f"例如 {example}" if example else None,
        )
    if kind == "extra_forbidden":
        return _unknown_key(doc, model, present)
    expected = expected_at(model, present)
    name = next((str(step) for step in reversed(present) if isinstance(step, str)), "")
    message, hint = _explain(kind, error, value, name, expected, choices=choices)
    return doc.problem(present, message, hint)


def _unknown_key(doc: YamlDocument, model: type[BaseModel], present: Loc) -> Problem:
    key = str(present[-1])
    allowed = allowed_keys(model, present[:-1])
    parent = expected_at(model, present[:-1])
    hint: str | None
    if key.strip("\u3000 ") != key and key.strip("\u3000 ") in allowed:
        hint = "键前面有全角空格；缩进只能用半角空格"
    elif (close := did_you_mean(key, allowed)) is not None:
        hint = f"是不是想写 '{close}'？"
    elif parent is not None and parent.model is not None and parent.model.__name__ == "CallerLine":
        hint = "如果这是一句台词：句中的“: ”让 YAML 把它读成了键值对，给整句加上引号"
    else:
        hint = f"这里可用的键：{', '.join(allowed)}" if allowed else None
    return doc.problem(present, f"未知的键 '{key}'", hint, key=True)


def _explain(
    kind: str,
    error: ErrorDetails,
    value: Any,
    name: str,
    expected: Expected | None,
    *,
    choices: Sequence[NamedChoices] = (),
) -> tuple[str, str | None]:
    if kind == "literal_error":
        allowed = expected.literal_values if expected is not None else ()
        shown = str(value)
        what = f"'{value}'" if isinstance(value, str) else describe_value(value)
        named = next((c for c in choices if name == c.field or set(allowed) == set(c.titles)), None)
        if named is not None:
            allowed = tuple(named.titles)
            message = f"未知的{named.noun} {what}"
            listing = "、".join(
                f"{p}（{named.titles.get(p, p)}）" for p in closest_first(shown, allowed)
            )
        else:
            message = f"{what} 不是可选的取值"
            listing = "、".join(closest_first(shown, allowed))
        close = did_you_mean(shown, allowed)
        prefix = f"是不是想写 '{close}'？" if close else ""
        return message, f"{prefix}可选：{listing}"
    if kind in _TYPE_OF_ERROR:
        wanted = _TYPE_OF_ERROR[kind]
        example = _example(name, expected, wanted)
        hint = f"例如 {example}" if example else None
        if wanted == "bool":
            hint = f"例如 {name}: true"
        if wanted == "str" and isinstance(value, (int, float, bool)):
            hint = f'数字或 true/false 当文本用时要加引号，例如 {name}: "{value}"'
        return f"应为{_TYPE_WORDS[wanted]}，不是{describe_value(value)}", hint
    if kind in _MAPPING_ERRORS:
        if expected is not None and expected.model is not None:
            if expected.model.__name__ == "CallerLine":
                return (
                    f"应为一句台词（文本），不是{describe_value(value)}",
                    "直接写这句话，例如 - 您好，我想问一下开奖结果",
                )
            keys = ", ".join(expected.model.model_fields)
            return f"应为映射（键: 值），不是{describe_value(value)}", f"可用的键：{keys}"
        return f"应为映射（键: 值），不是{describe_value(value)}", None
    if kind == "list_type":
        return (
            f"应为列表，不是{describe_value(value)}",
            f"每项一行，以“- ”开头；或写成 {name}: [第一项, 第二项]",
        )
    if kind in _RANGE_ERRORS or kind == "finite_number":
        what = "不能是无穷大或 NaN" if kind == "finite_number" else f"{value} 超出范围"
        return what, _range_text(name, expected)
    if kind.startswith(("datetime", "date_")):
        return f"应为日期时间，不是{describe_value(value)}", f"例如 {EXAMPLES['call_time']}"
    if kind == "string_pattern_mismatch":
        if name == "id":
            return (
                f"id {describe_value(value)} 不合格式",
                "只能用小写英文字母、数字和“-”，以字母或数字开头，例如 id: standard-inquiry",
            )
        pattern = (error.get("ctx") or {}).get("pattern", "")
        return f"{describe_value(value)} 不合格式", f"格式：{pattern}"
    if kind == "string_too_short":
        return "不能为空", f"写上内容，例如 {EXAMPLES.get(name, name + ': …')}"
    if kind == "string_too_long":
        limit = (error.get("ctx") or {}).get("max_length")
        return f"太长了（最多 {limit} 个字符）", None
    if kind == "too_short":
        limit = (error.get("ctx") or {}).get("min_length")
        return f"至少需要 {limit} 项", None
    if kind in {"value_error", "assertion_error"}:
        message = str(error["msg"])
        for prefix in ("Value error, ", "Assertion failed, "):
            message = message.removeprefix(prefix)
        return message, None
    return _OTHER_ERRORS.get(kind, f"取值不合要求：{describe_value(value)}"), None


_OTHER_ERRORS = {
    "string_unicode": "文本里有无效的字符",
    "too_long": "项数太多",
    "none_required": "这里应留空",
    "bool_parsing": "应为 true 或 false",
    "enum": "不是可选的取值",
    "is_instance_of": "取值的类型不对",
    "frozen_field": "这个值不能修改",
    "time_parsing": "应为时间，例如 10:00:00",
    "timezone_aware": "时间要带时区，例如 +08:00",
    "timezone_naive": "时间不要带时区",
}
"""Pydantic error types with no case of their own above, in Chinese (never English)."""


def _union(
    doc: YamlDocument, model: type[BaseModel], present: Loc, group: list[ErrorDetails]
) -> Problem:
    words: list[str] = []
    for error in group:
        wanted = _TYPE_OF_ERROR.get(error["type"])
        word = _TYPE_WORDS[wanted].strip() if wanted else None
        if word and word not in words:
            words.append(word)
    value = group[0].get("input")
    if words:
        message = f"应为{'、'.join(words)}之一，不是{describe_value(value)}"
    else:
        message = f"取值不合要求：{describe_value(value)}"
    return doc.problem(present, message, None)


def _range_text(name: str, expected: Expected | None) -> str | None:
    if expected is None:
        return None
    lower, upper = expected.bounds()
    if lower is None and upper is None:
        return None
    text = "允许范围："
    if lower is not None:
        text += f"{_number(lower[1])} {'≤' if lower[0] == '≥' else '<'} "
    text += name
    if upper is not None:
        text += f" {upper[0]} {_number(upper[1])}"
    return text


def _number(value: float) -> str:
    if math.isfinite(value) and value == int(value):
        return str(int(value))
    return str(value)


def _example(name: str, expected: Expected | None, wanted: str | None = None) -> str | None:
    """A line to copy for `name`: the table's, else the field's default, else a sample."""
    example = EXAMPLES.get(name)
    if example is not None and (wanted is None or _example_fits(example, wanted)):
        return example
    kind = wanted or (expected.scalar_kind() if expected is not None else None)
    if kind is None or not name:
        return None
    default = expected.default if expected is not None else PydanticUndefined
    if (
        default is not PydanticUndefined
        and default is not None
        and not isinstance(default, (list, dict))
    ):
        shown = str(default).lower() if isinstance(default, bool) else default
        return f"{name}: {shown}"
    lower, _ = expected.bounds() if expected is not None else (None, None)
    samples = {"int": "1", "float": "2.5", "bool": "true", "str": "文本"}
    if kind in {"int", "float"} and lower is not None:
        base = lower[1] if lower[0] == "≥" else lower[1] + 1
        return f"{name}: {_number(base)}"
    return f"{name}: {samples[kind]}"


def _example_fits(example: str, wanted: str) -> bool:
    value = example.split(": ", 1)[-1]
    if wanted in {"int", "float"}:
        return value.replace(".", "", 1).isdigit()
    if wanted == "bool":
        return value in {"true", "false"}
    return True
