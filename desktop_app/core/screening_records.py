"""Screening on the record: each party screened against an edition, each hit decided by counsel.

A `Screening` says that a party, under the names it had then, was screened against one edition
and how many potential matches it had ("no match in edition DATE" when none). Each potential
match is a `ScreeningHit` keeping what the matcher said (the alias, the score, the features)
and the entry as it stood (its digest), with counsel's disposition: a false positive, a
confirmed match, or escalated — with a rationale, who and when. A hit whose entry changed in a
later edition is reopened: its disposition goes back to undecided, saying why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from desktop_app.core.enums import LabeledEnum


class Disposition(LabeledEnum):
    """Counsel's decision on a potential match."""

    UNDECIDED = ""
    FALSE_POSITIVE = "false_positive"
    CONFIRMED = "confirmed"
    ESCALATED = "escalated"

    @property
    def open(self) -> bool:
        """True while the hit still needs a decision (undecided, or escalated and not settled)."""
        return self in (Disposition.UNDECIDED, Disposition.ESCALATED)


@dataclass(frozen=True)
class Screening:
    """One party screened against one edition."""

    matter_id: int
    party_id: int
    edition_id: int
    names: tuple[str, ...]
    screened_at: str
    potential_matches: int
    carried_from: int | None = None
    """The screening on an earlier edition this one carries forward (the edition's changes
    could not alter its hits), or None when the matcher ran."""
    id: int = 0


@dataclass(frozen=True)
class ScreeningHit:
    """A potential match of a screening, with counsel's disposition."""

    matter_id: int
    party_id: int
    screening_id: int
    entry_key: str
    list_code: str
    entry_name: str
    alias: str
    score: float
    features: tuple[str, ...]
    entry_digest: str
    disposition: Disposition = Disposition.UNDECIDED
    rationale: str = ""
    decided_by: str = ""
    decided_at: str = ""
    reopened: str = ""
    """Why an earlier disposition no longer stands (the entry changed), if it was reopened."""
    id: int = 0


def latest_by_party(screenings: Iterable[Screening]) -> dict[int, Screening]:
    """Each party's latest screening (the one recorded last), by party id."""
    found: dict[int, Screening] = {}
    for screening in screenings:
        held = found.get(screening.party_id)
        if held is None or screening.id > held.id:
            found[screening.party_id] = screening
    return found


def hits_by_screening(hits: Iterable[ScreeningHit]) -> dict[int, tuple[ScreeningHit, ...]]:
    """The potential matches of each screening, by screening id, in the order recorded."""
    grouped: dict[int, list[ScreeningHit]] = {}
    for hit in hits:
        grouped.setdefault(hit.screening_id, []).append(hit)
    return {k: tuple(v) for k, v in grouped.items()}
