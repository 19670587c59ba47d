"""The matter-file format (version 1): which key of which list holds which field of which record.

A matter file (docs/matter-file.md) is one JSON object: ``format``, ``version``, ``matter`` and
one list per kind of record. Every field of a record has a key of the same name, except storage
ids (left out), document links (left out: documents travel in bundles) and links to other
records, which are keys without the ``_id``/``_ids`` (``employer``, ``bound_parties``) holding
the ``ref`` strings records carry. Annex A rows sit inside their letter (``annex_a``), a
condition's log inside the condition (``log``).

In a draft read from a file every record's ``id`` is its 1-based position in its list and every
link holds the position of the record it names; storing the draft gives real ids.
"""

from __future__ import annotations

import json
import re
import typing
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from functools import cache
from typing import Any

from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    ClockEvent,
    Condition,
    ConditionLog,
    Determination,
    License,
)
from desktop_app.core.models import Activity, Item, Matter, Nationality, Note, Party
from desktop_app.core.text import visible
from desktop_app.errors import ValidationError

FORMAT = "compliance-desk/matter"
VERSION = 1
MAX_BYTES = 20 * 1024 * 1024
MAX_RECORDS = 10_000
SHOWN_PROBLEMS = 50


@dataclass(frozen=True)
class Kind:
    """One list of a matter file: its key, its record type, the prefix of the refs export makes."""

    key: str
    record: type
    ref_prefix: str
    noun: str


LISTS: tuple[Kind, ...] = (
    Kind("parties", Party, "party", "party"),
    Kind("items", Item, "item", "item"),
    Kind("activities", Activity, "activity", "activity"),
    Kind("determinations", Determination, "determination", "determination"),
    Kind("licenses", License, "license", "license"),
    Kind("letters", AuthorizationLetter, "letter", "letter"),
    Kind("conditions", Condition, "condition", "condition"),
    Kind("clock_events", ClockEvent, "", "clock event"),
    Kind("notes", Note, "", "note"),
)
BY_KEY = {kind.key: kind for kind in LISTS}

# record type -> (key of the nested list, its record type, the field naming the parent)
NESTED: dict[type, tuple[str, type, str]] = {
    AuthorizationLetter: ("annex_a", AnnexRow, "letter_id"),
    Condition: ("log", ConditionLog, "condition_id"),
}

# record type -> {field: (key, list the named records are in)}
LINKS: dict[type, dict[str, tuple[str, str]]] = {
    Party: {"employer_id": ("employer", "parties")},
    Activity: {"item_id": ("item", "items"), "party_id": ("party", "parties")},
    Determination: {
        "item_ids": ("items", "items"),
        "activity_ids": ("activities", "activities"),
    },
    License: {
        "party_ids": ("parties", "parties"),
        "item_ids": ("items", "items"),
        "replaces_license_id": ("replaces", "licenses"),
        "determination_id": ("determination", "determinations"),
    },
    AuthorizationLetter: {
        "item_ids": ("items", "items"),
        "determination_id": ("determination", "determinations"),
        "addressee_id": ("addressee", "parties"),
        "supersedes_letter_id": ("supersedes_letter", "letters"),
        "modifies_letter_id": ("modifies_letter", "letters"),
    },
    AnnexRow: {"party_id": ("party", "parties")},
    Condition: {
        "license_id": ("license", "licenses"),
        "letter_id": ("letter", "letters"),
        "bound_party_ids": ("bound_parties", "parties"),
    },
    ConditionLog: {"party_id": ("party", "parties")},
}

LEFT_OUT = frozenset(
    {"id", "matter_id", "document_id", "source_document_ids", "evidence_document_ids"}
)
PARENTS = {AnnexRow: "letter_id", ConditionLog: "condition_id"}
RECORD_TYPES = (Matter, Nationality, *(k.record for k in LISTS), AnnexRow, ConditionLog)


def field_keys(record_type: type) -> tuple[tuple[str, str], ...]:
    """(key, field) of every field a record type keeps in a file, in field order."""
    return _field_keys(record_type)


@cache
def _field_keys(record_type: type) -> tuple[tuple[str, str], ...]:
    links = LINKS.get(record_type, {})
    skipped = LEFT_OUT | {PARENTS.get(record_type, "")}
    return tuple(
        (links[f.name][0] if f.name in links else f.name, f.name)
        for f in fields(record_type)
        if f.name not in skipped
    )


def file_keys(record_type: type) -> list[str]:
    """Every key of a record of this type, in the order export writes them."""
    has_ref = any(kind.record is record_type and kind.ref_prefix for kind in LISTS)
    nested = [NESTED[record_type][0]] if record_type in NESTED else []
    return [*(["ref"] if has_ref else []), *(k for k, _f in field_keys(record_type)), *nested]


def key_of(record_type: type, field: str) -> str | None:
    """The key holding ``field`` in a file, or None when the file does not keep it."""
    return dict((f, k) for k, f in field_keys(record_type)).get(field)


def hints(record_type: type) -> dict[str, Any]:
    """The resolved type hint of every field of a record type."""
    return _hints(record_type)


@cache
def _hints(record_type: type) -> dict[str, Any]:
    return typing.get_type_hints(record_type)


class MatterFileError(ValidationError):
    """A matter file that cannot be loaded: every problem found, by JSON path (``fields``)."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        super().__init__(problems)
        count = len(self.fields)
        lines = [f"  {path}: {why}" for path, why in list(self.fields.items())[:SHOWN_PROBLEMS]]
        if count > SHOWN_PROBLEMS:
            lines.append(f"  … and {count - SHOWN_PROBLEMS:,} more")
        plural = "problem" if count == 1 else "problems"
        self.message = "\n".join(
            [f"the matter file was not loaded ({count:,} {plural}; nothing changed):", *lines]
        )
        self.args = (self.message,)


_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def json_path(parts: Iterable[str | int]) -> str:
    """``$.parties[3].nationalities[0].since`` for the parts of a path into a document."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _NAME.match(part):
            text += f".{part}"
        else:
            text += f"[{show(part)}]"
    return text


def show(value: Any, limit: int = 60) -> str:
    """A value as JSON, cut to ``limit`` characters, with invisible characters written out."""
    text = json.dumps(value, ensure_ascii=False, default=str)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return visible(text)
