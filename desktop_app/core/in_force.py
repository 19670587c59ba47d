"""A matter record as it stands: the records in force, the withdrawn ones left out.

What answers a question about the matter today (the memo's body, the conditions report, the
Overview, `show`'s coverage) reads this; the tables and the memo's list of withdrawn records
read the whole record (`desktop_app.core.withdrawal`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from desktop_app.core.authorizations import (
    AuthorizationLetter,
    Condition,
    Determination,
    License,
)
from desktop_app.core.documents import Document
from desktop_app.core.models import Decisions, MatterRecord
from desktop_app.core.text import cut_at_word
from desktop_app.core.withdrawal import in_force, kept_rows, withdrawn

KIND_NAMES: dict[type, str] = {
    Determination: "determination",
    License: "license",
    AuthorizationLetter: "letter",
    Condition: "condition",
    Document: "document",
}
"""What each withdrawable kind is called (also the ``withdraw`` command's KIND)."""

_NAMES: dict[type, Callable[[Any], str]] = {
    Determination: lambda d: d.reference or d.kind.label,
    License: lambda x: x.number,
    AuthorizationLetter: lambda x: f"{x.reference or x.effect.label} of {x.dated}",
    Condition: lambda c: c.number or cut_at_word(c.text, 40),
    Document: lambda x: x.title or x.filename,
}


@dataclass(frozen=True)
class WithdrawnRecord:
    """One withdrawn record as the memo, `show` and the window list it."""

    kind: str
    record_id: int
    name: str
    on: date
    reason: str


def named(record: Any) -> str:
    """The record in words: the license “EC-24-0001” (#3)."""
    kind = type(record)
    return f"the {KIND_NAMES[kind]} “{_NAMES[kind](record)}” (#{record.id})"


def withdrawn_records(record: MatterRecord) -> tuple[WithdrawnRecord, ...]:
    """Every withdrawn record of the matter, kind by kind (documents last), in id order."""
    found = record.decisions
    groups = (found.determinations, found.licenses, found.letters, found.conditions)
    return tuple(
        WithdrawnRecord(
            KIND_NAMES[type(r)], r.id, _NAMES[type(r)](r), r.withdrawn_on, r.withdrawn_reason
        )
        for group in (*groups, record.documents)
        for r in withdrawn(group)
        if r.withdrawn_on is not None
    )


def record_in_force(record: MatterRecord) -> MatterRecord:
    """``record`` without its withdrawn records and what hangs on them.

    The Annex A rows of a withdrawn letter, the log of a withdrawn condition and the
    attachments of a withdrawn email go with them.
    """
    found = record.decisions
    decisions = Decisions(
        determinations=in_force(found.determinations),
        licenses=in_force(found.licenses),
        letters=in_force(found.letters),
        annex_rows=kept_rows(found.annex_rows, found.letters, "letter_id"),
        conditions=in_force(found.conditions),
        condition_log=kept_rows(found.condition_log, found.conditions, "condition_id"),
        clock_events=found.clock_events,
        screenings=found.screenings,
        screening_hits=found.screening_hits,
    )
    documents = kept_rows(in_force(record.documents), record.documents, "parent_id")
    return replace(record, decisions=decisions, documents=documents)
