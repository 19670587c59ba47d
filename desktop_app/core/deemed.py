"""Where a release to a person is deemed to go (15 CFR 734.13(b), 734.14(b)).

A release of technology or source code to a foreign person is deemed an export (or reexport) to
that person's most recent country of citizenship or permanent residency. US citizens, lawful
permanent residents and protected individuals are not foreign persons, so no deemed export
occurs (BIS deemed-export FAQ). The app records the answer with its reason; counsel decide.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.enums import UsStatus
from desktop_app.core.models import Party

NOT_FOREIGN_PERSONS = (UsStatus.US_CITIZEN, UsStatus.LPR, UsStatus.PROTECTED_INDIVIDUAL)


@dataclass(frozen=True)
class DeemedDestination:
    """The deemed destination of a release to one person, or why there is none."""

    country: str | None
    reason: str


def deemed_destination(person: Party) -> DeemedDestination:
    """Derive the deemed destination from a person's status and nationalities."""
    if person.us_status in NOT_FOREIGN_PERSONS:
        return DeemedDestination(None, f"not a foreign person ({person.us_status.label})")
    entries = person.nationalities
    if not entries:
        return DeemedDestination(None, "no citizenship or permanent residency recorded")
    if len(entries) == 1:
        only = entries[0]
        return DeemedDestination(only.country, f"only {only.basis.label.lower()} recorded")
    dated = [n for n in entries if n.since is not None]
    if len(dated) < len(entries):
        countries = ", ".join(n.country for n in entries)
        return DeemedDestination(None, f"undetermined: dates missing among {countries}")
    latest = max(dated, key=lambda n: n.since or date.min)
    ties = [n for n in dated if n.since == latest.since and n.country != latest.country]
    if ties:
        return DeemedDestination(None, f"undetermined: {latest.since} acquired twice")
    return DeemedDestination(
        latest.country, f"most recent {latest.basis.label.lower()} (since {latest.since})"
    )
