"""The sample matters: turning the shipped JSON into records through the matter service.

The JSON (resources/sample/matters.json) refers to parties and items by keys; ids exist only
once stored, so parties are added employers first and activities last. A matter whose title is
already in the library is skipped, so adding the samples twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from desktop_app.core.documents import Direction, DocumentKind, Filing
from desktop_app.core.enums import (
    ActivityStatus,
    Agency,
    ItemKind,
    MatterKind,
    MatterStatus,
    NationalityBasis,
    PartyKind,
    PartyRole,
    Privilege,
    ReleaseMechanism,
    TransactionType,
    UsStatus,
)
from desktop_app.core.models import Activity, Item, Matter, Nationality, Note, Party
from desktop_app.core.services import MatterService

Json = Mapping[str, Any]
Attach = Callable[[int, str, Filing], int | None]


@dataclass(frozen=True)
class Keys:
    """The ids the sample's keys (and document files) received when stored."""

    parties: dict[str, int]
    items: dict[str, int]
    documents: dict[str, int]


Decide = Callable[[int, Json, Keys], None]
Draft = Callable[[Matter, Json], None]


def add_samples(
    service: MatterService,
    data: Json,
    attach: Attach | None = None,
    decide: Decide | None = None,
    draft: Draft | None = None,
) -> list[Matter]:
    """Add every sample matter not yet in the library, all in one transaction.

    ``attach(matter_id, file, filing)`` files a sample document (a path under resources/sample)
    and returns its id; ``decide(matter_id, decisions, keys)`` records the determinations,
    letters, licenses and conditions; ``draft(matter, memo)`` saves the memo draft. Without them
    the matters come without those parts.
    """
    with service.batch() as tx:
        present = tx.matter_titles()
        specs = [spec for spec in data["matters"] if spec["title"] not in present]
        made = [_add_matter(service, spec, attach, decide) for spec in specs]
        for matter, spec in zip(made, specs, strict=True):
            if draft is not None and "memo" in spec:
                draft(matter, spec["memo"])
        return made


def _add_matter(
    service: MatterService, spec: Json, attach: Attach | None, decide: Decide | None
) -> Matter:
    matter = service.create_matter(_matter(spec)).record
    party_ids: dict[str, int] = {}
    for p in sorted(spec["parties"], key=lambda p: p["employer"] is not None):
        employer = party_ids[p["employer"]] if p["employer"] else None
        party_ids[p["key"]] = service.add_party(_party(matter.id, p, employer)).record.id
    item_ids = {i["key"]: service.add_item(_item(matter.id, i)).record.id for i in spec["items"]}
    for a in spec["activities"]:
        service.add_activity(_activity(matter.id, a, item_ids[a["item"]], party_ids[a["party"]]))
    for text in spec["notes"]:
        service.add_note(Note(matter.id, text))
    documents = _attach_documents(matter.id, spec.get("documents", []), attach) if attach else {}
    if decide is not None and "decisions" in spec:
        decide(matter.id, spec["decisions"], Keys(party_ids, item_ids, documents))
    return matter


def _attach_documents(matter_id: int, documents: list[Json], attach: Attach) -> dict[str, int]:
    ids: dict[str, int] = {}
    for document in documents:
        filing = Filing(
            DocumentKind(document["kind"]),
            Direction(document["direction"]),
            document["note"],
            document["date"],
            document["title"],
        )
        document_id = attach(matter_id, document["file"], filing)
        if document_id is not None:
            ids[document["file"]] = document_id
    return ids


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _matter(s: Json) -> Matter:
    return Matter(
        title=s["title"],
        kind=MatterKind(s["kind"]),
        summary=s["summary"],
        status=MatterStatus(s["status"]),
        agency=Agency(s["agency"]),
        acn=s["acn"],
        license_number=s["license_number"],
        counsel=s["counsel"],
        opened=_day(s["opened"]),
        closed=_day(s["closed"]),
        tags=tuple(s["tags"]),
        privilege=Privilege(s["privilege"]),
    )


def _party(matter_id: int, s: Json, employer_id: int | None) -> Party:
    return Party(
        matter_id=matter_id,
        name=s["name"],
        role=PartyRole(s["role"]),
        kind=PartyKind(s["kind"]),
        country=s["country"],
        address=s["address"],
        aliases=tuple(s["aliases"]),
        annex_row=s["annex_row"],
        employer_id=employer_id,
        nationalities=tuple(
            Nationality(
                n["country"], NationalityBasis(n["basis"]), _day(n["since"]), _day(n.get("until"))
            )
            for n in s["nationalities"]
        ),
        us_status=UsStatus(s["us_status"]),
        visa_type=s["visa_type"],
        visa_expiry=_day(s["visa_expiry"]),
        notes=s["notes"],
        employed_since=_day(s["employed_since"]),
        employed_until=_day(s["employed_until"]),
        regular_employee=s["regular_employee"],
    )


def _item(matter_id: int, s: Json) -> Item:
    return Item(
        matter_id=matter_id,
        name=s["name"],
        kind=ItemKind(s["kind"]),
        eccn=s["eccn"],
        description=s["description"],
        model_name=s["model_name"],
        model_version=s["model_version"],
        training_ops=s["training_ops"],
        weights_published=s["weights_published"],
        hosting_location=s["hosting_location"],
        hosting_country=s["hosting_country"],
    )


def _activity(matter_id: int, s: Json, item_id: int, party_id: int) -> Activity:
    return Activity(
        matter_id=matter_id,
        type=TransactionType(s["type"]),
        item_id=item_id,
        party_id=party_id,
        from_country=s["from_country"],
        to_country=s["to_country"],
        mechanism=ReleaseMechanism(s["mechanism"]),
        description=s["description"],
        status=ActivityStatus(s["status"]),
        on=_day(s["on"]),
        to_address=s["to_address"],
    )
