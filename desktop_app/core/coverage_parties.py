"""Who a letter reaches: an Annex A row counsel confirmed, its employees, the addressee's own.

A row's link to a party decides coverage only once counsel has confirmed it (issue 14 point 5);
a suggested link leaves the answer "needs review". A person is reached as an employee of an
Annex A entity only when the letter covers "their foreign national employees" and the person
is employed there on the date; as one of the addressee's own employees only when the letter
says so and the employer is the letter's addressee (not merely the applicant).
"""

from __future__ import annotations

from dataclasses import dataclass

from desktop_app.core.authorizations import AnnexRow
from desktop_app.core.coverage_model import Factor
from desktop_app.core.coverage_reading import Reading, letter_name, reading_name
from desktop_app.core.coverage_subject import FAIL, PASS, UNKNOWN, Subject, employment_factor


@dataclass(frozen=True)
class PartyMatch:
    """How a letter reaches the party: the basis, its factors, and the Annex A row used."""

    basis: str
    factors: tuple[Factor, ...]
    row: AnnexRow | None = None


def _row_label(row: AnnexRow) -> str:
    return f"Annex A row {row.row_no} — {row.name_as_written}"


def _row_factor(row: AnnexRow, who: str, name: str) -> Factor:
    """Pass for a confirmed link, unknown for one the app only suggested."""
    source = f"{name}: {_row_label(row)}"
    if row.confirmed:
        return Factor("party", PASS, f"{who} is Annex A row {row.row_no} (confirmed)", source)
    missing = f"counsel's confirmation that {_row_label(row)} is {who}"
    detail = f"Annex A row {row.row_no} is linked to {who} but the link is not confirmed"
    return Factor("party", UNKNOWN, detail, source, missing)


def party_factors(reading: Reading, subject: Subject) -> PartyMatch:
    """The party dimension of a letter, and the employment dimension when it goes through one."""
    name = reading_name(reading)
    short = letter_name(reading.letter)
    party = subject.party
    own = next((r for r in reading.rows if r.party_id == party.id), None)
    if own is not None:
        basis = f"{short}, Annex A row {own.row_no}"
        return PartyMatch(basis, (_row_factor(own, party.name, name),), own)
    employer = subject.employer
    if subject.is_individual and employer is not None:
        found = _through_employer(reading, subject, name)
        if found is not None:
            return found
    tail = " and not an employee of an Annex A entity" if subject.is_individual else ""
    detail = f"{party.name} is not in Annex A{tail}"
    return PartyMatch("", (Factor("party", FAIL, detail, f"{name}: Annex A"),))


def _through_employer(reading: Reading, subject: Subject, name: str) -> PartyMatch | None:
    letter, short = reading.letter, letter_name(reading.letter)
    employer = subject.employer
    assert employer is not None
    row = next((r for r in reading.rows if r.party_id == employer.id), None)
    if row is not None:
        link = _row_factor(row, employer.name, name)
        if not letter.includes_foreign_national_employees:
            detail = f"the letter does not extend to the employees of {employer.name}"
            clause = f"{name}: employees not included"
            return PartyMatch("", (link, Factor("party", FAIL, detail, clause)), row)
        clause = f"{name}: foreign-national employees of Annex A entities"
        employee = Factor("party", PASS, f"an employee of {employer.name}", clause)
        job = employment_factor(subject, employer, regular_required=False)
        basis = f"{short}, Annex A row {row.row_no} (employee of {employer.name})"
        return PartyMatch(basis, (link, employee, job), row)
    if not letter.includes_own_employees:
        return None
    if letter.addressee_id is None:
        missing = f"the addressee of the {short} (whose own employees it covers)"
        detail = "the letter covers its addressee's own employees; no addressee is recorded"
        unknown = Factor("party", UNKNOWN, detail, f"{name}: own employees", missing)
        return PartyMatch("", (unknown,))
    if letter.addressee_id != employer.id:
        return None
    clause = f"{name}: the addressee's own foreign-national employees"
    own = Factor("party", PASS, f"an employee of the addressee, {employer.name}", clause)
    job = employment_factor(subject, employer, regular_required=False)
    return PartyMatch(f"{short}, own employees of {employer.name}", (own, job))
