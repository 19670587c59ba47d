"""The memo's restricted-party screening record: each party's latest screening and its hits.

For every party: when it was last screened, against which edition of the lists, and what was
found ("no match in edition DATE", or how many potential matches); then each potential match
with the entry and alias it matched, the score, the features the matcher found, and counsel's
disposition with its rationale, who and when (docs/rules.md, "Screening").
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from desktop_app.core.models import MatterRecord
from desktop_app.core.screening_records import (
    Screening,
    ScreeningHit,
    hits_by_screening,
    latest_by_party,
)
from desktop_app.reports.model import Section, Table

NOT_SCREENED = "not screened in the app"


def screening_section(record: MatterRecord, editions: Mapping[int, date]) -> Section:
    """The section: one row per party, then one row per potential match of its latest screening."""
    latest = latest_by_party(record.decisions.screenings)
    hits = hits_by_screening(record.decisions.screening_hits)
    parties = Table(
        ("Party", "Screened", "Edition of the lists", "Result"),
        tuple(_party_row(p.name, latest.get(p.id), editions) for p in record.parties),
        (3.2, 1.6, 1.6, 3),
    )
    shown = [
        (p.name, h) for p in record.parties if p.id in latest for h in hits.get(latest[p.id].id, ())
    ]
    matches = Table(
        ("Party", "Listed entry", "Matched alias", "Score", "Disposition"),
        tuple(_hit_row(name, h) for name, h in shown),
        (2.2, 2.8, 2.2, 0.8, 2.6),
        empty="No potential match in the latest screenings.",
        details=tuple(_hit_detail(h) for _name, h in shown),
        details_are_text=True,
    )
    note = (
        "Screening finds potential matches; each is counsel's to decide. It is owed at each "
        "use: the Annex A letters leave Part 744 and the restricted-party lists in force.",
    )
    return Section(
        "Restricted-party screening",
        note,
        (("Latest screening of each party", parties), ("Potential matches", matches)),
    )


def _party_row(
    name: str, screening: Screening | None, editions: Mapping[int, date]
) -> tuple[str, ...]:
    if screening is None:
        return (name, NOT_SCREENED, "—", "—")
    edition = editions.get(screening.edition_id)
    when = edition.isoformat() if edition else f"edition {screening.edition_id}"
    found = screening.potential_matches
    result = f"no match in edition {when}" if found == 0 else f"{found} potential matches"
    return (name, screening.screened_at[:10], when, result)


def _hit_row(party: str, hit: ScreeningHit) -> tuple[str, ...]:
    decided = hit.disposition.label if hit.disposition.value else "Undecided"
    return (party, f"{hit.entry_name} ({hit.list_code}, {hit.entry_key})", hit.alias,
            f"{hit.score:.0f}", decided)  # fmt: skip


def _hit_detail(hit: ScreeningHit) -> str:
    said = "; ".join(hit.features)
    if hit.rationale:
        said += f". Decided by {hit.decided_by} on {hit.decided_at[:10]}: {hit.rationale}"
    if hit.reopened:
        said += f". Reopened: {hit.reopened}"
    return said
