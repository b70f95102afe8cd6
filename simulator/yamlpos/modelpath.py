"""Looking up what a pydantic model expects at a path in the file.

The error hints need to know, for a place in the file, which keys are allowed there,
which values a `Literal` allows, the numeric range of a field and its default. This walks
the model's type annotations along the same path the validation error reports.
"""

from __future__ import annotations

import types
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined


@dataclass(frozen=True)
class Expected:
    """What the model expects at one place: a type, its constraints, the field's default."""

    annotation: Any
    metadata: tuple[Any, ...] = ()
    default: Any = PydanticUndefined

    @property
    def model(self) -> type[BaseModel] | None:
        for member in _members(self.annotation):
            if isinstance(member, type) and issubclass(member, BaseModel):
                return member
        return None

    @property
    def literal_values(self) -> tuple[str, ...]:
        for member in _members(self.annotation):
            if get_origin(member) is Literal:
                return tuple(str(value) for value in get_args(member))
        return ()

    def bounds(self) -> tuple[tuple[str, float] | None, tuple[str, float] | None]:
        """(lower, upper) as (operator, value), e.g. (("≥", 0), ("≤", 600))."""
        lower: tuple[str, float] | None = None
        upper: tuple[str, float] | None = None
        for item in self.metadata:
            if isinstance(item, annotated_types.Ge):
                lower = ("≥", float(item.ge))  # type: ignore[arg-type]
            elif isinstance(item, annotated_types.Gt):
                lower = (">", float(item.gt))  # type: ignore[arg-type]
            elif isinstance(item, annotated_types.Le):
                upper = ("≤", float(item.le))  # type: ignore[arg-type]
            elif isinstance(item, annotated_types.Lt):
                upper = ("<", float(item.lt))  # type: ignore[arg-type]
        return lower, upper

    def scalar_kind(self) -> str | None:
        """'int', 'float', 'bool', 'str' or None, for the first scalar member."""
        for member in _members(self.annotation):
            if member is bool:
                return "bool"
            if member is int:
                return "int"
            if member is float:
                return "float"
            if member is str:
                return "str"
        return None


def _strip(annotation: Any) -> tuple[Any, list[Any]]:
    """Annotated[X, ...] -> (X, metadata), with pydantic FieldInfo metadata flattened."""
    metadata: list[Any] = []
    while get_origin(annotation) is Annotated:
        args = get_args(annotation)
        annotation = args[0]
        for item in args[1:]:
            if isinstance(item, FieldInfo):
                metadata.extend(item.metadata)
            else:
                metadata.append(item)
    return annotation, metadata


def _members(annotation: Any) -> list[Any]:
    """The non-None members of a union (the annotation itself when it is not a union)."""
    annotation, _ = _strip(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        return [_strip(arg)[0] for arg in get_args(annotation) if arg is not type(None)]
    return [annotation]


def _member_metadata(annotation: Any) -> list[Any]:
    annotation, metadata = _strip(annotation)
    if get_origin(annotation) in (Union, types.UnionType):
        for arg in get_args(annotation):
            if arg is not type(None):
                metadata.extend(_strip(arg)[1])
    return metadata


def expected_at(model: type[BaseModel], path: Sequence[str | int]) -> Expected | None:
    """What `model` expects at `path`, or None when the path is not part of the model."""
    annotation: Any = model
    metadata: list[Any] = []
    default: Any = PydanticUndefined
    for step in path:
        found = False
        for member in _members(annotation):
            if isinstance(member, type) and issubclass(member, BaseModel):
                if isinstance(step, str) and step in member.model_fields:
                    info = member.model_fields[step]
                    annotation, metadata = info.annotation, list(info.metadata)
                    default = info.default
                    found = True
                    break
            elif get_origin(member) in (list, tuple) and isinstance(step, int):
                annotation, metadata, default = get_args(member)[0], [], PydanticUndefined
                found = True
                break
            elif get_origin(member) is dict and isinstance(step, str):
                annotation, metadata, default = get_args(member)[1], [], PydanticUndefined
                found = True
                break
        if not found:
            return None
    metadata.extend(_member_metadata(annotation))
    return Expected(annotation, tuple(metadata), default)


def allowed_keys(model: type[BaseModel], path: Sequence[str | int]) -> list[str]:
    """The keys a mapping at `path` may have (empty when any key is allowed)."""
    expected = expected_at(model, path)
    if expected is None or expected.model is None:
        return []
    return list(expected.model.model_fields)
