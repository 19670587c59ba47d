"""Where a release goes, against what a letter says of places.

An export is a shipment or transmission out of the United States (15 CFR 734.13(a)(1)); a
reexport one between foreign countries (734.14(a)(1)); both go where the activity's
destination says, not where the party is registered. A letter's excluded destinations
(countries or Country Groups) apply to that destination; an Annex A row that names a country or
an address confines the entity to it. Addresses are compared as written after folding case,
accents, punctuation and spacing, whole words only (the Annex A address may be a run of words
within the destination address); anything else is counsel's to confirm. A deemed reexport with
no place of release recorded is unknown (734.14(a)(2) turns on where the release happens); one
abroad to an Annex A entity's employee is held to the row's country and address like a shipment.
"""

from __future__ import annotations

import unicodedata

from desktop_app.core.authorizations import AnnexRow
from desktop_app.core.coverage_model import Factor
from desktop_app.core.coverage_reading import Reading, reading_name
from desktop_app.core.coverage_subject import FAIL, PASS, UNKNOWN, Subject
from desktop_app.core.enums import TransactionType


def destination_factors(reading: Reading, subject: Subject, row: AnnexRow | None) -> list[Factor]:
    """The destination (and address) factors of a letter for this release."""
    name = reading_name(reading)
    where = subject.question.destination.strip().upper()
    if subject.kind is TransactionType.DEEMED_REEXPORT and not where:
        missing = "the release's place (the country where it takes place)"
        return [Factor("destination", UNKNOWN, "no place of release recorded", name, missing)]
    if subject.kind.is_deemed:
        if not where or where == "US":
            return []
        found = [_excluded(subject, where, reading, name, "release")]
        if row is not None and subject.kind is TransactionType.DEEMED_REEXPORT:
            found += _row_place(row, subject, where, name)
        return found
    if not where:
        missing = "the activity's destination country"
        return [Factor("destination", UNKNOWN, "no destination recorded", name, missing)]
    factors = [_excluded(subject, where, reading, name, "destination")]
    if row is not None:
        factors += _row_place(row, subject, where, name)
    return factors


def _excluded(subject: Subject, where: str, reading: Reading, name: str, what: str) -> Factor:
    excluded = reading.letter.excluded_destinations
    hits = subject.excluded_hits(where, excluded)
    source = f"{name}: excluded destinations ({', '.join(excluded) or 'none'})"
    if hits:
        return Factor(
            "destination", FAIL, f"the {what} {where} is excluded ({', '.join(hits)})", source
        )
    return Factor("destination", PASS, f"the {what} {where} is not excluded", source)


def _row_place(row: AnnexRow, subject: Subject, where: str, name: str) -> list[Factor]:
    source = f"{name}: Annex A row {row.row_no}"
    found = []
    country = row.country.strip().upper()
    if country and country != where:
        detail = (
            f"the item goes to {where}; Annex A row {row.row_no} places the entity in {country}"
        )
        found.append(Factor("destination", FAIL, detail, source))
    elif country:
        found.append(Factor("destination", PASS, f"{where}, as Annex A row {row.row_no}", source))
    written = row.address_as_written.strip()
    if written:
        found.append(_address(written, subject.question.to_address, row, source))
    return found


def _address(written: str, given: str, row: AnnexRow, source: str) -> Factor:
    if not given.strip():
        missing = f"the destination address (Annex A row {row.row_no} lists “{written}”)"
        return Factor("address", UNKNOWN, "no destination address recorded", source, missing)
    if _within(_fold(written).split(), _fold(given).split()):
        return Factor("address", PASS, f"“{given}” is the Annex A address", source)
    missing = f"counsel's confirmation that “{given}” is the Annex A address “{written}”"
    detail = f"“{given}” differs from the Annex A address “{written}”"
    return Factor("address", UNKNOWN, detail, source, missing)


def _within(words: list[str], given: list[str]) -> bool:
    """True when ``words`` run, whole, inside ``given`` ("1 Main" is not in "21 Main")."""
    size = len(words)
    return any(given[i : i + size] == words for i in range(len(given) - size + 1))


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())
