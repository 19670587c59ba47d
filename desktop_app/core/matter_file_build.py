"""A checked matter-file document turned into records: the draft of a matter.

Driven by the tables of matter_file_format, as export is (matter_file_export), so a key cannot
be read without being written. Expects a document that passed the schema and the ref checks;
the records it gives are a draft (ids are positions, ``matter_id`` is 0). Left out, a matter's
status follows from its determinations and BIS clock and a condition's is where one of its kind
starts, as in the window.
"""

from __future__ import annotations

import types
import typing
from dataclasses import is_dataclass, replace
from datetime import date
from enum import Enum
from typing import Any

from desktop_app.core.condition_states import initial_status
from desktop_app.core.matter_file_format import (
    BY_KEY,
    LINKS,
    LISTS,
    NESTED,
    field_keys,
    hints,
)
from desktop_app.core.matter_file_refs import Refs, refs_of
from desktop_app.core.matter_status import derived_status
from desktop_app.core.models import Decisions, Matter, MatterRecord

Json = dict[str, Any]


def draft_of(document: Json) -> MatterRecord:
    """The records a checked document states, as a draft matter record."""
    refs = refs_of(document)
    lists = {
        kind.key: tuple(
            record_of(kind.record, entry, refs, i + 1)
            for i, entry in enumerate(document.get(kind.key, []))
        )
        for kind in LISTS
    }
    rows = _nested(document, "letters", refs)
    logs = _nested(document, "conditions", refs)
    conditions = tuple(
        c if "status" in entry else replace(c, status=initial_status(c.kind))
        for c, entry in zip(lists["conditions"], document.get("conditions", []), strict=True)
    )
    decided = Decisions(
        lists["determinations"],
        lists["licenses"],
        lists["letters"],
        rows,
        conditions,
        logs,
        lists["clock_events"],
    )
    matter = record_of(Matter, document["matter"], refs, 0)
    if "status" not in document["matter"]:
        follows = derived_status(decided.determinations, decided.clock_events, kind=matter.kind)
        if follows is not None:
            reason = matter.status_reason or follows.reason
            matter = replace(matter, status=follows.status, status_reason=reason)
    return MatterRecord(
        matter,
        lists["parties"],
        lists["items"],
        lists["activities"],
        lists["notes"],
        decisions=decided,
    )


def record_of(record_type: type, entry: Json, refs: Refs, position: int, **parent: int) -> Any:
    """One record from its object in the file: links become positions, values their types."""
    links = LINKS.get(record_type, {})
    given: dict[str, Any] = {"id": position, **parent} if position else {}
    for key, field in field_keys(record_type):
        if key not in entry:
            continue
        value = entry[key]
        if field in links:
            known = refs[links[field][1]]
            given[field] = (
                tuple(known[v] for v in value)
                if isinstance(value, list)
                else (None if value is None else known[value])
            )
        else:
            given[field] = from_json(hints(record_type)[field], value)
    if "matter_id" in hints(record_type):
        given["matter_id"] = 0
    return record_type(**given)


def from_json(hint: Any, value: Any) -> Any:
    """A JSON value as the Python value of a field with type ``hint``."""
    base = _non_optional(hint)
    if value is None:
        return None
    if typing.get_origin(base) is tuple:
        element = typing.get_args(base)[0]
        return tuple(from_json(element, v) for v in value)
    if isinstance(base, type) and is_dataclass(base):
        return record_of(base, value, {}, 0)
    convert = _SCALARS.get(base)
    if convert is None and isinstance(base, type) and issubclass(base, Enum):
        convert = base
    return value if convert is None else convert(value)


_SCALARS: dict[Any, Any] = {date: date.fromisoformat, float: float, int: int}


def _nested(document: Json, key: str, refs: Refs) -> tuple[Any, ...]:
    """The Annex A rows of every letter, or the log of every condition, numbered through."""
    nested_key, record_type, parent = NESTED[BY_KEY[key].record]
    found: list[Any] = []
    for owner, entry in enumerate(document.get(key, []), start=1):
        for sub in entry.get(nested_key, []):
            found.append(record_of(record_type, sub, refs, len(found) + 1, **{parent: owner}))
    return tuple(found)


def _non_optional(hint: Any) -> Any:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint
