"""A letter's Annex A rows: how each is linked, and writing them inside a decision's transaction.

Each row is kept as written, with the party it surely names as a suggestion (``confirmed``
None) for counsel to confirm. A row that comes back exactly as it was when an Annex A is
replaced keeps its link and whether counsel confirmed it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from desktop_app.core.annex import PartyIndex
from desktop_app.core.annex_parse import AnnexLine
from desktop_app.core.authorizations import AnnexRow, AuthorizationLetter
from desktop_app.core.enums import LabeledEnum, PartyKind, PartyRole
from desktop_app.core.models import Party
from desktop_app.core.ports import UnitOfWork


class LinkState(LabeledEnum):
    """Where a row's link to a party stands; only a confirmed one decides coverage."""

    CONFIRMED = "confirmed"
    SUGGESTED = "suggested"
    UNLINKED = "unlinked"


def link_state(row: AnnexRow) -> LinkState:
    """Confirmed by counsel, suggested by the app, or linked to no party."""
    if row.party_id is None:
        return LinkState.UNLINKED
    return LinkState.CONFIRMED if row.confirmed else LinkState.SUGGESTED


def insert_annex(
    tx: UnitOfWork,
    letter: AuthorizationLetter,
    lines: Sequence[AnnexLine],
    kept: Sequence[AnnexRow] = (),
) -> list[AnnexRow]:
    """Insert the rows of ``lines`` for ``letter``; ``kept`` are the rows they replace."""
    index = PartyIndex(tx.children(Party, letter.matter_id))
    before = {_as_written(r): r for r in kept}
    rows = []
    for line in lines:
        row = AnnexRow(
            matter_id=letter.matter_id,
            letter_id=letter.id,
            row_no=line.row_no,
            name_as_written=line.name,
            address_as_written=line.address,
            country=line.country,
        )
        same = before.get(_as_written(row))
        if same is not None:
            row = replace(row, party_id=same.party_id, confirmed=same.confirmed)
        else:
            matched = index.sure_match(line.name, line.country, line.address)
            row = replace(row, party_id=matched.id if matched else None)
        rows.append(tx.insert(row))
    return rows


def _as_written(row: AnnexRow) -> tuple[int, str, str, str]:
    return (row.row_no, row.name_as_written, row.address_as_written, row.country)


def party_of_row(row: AnnexRow) -> Party:
    """A new Annex A entity as the row writes it: its name, address and country."""
    return Party(
        matter_id=row.matter_id,
        name=" ".join(row.name_as_written.split()),
        role=PartyRole.ANNEX_A_ENTITY,
        kind=PartyKind.ENTITY,
        country=row.country.strip().upper(),
        address=row.address_as_written.strip(),
        annex_row=row.row_no,
    )


def same_name(a: str, b: str) -> bool:
    """Whether two names are written the same, case and spacing aside."""
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()
