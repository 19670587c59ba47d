"""The memo's licenses and letters with their Annex A, as plain data (pure).

Each section states what is recorded and what the rules derive from it as of the memo's day: a
license's last valid day and state (15 CFR 750.7(g)); a letter's scope, what supersedes or
modifies it, and every Annex A row as written with the party it is linked to and whether counsel
confirmed the link. A link or a scope naming a record the matter no longer holds is printed as
"needs review", naming it. The BIS clock is in :mod:`memo_clock`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from desktop_app.core.annex_rows import LinkState, link_state
from desktop_app.core.authorizations import AnnexRow, AuthorizationLetter, License
from desktop_app.core.enums import LabeledEnum
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.models import MatterRecord
from desktop_app.core.validity import license_expiry, license_state, license_warnings
from desktop_app.reports.model import Section, Table

NONE = "—"
LINKS = {
    LinkState.CONFIRMED: "Confirmed",
    LinkState.SUGGESTED: "Suggested, not confirmed",
    LinkState.UNLINKED: "None",
}


def _listed(values: Iterable[str]) -> str:
    return ", ".join(v for v in values if v) or NONE


def _labels(values: Iterable[LabeledEnum]) -> str:
    return _listed(v.label for v in values)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def named(names: Mapping[int, str], key: int, what: str) -> str:
    """The name of record ``key``, or "needs review" saying the matter no longer holds it."""
    found = names.get(key)
    return found if found is not None else f"needs review: {what} #{key} is not in the record"


def licenses_section(
    record: MatterRecord, as_of: date, calendar: HolidayCalendar = FEDERAL
) -> Section:
    """Every license: number, validity, last valid day and state on ``as_of``, and its scope."""
    names = {p.id: p.name for p in record.parties}
    items = {i.id: i.name for i in record.items}
    licenses = record.decisions.licenses
    numbers = {x.id: x.number for x in licenses}
    rows = tuple(
        (
            x.number or NONE,
            x.validated_on.isoformat(),
            x.validity.label,
            license_expiry(x, calendar).isoformat(),
            license_state(x, as_of, calendar).capitalize(),
            _listed(named(names, i, "party") for i in x.party_ids),
            _listed(named(items, i, "item") for i in x.item_ids),
        )
        for x in licenses
    )
    details = tuple(_license_details(x, record, numbers, calendar) for x in licenses)
    table = Table(
        (
            "License",
            "Validated",
            "Validity",
            "Last valid day",
            f"State {as_of}",
            "Parties",
            "Items",
        ),
        rows,
        (1.0, 1.0, 1.2, 1.0, 0.9, 2.0, 1.8),
        details=details,
        details_are_text=True,
    )
    lead = (
        "The last valid day follows 15 CFR 750.7(g): the date of expiration, moved to the next "
        "business day only when it falls on a holiday of the library's calendar."
    )
    return Section("Licenses", (lead,) if licenses else (), (("", table),))


def _license_details(
    x: License, record: MatterRecord, numbers: Mapping[int, str], calendar: HolidayCalendar
) -> str:
    parts = [
        f"Transactions: {_labels(x.transaction_types)}",
        f"release to employees: {_yes(x.employee_release)}",
    ]
    if x.excluded_countries:
        parts.append(f"countries excluded: {_listed(x.excluded_countries)}")
    if x.expires_on_set:
        parts.append(f"expiry printed on the license: {x.expires_on_set.isoformat()}")
    if x.replaces_license_id:
        parts.append(f"replaces {named(numbers, x.replaces_license_id, 'license')}")
    warnings = license_warnings(x, record.items, calendar)
    text = "; ".join(parts) + "."
    if warnings:
        text += " Check against the license: " + " ".join(warnings.values())
    return text


def letters_section(record: MatterRecord) -> Section:
    """Every letter with its scope, then each letter's Annex A as written and as linked."""
    letters = record.decisions.letters
    names = {p.id: p.name for p in record.parties}
    items = {i.id: i.name for i in record.items}
    table = Table(
        ("Dated", "Effect", "Reference", "Effective", "Signatory"),
        tuple(
            (
                x.dated.isoformat(),
                x.effect.label,
                x.reference or NONE,
                _period(x),
                x.signatory or NONE,
            )
            for x in letters
        ),
        (1.0, 2.0, 1.8, 2.2, 1.6),
        details=tuple(_letter_details(x, names, items, letters) for x in letters),
        details_are_text=True,
    )
    tables: list[tuple[str, Table]] = [("", table)]
    bare = []
    for letter in letters:
        rows = [r for r in record.decisions.annex_rows if r.letter_id == letter.id]
        if rows:
            tables.append((f"Annex A of the letter of {_title(letter)}", _annex_table(rows, names)))
        else:
            bare.append(_title(letter))
    lead = (
        "Each Annex A row is printed as written in the letter. Only a link counsel confirmed "
        "decides coverage; a suggested link is shown for review and decides nothing."
    )
    paragraphs = [lead] if letters else []
    if bare:
        paragraphs.append(f"No Annex A rows are recorded for the letter of {', '.join(bare)}.")
    return Section("Authorization letters and Annex A", tuple(paragraphs), tuple(tables))


def _title(letter: AuthorizationLetter) -> str:
    return letter.dated.isoformat() + (f" ({letter.reference})" if letter.reference else "")


def _period(x: AuthorizationLetter) -> str:
    until = f"until {x.effective_until.isoformat()}" if x.effective_until else "no end date"
    text = f"from {x.effective_from.isoformat()}, {until}"
    return text + (f"; revoked {x.revoked_on.isoformat()}" if x.revoked_on else "")


def _letter_details(
    x: AuthorizationLetter,
    names: Mapping[int, str],
    items: Mapping[int, str],
    letters: Iterable[AuthorizationLetter],
) -> str:
    addressee = named(names, x.addressee_id, "party") if x.addressee_id else NONE
    parts = [
        *_chain(x, list(letters)),
        f"Addressed to: {addressee}",
        f"items: {_listed(named(items, i, 'item') for i in x.item_ids)}",
        f"model versions: {_listed(x.model_versions)}",
        f"transactions: {_labels(x.transaction_types)}",
        "foreign-national employees of Annex A entities: "
        + _yes(x.includes_foreign_national_employees),
        f"addressee's own employees: {_yes(x.includes_own_employees)}",
    ]
    if x.excluded_destinations:
        parts.append(f"destinations excluded: {_listed(x.excluded_destinations)}")
    if x.supersedes:
        parts.append(f"supersedes: {x.supersedes}")
    if x.document_id:
        parts.append(f"text: document {x.document_id}")
    return "; ".join(parts) + "."


def _chain(x: AuthorizationLetter, letters: list[AuthorizationLetter]) -> list[str]:
    """What this letter does to others, and what others do to it, as recorded."""
    by_id = {letter.id: _title(letter) for letter in letters}
    parts = []
    later = [y for y in letters if x.id in (y.supersedes_letter_id, y.modifies_letter_id)]
    for y in later:
        verb = "Superseded" if y.supersedes_letter_id == x.id else "Modified"
        parts.append(f"{verb} from {y.effective_from.isoformat()} by the letter of {_title(y)}")
    if x.supersedes_letter_id:
        parts.append(f"supersedes the letter of {named(by_id, x.supersedes_letter_id, 'letter')}")
    if x.modifies_letter_id:
        parts.append(f"modifies the letter of {named(by_id, x.modifies_letter_id, 'letter')}")
    return parts


def _annex_table(rows: list[AnnexRow], names: Mapping[int, str]) -> Table:
    ordered = sorted(rows, key=lambda r: r.row_no)
    return Table(
        ("Row", "Name as written", "Address as written", "Country", "Party", "Link"),
        tuple(
            (
                str(r.row_no),
                r.name_as_written,
                r.address_as_written or NONE,
                r.country or NONE,
                named(names, r.party_id, "party") if r.party_id else NONE,
                LINKS[link_state(r)],
            )
            for r in ordered
        ),
        (0.45, 2.2, 2.3, 0.75, 1.7, 1.6),
        bold=tuple(
            (i, 5) for i, r in enumerate(ordered) if link_state(r) is not LinkState.CONFIRMED
        ),
    )
