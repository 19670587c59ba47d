"""The letter checks behind coverage: whether a letter lifting the requirement reaches a release.

DOMAIN §7.4 App rule 1: every dimension must match (transaction type, item, date, party: an
Annex A entity, a foreign-national employee of one, or the developer's own employee when the
letter says so) and no later letter may impose the requirement again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from desktop_app.core.authorizations import AnnexRow, AuthorizationLetter, LetterEffect
from desktop_app.core.coverage_checks import (
    DATES,
    ITEM,
    NEAR_PARTY,
    PARTY,
    STATUS,
    TYPE,
    Failure,
    Hit,
    Miss,
    Subject,
    miss,
)
from desktop_app.core.enums import PartyRole

OWN_ROLES = (PartyRole.DEVELOPER, PartyRole.APPLICANT)


def letter_name(letter: AuthorizationLetter) -> str:
    """How reasons and bases name a letter: ``letter of 2026-06-26``."""
    return f"letter of {letter.dated.isoformat()}"


def in_force(letter: AuthorizationLetter, on: date) -> bool:
    """True when ``on`` falls within the letter's effective dates (both ends included)."""
    until = letter.effective_until
    return letter.effective_from <= on and (until is None or on <= until)


def check_letter(letter: AuthorizationLetter, rows: Iterable[AnnexRow], ask: Subject) -> Hit | Miss:
    """Whether a letter lifting the requirement reaches this release, dimension by dimension.

    A letter that records no transaction types covers none: its scope is counsel's reading of
    the verbatim text, and an empty reading must not cover everything. A letter naming no
    items covers every item of the matter.
    """
    name = letter_name(letter)
    failures: list[Failure] = []
    if not in_force(letter, ask.on):
        span = f"{letter.effective_from} to {letter.effective_until or 'open-ended'}"
        reason = f"{ask.on} is outside the effective dates of the {name} ({span})"
        failures.append((DATES, reason, f"{name}: effective {span}"))
    if ask.transaction_type not in letter.transaction_types:
        types = ", ".join(t.label.lower() for t in letter.transaction_types) or "none recorded"
        reason = f"{ask.transaction_type.label.lower()} is not in the scope of the {name} ({types})"
        failures.append((TYPE, reason, f"{name}: transaction types ({types})"))
    if letter.item_ids and ask.item_id not in letter.item_ids:
        reason = f"{ask.item_label} is not among the items of the {name}"
        failures.append((ITEM, reason, f"{name}: items"))
    party = _letter_party(letter, tuple(rows), ask)
    if isinstance(party, Hit):
        return party if not failures else miss(failures, letter.id, "letter")
    return miss([*failures, party], letter.id, "letter")


def _letter_party(
    letter: AuthorizationLetter, rows: tuple[AnnexRow, ...], ask: Subject
) -> Hit | Failure:
    """The Annex A row, or the employee clause, that brings the party within the letter."""
    name = letter_name(letter)
    for row in rows:
        if row.party_id == ask.party.id:
            clause = f"Annex A row {row.row_no} — {row.name_as_written}"
            return Hit(f"{name}, Annex A row {row.row_no}", clause, letter.id, "letter")
    employer = ask.employer
    if ask.is_individual and employer is not None:
        for row in rows:
            if row.party_id != employer.id:
                continue
            where = f"Annex A row {row.row_no} — {row.name_as_written}"
            if letter.includes_foreign_national_employees:
                clause = f"letter: foreign-national employees of Annex A entities ({where})"
                basis = f"{name}, Annex A row {row.row_no} (employee of {employer.name})"
                return Hit(basis, clause, letter.id, "letter")
            reason = f"the {name} does not extend to the employees of {employer.name} ({where})"
            return (NEAR_PARTY, reason, f"{name}: {where}")
        if employer.role in OWN_ROLES:
            if letter.includes_own_employees:
                clause = f"letter: {employer.name}'s own foreign-national employees"
                basis = f"{name}, own employees of {employer.name}"
                return Hit(basis, clause, letter.id, "letter")
            reason = f"the {name} does not extend to {employer.name}'s own employees"
            return (NEAR_PARTY, reason, f"{name}: own employees not included")
    tail = " and not an employee of an Annex A entity" if ask.is_individual else ""
    return (PARTY, f"{ask.party.name} is not in Annex A of the {name}{tail}", f"{name}: Annex A")


def blocking_letter(
    letter: AuthorizationLetter,
    letters: Iterable[AuthorizationLetter],
    rows_of: Callable[[int], tuple[AnnexRow, ...]],
    ask: Subject,
) -> AuthorizationLetter | None:
    """A later letter, in force on the date, that imposes the requirement again for this release.

    Its empty transaction types or items mean all of them; its Annex A, when rows are matched to
    parties, limits it to those parties and their employees; without matched rows it binds all.
    """
    for later in letters:
        if later.effect is not LetterEffect.IMPOSES_REQUIREMENT or later.dated <= letter.dated:
            continue
        if not in_force(later, ask.on):
            continue
        if later.transaction_types and ask.transaction_type not in later.transaction_types:
            continue
        if later.item_ids and ask.item_id not in later.item_ids:
            continue
        named = {row.party_id for row in rows_of(later.id) if row.party_id is not None}
        employer_id = ask.employer.id if ask.employer is not None else None
        if not named or ask.party.id in named or employer_id in named:
            return later
    return None


def blocked(letter: AuthorizationLetter, later: AuthorizationLetter) -> Miss:
    """The miss reported when a later letter takes back what ``letter`` lifted."""
    reference = f" ({later.reference})" if later.reference else ""
    reason = (
        f"the {letter_name(later)}{reference} imposes a license requirement again"
        f" after the {letter_name(letter)}"
    )
    clause = f"{letter_name(later)}: imposes a license requirement"
    return Miss(reason, clause, STATUS, 1, later.id, "letter")
