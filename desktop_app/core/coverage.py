"""Coverage: which authorization covers a release to a party, or why none does (issue 4, point 4).

A question is a party (or person) × item × transaction type × date. Letters that lift the
requirement are checked first (they are the June 2026 mechanism), then licenses; the first that
covers is the answer, with the clause it rests on. When none covers, the reason is the nearest
miss: the authorization failing on the fewest dimensions, reported by its most specific failure
(status or expiry, effective dates, transaction type, item, then party), followed by
"national of a D:5 country (CN)" when a group lookup is given, and "no license" when the matter
has none. A release to a person who is not a foreign person is no deemed export at all; an
export to a body located in the United States is no export. The app records; counsel decide.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from desktop_app.core.authorizations import LetterEffect, License
from desktop_app.core.coverage_checks import (
    GroupLookup,
    Hit,
    Kind,
    Miss,
    Subject,
    check_license,
    d5_note,
    no_authorization_needed,
)
from desktop_app.core.coverage_facts import MatterFacts, Question, row_question
from desktop_app.core.coverage_letters import blocked, blocking_letter, check_letter
from desktop_app.core.models import Activity, Party
from desktop_app.core.validity import license_expiry

__all__ = [
    "Coverage",
    "GroupLookup",
    "MatterFacts",
    "Question",
    "activity_coverage",
    "cover",
    "matter_coverage",
    "row_question",
]

Expiry = Callable[[License], date]


@dataclass(frozen=True)
class Coverage:
    """The answer: covered or not, on what basis or for what reason, and the clause.

    ``authorization_id`` and ``kind`` name the letter or license the answer points at: the one
    that covers, or, when nothing covers, the one that came nearest (an expired license, a
    letter imposing the requirement again). Both are None when no authorization is involved.
    """

    covered: bool
    basis: str = ""
    reason: str = ""
    clause: str = ""
    authorization_id: int | None = None
    kind: Kind | None = None

    @property
    def summary(self) -> str:
        """One line for a party row: ``covered: letter of …`` or ``not covered: …``."""
        return f"covered: {self.basis}" if self.covered else self.reason


def cover(
    question: Question,
    facts: MatterFacts,
    *,
    expiry: Expiry = license_expiry,
    group_of: GroupLookup | None = None,
) -> Coverage:
    """Answer one question: the first covering letter or license, else the nearest miss.

    ``expiry`` gives a license's last valid day (15 CFR 750.7(g) by default); ``group_of``
    maps an ISO country code to its Country Groups (15 CFR 740 Supp. 1) and, when given, adds
    the D:5 note to reasons.
    """
    person = facts.party(question.party_id)
    label = facts.item(question.item_id).name if question.item_id is not None else "no item"
    outside = no_authorization_needed(person, question.transaction_type)
    if outside is not None:
        return Coverage(True, basis=outside[0], clause=outside[1])
    employer = None
    if person.employer_id is not None:
        employer = next((p for p in facts.parties if p.id == person.employer_id), None)
    ask = Subject(person, employer, question.item_id, label, question.transaction_type, question.on)
    misses: list[Miss] = []
    for letter in facts.letters:
        if letter.effect is not LetterEffect.REMOVES_REQUIREMENT:
            continue
        found = check_letter(letter, facts.rows_of(letter.id), ask)
        if isinstance(found, Hit):
            later = blocking_letter(letter, facts.letters, facts.rows_of, ask)
            if later is None:
                return _covered(found)
            found = blocked(letter, later)
        misses.append(found)
    for license in facts.licenses:
        found = check_license(license, ask, expiry, group_of)
        if isinstance(found, Hit):
            return _covered(found)
        misses.append(found)
    return _not_covered(person, misses, facts, group_of)


def matter_coverage(
    facts: MatterFacts,
    on: date,
    *,
    expiry: Expiry = license_expiry,
    group_of: GroupLookup | None = None,
) -> dict[int, Coverage]:
    """Coverage for every party row of a matter, keyed by party id (see ``row_question``)."""
    return {
        party.id: cover(row_question(party, facts, on), facts, expiry=expiry, group_of=group_of)
        for party in facts.parties
    }


def activity_coverage(
    activity: Activity,
    facts: MatterFacts,
    *,
    on: date,
    expiry: Expiry = license_expiry,
    group_of: GroupLookup | None = None,
) -> Coverage:
    """Coverage for an activity: its own party, item and transaction type, on the date ``on``."""
    if activity.party_id is None:
        return Coverage(False, reason="not covered: the activity names no recipient")
    question = Question(activity.party_id, activity.item_id, activity.type, on)
    return cover(question, facts, expiry=expiry, group_of=group_of)


def _covered(hit: Hit) -> Coverage:
    """The Coverage for a hit."""
    return Coverage(True, hit.basis, "", hit.clause, hit.authorization_id, hit.kind)


def _not_covered(
    person: Party, misses: list[Miss], facts: MatterFacts, group_of: GroupLookup | None
) -> Coverage:
    """The Coverage for no hit: the nearest miss, the D:5 note, and "no license"."""
    nearest = min(misses, key=lambda m: m.nearness) if misses else None
    parts = [nearest.reason] if nearest else ["no letter lifts the requirement"]
    note = d5_note(person, group_of)
    if note:
        parts.append(note)
    if not facts.licenses:
        parts.append("no license")
    reason = "not covered: " + "; ".join(parts)
    if nearest is None:
        return Coverage(False, reason=reason)
    return Coverage(False, "", reason, nearest.clause, nearest.authorization_id, nearest.kind)
