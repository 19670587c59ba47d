"""Records to rows and back, driven by the dataclass type hints.

Enums are stored by value, dates as ISO text, tuples as JSON arrays, optional booleans as 0/1/NULL.
One table per record type; ``TABLES`` pairs them, from the core's `KINDS` (the audit names). An
enum with a ``""`` member (unset) reads NULL as that member. A record nested in a JSON array (a
party's nationalities) may lack keys added after it was written: each reads as the field's
default. `from_image` reads a record back from an audit entry's before or after image.
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import MISSING, fields, is_dataclass
from datetime import date
from enum import Enum
from functools import cache
from typing import Any, TypeVar

from desktop_app.core.record_kinds import KINDS
from desktop_app.core.serialize import to_plain

TABLES: dict[type, str] = {kind: name for name, kind in KINDS.items()}

R = TypeVar("R")


def to_row(record: object) -> dict[str, Any]:
    """The column values of a record (without ``id`` when it has none yet)."""
    row: dict[str, Any] = {}
    for f in fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        if f.name == "id" and not value:
            continue
        row[f.name] = _encode(value)
    return row


def _encode(value: Any) -> Any:
    if isinstance(value, tuple):
        return json.dumps(to_plain(value), ensure_ascii=False)
    if isinstance(value, bool):
        return int(value)
    return to_plain(value)


def from_row(kind: type[R], row: dict[str, Any]) -> R:
    """Rebuild a record of ``kind`` from its row."""
    decoders = _decoders(kind)  # type: ignore[arg-type]  # classes are hashable
    return kind(**{name: decode(row[name]) for name, decode in decoders})


def _from_nested(kind: type[R], given: dict[str, Any]) -> R:
    """A nested record from its JSON object; a key it lacks (an older row) takes the default."""
    decoders = _decoders(kind)  # type: ignore[arg-type]  # classes are hashable
    return kind(**{name: decode(given[name]) for name, decode in decoders if name in given})


def nested_defaults(kind: type, name: str) -> dict[str, Any]:
    """For a field holding records nested in JSON, each default as stored; else ``{}``."""
    return _nested_defaults(kind, name)


@cache
def _nested_defaults(kind: type, name: str) -> dict[str, Any]:
    base = _non_optional(_hints(kind).get(name))
    element = typing.get_args(base)[0] if typing.get_origin(base) is tuple else None
    if not (isinstance(element, type) and is_dataclass(element)):
        return {}
    return {f.name: to_plain(f.default) for f in fields(element) if f.default is not MISSING}


def column_list(kind: type[R]) -> str:
    """The SELECT list of a record's columns in field order, each in brackets.

    Brackets, not double quotes: SQLite reads a double-quoted name that matches no column as a
    string, so a library missing a column (an older one opened read-only) would show the
    column's name as every row's value instead of failing.
    """
    decoders = _decoders(kind)  # type: ignore[arg-type]  # classes are hashable
    return ", ".join(f"[{name}]" for name, _decode in decoders)


def from_values(kind: type[R], values: Sequence[Any]) -> R:
    """Rebuild a record of ``kind`` from its column values in `column_list` order.

    No dict per row: reading a matter's 5,000 documents this way takes a quarter less time.
    """
    decoders = _decoders(kind)  # type: ignore[arg-type]  # classes are hashable
    return kind(*[decode(value) for (_name, decode), value in zip(decoders, values, strict=True)])


@cache
def _hints(kind: type) -> dict[str, Any]:
    resolved = typing.get_type_hints(kind)
    return {f.name: resolved[f.name] for f in fields(kind)}


@cache
def _decoders(kind: type) -> tuple[tuple[str, Callable[[Any], Any]], ...]:
    """One decoding function per field, worked out once per class (rows are many)."""
    return tuple((name, _decoder(hint)) for name, hint in _hints(kind).items())


_SCALARS: dict[Any, Any] = {date: date.fromisoformat, bool: bool, float: float}


def _decoder(hint: Any) -> Callable[[Any], Any]:
    base = _non_optional(hint)
    if typing.get_origin(base) is tuple:
        element = typing.get_args(base)[0]
        return lambda value: (
            () if value is None or value == "[]" else _decode_tuple(element, json.loads(value))
        )
    empty: Any = "" if base is str else None
    if isinstance(base, type) and issubclass(base, Enum):
        convert: Callable[[Any], Any] | None = _enum_decoder(base)
        empty = next((m for m in base if m.value == ""), None)
    else:
        convert = _SCALARS.get(base)
    if convert is None:
        return lambda value: empty if value is None else value
    known = convert
    return lambda value: empty if value is None else known(value)


def _enum_decoder(enum: type[Enum]) -> Callable[[Any], Any]:
    """``enum(value)`` by a dict look-up (a matter's thousands of rows hold a few values)."""
    members = {m.value: m for m in enum}
    return lambda value: members[value] if value in members else enum(value)


def _decode_tuple(element: Any, values: list[Any]) -> tuple[Any, ...]:
    if isinstance(element, type) and is_dataclass(element):
        return tuple(_from_nested(element, v) for v in values)
    if isinstance(element, type) and issubclass(element, Enum):
        return tuple(element(v) for v in values)
    return tuple(values)


def _non_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def from_image(kind: type[R], image: str) -> R:
    """A record from an audit entry's before or after image (`canonical_json` of the record).

    Tuples there are JSON arrays, not the JSON text a row holds; a field the image lacks (an
    entry written before the field was added) takes its default.
    """
    plain = json.loads(image)
    given = {
        name: json.dumps(value, ensure_ascii=False) if isinstance(value, list) else value
        for name, value in plain.items()
    }
    return _from_nested(kind, given)
