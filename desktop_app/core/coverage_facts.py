"""The facts and the question of a coverage answer: one matter's records, and one release.

``row_question`` is the default question each party row of a matter is answered for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.authorizations import AnnexRow, AuthorizationLetter, License
from desktop_app.core.enums import ItemKind, PartyKind, TransactionType
from desktop_app.core.models import Item, MatterRecord, Party
from desktop_app.errors import NotFoundError


@dataclass(frozen=True)
class Question:
    """A release to ask about: to whom, of what (None: no item named), how and when."""

    party_id: int
    item_id: int | None
    transaction_type: TransactionType
    on: date


@dataclass(frozen=True)
class MatterFacts:
    """What coverage is decided from: one matter's parties, items and authorizations."""

    parties: tuple[Party, ...] = ()
    items: tuple[Item, ...] = ()
    licenses: tuple[License, ...] = ()
    letters: tuple[AuthorizationLetter, ...] = ()
    annex_rows: tuple[AnnexRow, ...] = ()

    def party(self, party_id: int) -> Party:
        """The party with this id; NotFoundError when the matter has none."""
        for party in self.parties:
            if party.id == party_id:
                return party
        raise NotFoundError(f"party {party_id} is not a party of this matter")

    def item(self, item_id: int) -> Item:
        """The item with this id; NotFoundError when the matter has none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise NotFoundError(f"item {item_id} is not an item of this matter")

    @classmethod
    def of(cls, record: MatterRecord) -> MatterFacts:
        """The facts of a loaded matter record."""
        decided = record.decisions
        return cls(
            record.parties, record.items, decided.licenses, decided.letters, decided.annex_rows
        )

    def rows_of(self, letter_id: int) -> tuple[AnnexRow, ...]:
        """The Annex A rows of one letter, in the order given."""
        return tuple(row for row in self.annex_rows if row.letter_id == letter_id)


def row_question(party: Party, facts: MatterFacts, on: date) -> Question:
    """The default question for a party row of a matter.

    A person is asked about a deemed export (a deemed reexport when located outside the US,
    i.e. a country other than ``US`` is recorded); any other party about an export. The item is
    the matter's first AI model weights or 4E091 item, else its first item, else none.
    """
    if party.kind is PartyKind.INDIVIDUAL:
        abroad = party.country not in ("", "US")
        kind = TransactionType.DEEMED_REEXPORT if abroad else TransactionType.DEEMED_EXPORT
    else:
        kind = TransactionType.EXPORT
    weights = [
        item
        for item in facts.items
        if item.kind is ItemKind.AI_MODEL_WEIGHTS or item.eccn.upper().startswith("4E091")
    ]
    first = (weights or list(facts.items))[:1]
    return Question(party.id, first[0].id if first else None, kind, on)
