"""An Annex A table that counsel paste or import, each row kept as written, and its parties.

The text is read by `desktop_app.core.annex_parse` (numbered lists as copied from a PDF, CSV,
tab- or semicolon-separated tables, with or without a header). Each row is kept as written; the
parties it may be are only suggested (name and aliases by rapidfuzz with accents and case
ignored, the country, the address), and a link decides coverage once counsel confirm it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process, utils

from desktop_app.core.authorizations import AnnexRow
from desktop_app.core.models import Party

MATCH_SCORE = 92.0
SUGGESTIONS = 5
MIN_RANK = 55.0
COUNTRY_WEIGHT = 10.0
ADDRESS_WEIGHT = 5.0


@dataclass(frozen=True)
class Suggestion:
    """A party an Annex A row may be: how well the name, the country and the address agree.

    ``name_score`` is the best of the party's name and aliases (0-100); ``country_match`` and
    ``address_score`` are None when the row or the party does not give one.
    """

    party: Party
    name_score: float
    country_match: bool | None
    address_score: float | None

    @property
    def rank(self) -> float:
        """The name score, raised by an agreeing country and address, lowered by a differing one."""
        country = 0.0 if self.country_match is None else (1.0 if self.country_match else -1.0)
        address = 0.0 if self.address_score is None else (self.address_score - 50.0) / 50.0
        return self.name_score + COUNTRY_WEIGHT * country + ADDRESS_WEIGHT * address

    @property
    def sure(self) -> bool:
        """Close enough on the name, with no country against it, to be offered unasked."""
        return self.name_score >= MATCH_SCORE and self.country_match is not False


class PartyIndex:
    """The parties of a matter, folded once, to suggest for many Annex A rows."""

    def __init__(self, parties: Sequence[Party]) -> None:
        self._labels: list[str] = []
        self._owners: list[Party] = []
        for party in parties:
            for label in (party.name, *party.aliases):
                self._labels.append(fold(label))
                self._owners.append(party)

    def suggest(
        self, name: str, country: str, address: str, limit: int | None = SUGGESTIONS
    ) -> tuple[Suggestion, ...]:
        """The likeliest parties, best first: ``limit`` of them above MIN_RANK, or all (None)."""
        best: dict[int, tuple[float, Party]] = {}
        found = process.extract(fold(name), self._labels, scorer=fuzz.ratio, limit=None)
        for _label, score, position in found:
            owner = self._owners[position]
            if owner.id not in best:  # extract lists the best score first
                best[owner.id] = (score, owner)
        # Name counts most: the country and address re-order only the best few names.
        shortlist = list(best.values()) if limit is None else list(best.values())[: limit * 4]
        ranked = sorted(
            (_suggestion(party, score, country, address) for score, party in shortlist),
            key=lambda s: (-s.rank, s.party.name, s.party.id),
        )
        if limit is None:
            return tuple(ranked)
        return tuple(s for s in ranked if s.rank >= MIN_RANK)[:limit]

    def sure_match(self, name: str, country: str, address: str) -> Party | None:
        """The one party a row surely names (name ≥ MATCH_SCORE, country not against it)."""
        sure = [s for s in self.suggest(name, country, address) if s.sure]
        return sure[0].party if len(sure) == 1 else None


def match_party(name: str, parties: Sequence[Party]) -> Party | None:
    """The one party whose name or alias matches ``name``; None when none or several do."""
    return PartyIndex(parties).sure_match(name, "", "")


def suggest_links(
    row: AnnexRow, parties: Sequence[Party], limit: int | None = SUGGESTIONS
) -> tuple[Suggestion, ...]:
    """The parties an Annex A row may be, best first (at most ``limit``; None: every party)."""
    index = PartyIndex(parties)
    return index.suggest(row.name_as_written, row.country, row.address_as_written, limit)


def _suggestion(party: Party, score: float, country: str, address: str) -> Suggestion:
    same_country = (
        None if not country or not party.country else country.upper() == party.country.upper()
    )
    address_score = (
        None
        if not address.strip() or not party.address.strip()
        else fuzz.token_set_ratio(
            fold(address), fold(party.address), processor=utils.default_process
        )
    )
    return Suggestion(party, score, same_country, address_score)


def fold(text: str) -> str:
    """``text`` compared as names are: case, accents and runs of spaces set aside."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
