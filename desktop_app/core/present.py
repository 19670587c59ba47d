"""What a matter says, as plain data: the shape of ``show --json`` and of the text views.

Pure functions over records; derived facts (a person's deemed destination, the names an
activity points at) are computed here so every face shows the same answer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.core.coverage_model import GroupLookup
from desktop_app.core.deemed import deemed_destination
from desktop_app.core.documents import Document
from desktop_app.core.enums import PartyKind
from desktop_app.core.models import Activity, MatterRecord, MatterSummary, Party
from desktop_app.core.nationality_flags import nationality_flags
from desktop_app.core.serialize import to_plain

Plain = dict[str, Any]


def summary_view(summary: MatterSummary) -> Plain:
    """One docket row."""
    view: Plain = to_plain(summary.matter)
    view.pop("summary")
    view["parties"] = summary.party_count
    view["items"] = summary.item_count
    return view


def record_view(
    record: MatterRecord, as_of: date | None = None, group_of: GroupLookup | None = None
) -> Plain:
    """The whole matter with derived facts beside the stored ones.

    A person's deemed destination is as of ``as_of`` (an activity's: as of its own date, else
    ``as_of``); with ``group_of`` a person's D:5 and Macau nationalities are flagged.
    """
    names = {p.id: p.name for p in record.parties}
    people = {p.id: p for p in record.parties}
    items = {i.id: i.name for i in record.items}
    return {
        "matter": to_plain(record.matter),
        "parties": [party_view(p, names, as_of, group_of) for p in record.parties],
        "items": [to_plain(i) for i in record.items],
        "activities": [activity_view(a, people, items, as_of) for a in record.activities],
        "notes": [to_plain(n) for n in record.notes],
        "documents": document_tree(record.documents),
        "quarantined": [to_plain(q) for q in record.quarantined],
    }


def document_tree(documents: tuple[Document, ...]) -> list[Plain]:
    """Top-level documents, each with its attachments nested under ``children``."""
    views: dict[int, Plain] = {}
    roots: list[Plain] = []
    for document in documents:
        view: Plain = {**to_plain(document), "children": []}
        views[document.id] = view
        parent = views.get(document.parent_id) if document.parent_id else None
        (parent["children"] if parent is not None else roots).append(view)
    return roots


def party_view(
    party: Party,
    names: dict[int, str],
    as_of: date | None = None,
    group_of: GroupLookup | None = None,
) -> Plain:
    """A party with its employer's name and, for a person, the deemed destination on ``as_of``.

    With ``group_of``, ``nationality_flags`` lists the D:5 and Macau nationalities it holds.
    """
    view: Plain = to_plain(party)
    view["employer"] = names.get(party.employer_id) if party.employer_id else None
    if party.kind is PartyKind.INDIVIDUAL:
        view["deemed_destination"] = to_plain(deemed_destination(party, as_of))
        if group_of is not None:
            view["nationality_flags"] = list(nationality_flags(party, as_of, group_of))
    return view


def activity_view(
    activity: Activity,
    people: dict[int, Party],
    items: dict[int, str],
    as_of: date | None = None,
) -> Plain:
    """An activity with the names of its item and party, and its deemed destination then."""
    view: Plain = to_plain(activity)
    party = people.get(activity.party_id) if activity.party_id else None
    view["item"] = items.get(activity.item_id) if activity.item_id else None
    view["party"] = party.name if party else None
    if activity.type.is_deemed and party is not None:
        view["deemed_destination"] = to_plain(deemed_destination(party, activity.on or as_of))
    return view
