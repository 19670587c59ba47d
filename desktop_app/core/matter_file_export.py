"""A matter record as a matter-file document: what `export` writes.

Every list in id order; refs made from the kind and the position (``party-1``), so the same
matter always gives the same document and loading it then exporting again gives it back.
Values by the rules of ``to_plain``: enums by value, dates ISO, tuples as lists, None as null.
"""

from __future__ import annotations

from typing import Any

from desktop_app.core.authorizations import AnnexRow, ConditionLog
from desktop_app.core.matter_file_format import (
    FORMAT,
    LINKS,
    LISTS,
    NESTED,
    VERSION,
    Kind,
    field_keys,
)
from desktop_app.core.models import MatterRecord
from desktop_app.core.serialize import to_plain

Json = dict[str, Any]
Named = dict[str, dict[int, str]]


def document_of(record: MatterRecord) -> Json:
    """The matter-file document of a matter record: every list, refs made from positions."""
    decided = record.decisions
    lists: dict[str, tuple[Any, ...]] = {
        "parties": record.parties,
        "items": record.items,
        "activities": record.activities,
        "determinations": decided.determinations,
        "licenses": decided.licenses,
        "letters": decided.letters,
        "conditions": decided.conditions,
        "clock_events": decided.clock_events,
        "notes": record.notes,
    }
    refs = {
        kind.key: {r.id: f"{kind.ref_prefix}-{i}" for i, r in enumerate(lists[kind.key], 1)}
        for kind in LISTS
    }
    nested: dict[type, dict[int, list[Json]]] = {
        AnnexRow: _grouped(decided.annex_rows, "letter_id", refs),
        ConditionLog: _grouped(decided.condition_log, "condition_id", refs),
    }
    document: Json = {"format": FORMAT, "version": VERSION, "matter": plain_of(record.matter, {})}
    for kind in LISTS:
        document[kind.key] = [_with_nested(r, kind, refs, nested) for r in lists[kind.key]]
    return document


def plain_of(record: Any, refs: Named) -> Json:
    """The object of one record in the file, keys in field order, links as refs."""
    links = LINKS.get(type(record), {})
    found: Json = {}
    for key, field in field_keys(type(record)):
        value = getattr(record, field)
        if field in links:
            named = refs[links[field][1]]
            value = (
                [named[v] for v in value]
                if isinstance(value, tuple)
                else (None if value is None else named[value])
            )
        found[key] = to_plain(value)
    return found


def _with_nested(
    record: Any, kind: Kind, refs: Named, nested: dict[type, dict[int, list[Json]]]
) -> Json:
    """A record's object with its ref first and its nested list (Annex A, log) last."""
    found: Json = {"ref": refs[kind.key][record.id]} if kind.ref_prefix else {}
    found.update(plain_of(record, refs))
    if type(record) in NESTED:
        key, sub_type, _parent = NESTED[type(record)]
        found[key] = nested[sub_type].get(record.id, [])
    return found


def _grouped(records: tuple[Any, ...], parent: str, refs: Named) -> dict[int, list[Json]]:
    grouped: dict[int, list[Json]] = {}
    for record in records:
        grouped.setdefault(getattr(record, parent), []).append(plain_of(record, refs))
    return grouped
