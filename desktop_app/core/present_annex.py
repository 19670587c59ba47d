"""A matter's Annex A rows as plain values: each row as written, its link and its suggestions.

What the ``annex`` command prints (as JSON, or as text through `cli/annex.py`). A row counsel have
not confirmed lists the parties it may be, best first, with the name score (0-100), whether the
country agrees (null: one of them gives none) and the address similarity (null: likewise).
"""

from __future__ import annotations

from typing import Any

from desktop_app.core.annex import PartyIndex, Suggestion
from desktop_app.core.annex_rows import LinkState, link_state
from desktop_app.core.authorizations import AnnexRow, AuthorizationLetter
from desktop_app.core.models import MatterRecord


def annex_plain(record: MatterRecord, letters: list[AuthorizationLetter]) -> dict[str, Any]:
    """The rows of ``letters`` with their links and suggestions, as plain JSON values."""
    index = PartyIndex(record.parties)
    names = {p.id: p.name for p in record.parties}
    return {
        "matter": record.matter.number,
        "letters": [
            {
                "id": letter.id,
                "dated": letter.dated.isoformat(),
                "reference": letter.reference,
                "rows": [
                    _row_plain(r, names, index)
                    for r in record.decisions.annex_rows
                    if r.letter_id == letter.id
                ],
            }
            for letter in letters
        ],
    }


def _row_plain(row: AnnexRow, names: dict[int, str], index: PartyIndex) -> dict[str, Any]:
    state = link_state(row)
    suggestions = (
        ()
        if state is LinkState.CONFIRMED
        else index.suggest(row.name_as_written, row.country, row.address_as_written)
    )
    return {
        "row_no": row.row_no,
        "name_as_written": row.name_as_written,
        "address_as_written": row.address_as_written,
        "country": row.country,
        "link": state.value,
        "party": None
        if row.party_id is None
        else {"id": row.party_id, "name": names.get(row.party_id, "")},
        "suggestions": [_suggestion_plain(s) for s in suggestions],
    }


def _suggestion_plain(found: Suggestion) -> dict[str, Any]:
    party = found.party
    return {
        "party": {"id": party.id, "name": party.name, "country": party.country},
        "address": party.address,
        "name_score": round(found.name_score, 1),
        "country_match": found.country_match,
        "address_score": None if found.address_score is None else round(found.address_score, 1),
    }
