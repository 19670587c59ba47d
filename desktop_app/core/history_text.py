"""The audit chain read as prose: who did what to which record, with labels instead of codes.

The History tab, ``compliance-desk history`` and the Undo entries speak these words, so each
says the same thing. An entry's images are read against the record's type hints: an enum shows
its label, a date its ISO day, a missing value "—" (never a JSON null), a list its entries.
Field names become words ("validated_on" → "validated on") unless `FIELD_LABELS` says better.
The person is named from the library's people (`desktop_app.core.people`), with the account
the change was made under when it differs.
"""

from __future__ import annotations

import json
import typing
from collections.abc import Mapping
from dataclasses import fields, is_dataclass
from datetime import datetime
from functools import cache
from typing import Any

from desktop_app.core.enums import LabeledEnum
from desktop_app.core.models import AuditEntry, MatterRecord
from desktop_app.core.record_kinds import KINDS
from desktop_app.core.text import cut_at_word

ENTITY_LABELS: dict[str, str] = {
    "matters": "matter",
    "parties": "party",
    "items": "item",
    "activities": "activity",
    "notes": "note",
    "documents": "document",
    "document_text": "document's text",
    "quarantine": "quarantined file",
    "determinations": "determination",
    "licenses": "license",
    "letters": "letter",
    "annex_rows": "Annex A row",
    "conditions": "condition",
    "condition_log": "condition log entry",
    "clock_events": "BIS clock event",
    "memo_drafts": "memo draft",
    "settings": "setting",
    "retention_triggers": "retention trigger",
    "legal_holds": "legal hold",
    "trash": "trash entry",
    "list_editions": "screening list edition",
    "screenings": "screening",
    "screening_hits": "potential screening match",
}
"""What a person calls each kind of record."""

FIELD_LABELS: dict[str, str] = {
    "eccn": "ECCN",
    "eccns": "ECCNs",
    "rrule": "recurrence rule",
    "us_status": "US status",
    "expires_on_set": "expiry set by hand",
    "party_ids": "parties",
    "bound_party_ids": "bound parties",
    "item_ids": "items",
    "activity_ids": "activities",
    "source_document_ids": "source documents",
    "evidence_document_ids": "evidence",
    "determination_id": "determination",
    "replaces_license_id": "replaces license",
    "supersedes_letter_id": "supersedes letter",
    "modifies_letter_id": "modifies letter",
    "addressee_id": "addressee",
    "employer_id": "employer",
    "party_id": "party",
    "item_id": "item",
    "condition_id": "condition",
    "license_id": "license",
    "letter_id": "letter",
    "document_id": "document",
    "sha256": "SHA-256",
    "cc": "CC",
}
"""Field names whose words a person would not guess from the name."""

_REFERS: dict[str, str] = {
    "party_id": "parties",
    "party_ids": "parties",
    "bound_party_ids": "parties",
    "addressee_id": "parties",
    "employer_id": "parties",
    "item_id": "items",
    "item_ids": "items",
    "activity_ids": "activities",
    "condition_id": "conditions",
    "license_id": "licenses",
    "replaces_license_id": "licenses",
    "letter_id": "letters",
    "supersedes_letter_id": "letters",
    "modifies_letter_id": "letters",
    "determination_id": "determinations",
    "document_id": "documents",
    "source_document_ids": "documents",
    "evidence_document_ids": "documents",
    "parent_id": "documents",
}
"""Fields that hold the id of another record, and that record's kind."""

Names = Mapping[str, Mapping[int, str]]
"""What each record of a matter is called, by kind and id (`record_names`)."""

_ACTIONS = {"insert": "Added", "update": "Changed", "delete": "Removed"}
_SKIPPED = frozenset({"id", "matter_id", "version", "saved_at"})
_NAMING = ("number", "title", "name", "reference", "text", "label", "filename", "query")
_VALUE_WIDTH = 60
NONE = "—"


def entity_label(entity: str) -> str:
    """The words for a kind of record ("BIS clock event" for ``clock_events``)."""
    return ENTITY_LABELS.get(entity, entity.replace("_", " "))


def field_label(name: str) -> str:
    """The words for a field ("validated on" for ``validated_on``)."""
    return FIELD_LABELS.get(name, name.removesuffix("_id").replace("_", " "))


def who(actor: str, people: Mapping[str, str]) -> str:
    """The person's name as they gave it, with the account when it says something more."""
    name = people.get(actor, "").strip()
    return f"{name} ({actor})" if name and name != actor else actor


def record_name(entry: AuditEntry) -> str:
    """What names the entry's record (its number, title or name...), or "" when nothing does."""
    return _naming(_image(entry.after) or _image(entry.before))


def headline(entry: AuditEntry) -> str:
    """What was done, in a few words: "Changed the license EC-24-0001"."""
    if entry.action == "refused":
        return f"Refused: {_image(entry.after).get('attempt', '')}".rstrip(": ")
    verb = _withdrawal_verb(entry) or _ACTIONS.get(entry.action, entry.action.capitalize())
    naming = record_name(entry)
    thing = f"the {entity_label(entry.entity)}"
    if naming.isdigit():
        return f"{verb} {thing} no. {naming}"
    return f"{verb} {thing} “{naming}”" if naming else f"{verb} {thing}"


def record_names(record: MatterRecord) -> dict[str, dict[int, str]]:
    """What each record of a matter is called, for the ids an audit entry holds."""
    d = record.decisions
    return {
        "parties": {p.id: p.name for p in record.parties},
        "items": {i.id: i.name for i in record.items},
        "activities": {a.id: a.type.label for a in record.activities},
        "documents": {x.id: x.title or x.filename for x in record.documents},
        "conditions": {c.id: c.number or c.text for c in d.conditions},
        "licenses": {x.id: x.number for x in d.licenses},
        "letters": {x.id: f"{x.reference or x.effect.label} of {x.dated}" for x in d.letters},
        "determinations": {x.id: x.reference or x.kind.label for x in d.determinations},
    }


def details(entry: AuditEntry, names: Names | None = None) -> str:
    """What changed: each field's old and new value for a change, the reason for a refusal.

    With ``names``, a field holding another record's id gives that record's name.
    """
    if entry.action == "refused":
        return str(_image(entry.after).get("reason", ""))
    before, after = _image(entry.before), _image(entry.after)
    hints = _hints(entry.entity)
    if entry.action == "update":
        changed = [k for k in after if k not in _SKIPPED and before.get(k) != after.get(k)]
        return "; ".join(
            f"{field_label(k)}: {_field_text(k, hints, before.get(k), names)} → "
            f"{_field_text(k, hints, after.get(k), names)}"
            for k in changed
        )
    record = after or before
    shown = [
        f"{field_label(k)}: {_field_text(k, hints, v, names)}"
        for k, v in record.items()
        if k not in _SKIPPED and v not in (None, "", [], False) and k not in _NAMING
    ]
    return "; ".join(shown)


def when_text(iso: str) -> str:
    """An entry's time in the machine's time zone, to the minute ("2026-12-07 20:35")."""
    if not iso:
        return ""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


def sentence(entry: AuditEntry, people: Mapping[str, str], names: Names | None = None) -> str:
    """The whole entry as one line of prose."""
    said = details(entry, names)
    return f"{who(entry.actor, people)}: {headline(entry)}" + (f" — {said}" if said else "")


def _field_text(name: str, hints: Mapping[str, Any], value: Any, names: Names | None) -> str:
    kind = _REFERS.get(name)
    if kind is None or value is None or value == []:
        return value_text(hints.get(name), value)
    known = (names or {}).get(kind, {})
    ids = value if isinstance(value, list) else [value]
    return ", ".join(cut_at_word(known[i], _VALUE_WIDTH) if known.get(i) else f"#{i}" for i in ids)


def value_text(hint: Any, value: Any) -> str:
    """A stored value as a person reads it, by the field's type."""
    if value is None or value in ("", []):
        return NONE
    if isinstance(value, bool):
        return "yes" if value else "no"
    base = _non_optional(hint)
    if isinstance(value, list):
        element = typing.get_args(base)[0] if typing.get_origin(base) is tuple else None
        return ", ".join(value_text(element, v) for v in value)
    if isinstance(value, dict):
        return _naming(value) or ", ".join(f"{field_label(k)} {v}" for k, v in value.items() if v)
    return _scalar_text(base, value)


def _scalar_text(base: Any, value: Any) -> str:
    if isinstance(base, type) and issubclass(base, LabeledEnum):
        member = next((m for m in base if m.value == value), None)
        return member.label if member is not None else str(value)
    return cut_at_word(str(value), _VALUE_WIDTH)


def _naming(record: Mapping[str, Any]) -> str:
    for key in _NAMING:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return cut_at_word(" ".join(value.split()), _VALUE_WIDTH)
    return ""


def _withdrawal_verb(entry: AuditEntry) -> str:
    """The verb for a change of a record's withdrawal (Withdrew, Put back in force); else ""."""
    if entry.action != "update":
        return ""
    before = _image(entry.before).get("withdrawn_on")
    after = _image(entry.after).get("withdrawn_on")
    if before is None and after is not None:
        return "Withdrew"
    if before is not None and after is None:
        return "Put back in force"
    return ""


def _image(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


@cache
def _hints(entity: str) -> dict[str, Any]:
    kind = KINDS.get(entity)
    if kind is None or not is_dataclass(kind):
        return {}
    resolved = typing.get_type_hints(kind)
    return {f.name: resolved[f.name] for f in fields(kind)}


def _non_optional(hint: Any) -> Any:
    args = [a for a in typing.get_args(hint) if a is not type(None)]
    if typing.get_origin(hint) is typing.Union or type(hint).__name__ == "UnionType":
        return args[0] if len(args) == 1 else hint
    return hint
