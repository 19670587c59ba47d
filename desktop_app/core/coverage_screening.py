"""What a party's screening does to a coverage answer (docs/rules.md, "Screening").

The June 2026 letters leave Part 744 and the restricted-party lists in force for the Annex A
entities: screening is owed at each use (docs/domain.md#coverage, rule 2). From the party's
latest screening (and its employer's, for a person):

- a potential match not yet decided, or escalated, makes the answer "needs review", naming the
  decision that is missing;
- a match counsel confirmed with an Entity List entry fails it: that entry's own license
  requirement applies, which no Annex A letter lifts (15 CFR 744.11 and Supplement No. 4 to
  Part 744);
- a match confirmed with another list is counsel's to weigh (the answer needs review);
- no screening recorded leaves the caveat that screening is counsel's; a screening with no open
  match leaves the caveat to screen again at each use.
"""

from __future__ import annotations

from desktop_app.core.coverage_model import Factor, Outcome
from desktop_app.core.coverage_subject import Subject
from desktop_app.core.models import Party
from desktop_app.core.screening_lists import ENTITY_LIST
from desktop_app.core.screening_records import Disposition, Screening, ScreeningHit

DIMENSION = "restricted-party screening"
EL_SOURCE = "15 CFR 744.11; Supplement No. 4 to Part 744"
RULE = "15 CFR 736.2(b)(4), 744.11, 744.15, 744.21; 31 CFR chapter V"
"""What each use is screened against: the Denied Persons, Entity, Unverified and Military
End-User lists, and OFAC's (docs/domain.md#coverage, rule 2)."""


def screening_factors(subject: Subject) -> tuple[Factor, ...]:
    """The factors the latest screening of the party (and its employer) adds."""
    factors: list[Factor | None] = []
    for party in _screened_parties(subject):
        latest = _latest(subject, party)
        if latest is not None:
            factors.extend(_factor(party, hit) for hit in _hits(subject, latest))
    return tuple(f for f in factors if f is not None)


def screening_caveat(subject: Subject) -> str:
    """The screening caveat every answer carries: not recorded, or when it was last done."""
    said = []
    for party in _screened_parties(subject):
        latest = _latest(subject, party)
        said.append(
            f"{party.name}: not screened in the app"
            if latest is None
            else f"{party.name}: screened {latest.screened_at[:10]}"
        )
    return f"restricted-party screening ({'; '.join(said)}) is owed at each use ({RULE})"


def _screened_parties(subject: Subject) -> list[Party]:
    return [subject.party] + ([subject.employer] if subject.employer else [])


def _latest(subject: Subject, party: Party) -> Screening | None:
    return subject.facts.latest_screenings.get(party.id)


def _hits(subject: Subject, screening: Screening) -> tuple[ScreeningHit, ...]:
    return subject.facts.hits_by_screening.get(screening.id, ())


def _factor(party: Party, hit: ScreeningHit) -> Factor | None:
    entry = f"{hit.entry_name} ({hit.list_code}, entry {hit.entry_key})"
    if hit.disposition is Disposition.FALSE_POSITIVE:
        return None
    if hit.disposition is Disposition.CONFIRMED and hit.list_code == ENTITY_LIST:
        detail = (
            f"{party.name} is confirmed by counsel as {entry} ({hit.decided_by}, "
            f"{hit.decided_at[:10]}): the Entity List's license requirement applies"
        )
        return Factor(DIMENSION, Outcome.FAIL, detail, EL_SOURCE)
    if hit.disposition is Disposition.CONFIRMED:
        detail = (
            f"{party.name} is confirmed by counsel as {entry}: its effect is counsel's to weigh"
        )
        missing = f"counsel's reading of the {hit.list_code} listing of {party.name}"
        return Factor(DIMENSION, Outcome.UNKNOWN, detail, RULE, missing)
    state = "escalated" if hit.disposition is Disposition.ESCALATED else "not yet decided"
    detail = f"the potential match of {party.name} with {entry} is {state}"
    missing = f"counsel's disposition of the potential match of {party.name} with {hit.entry_name}"
    return Factor(DIMENSION, Outcome.UNKNOWN, detail, RULE, missing)
