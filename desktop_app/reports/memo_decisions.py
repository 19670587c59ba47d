"""The memo's licenses, letters with their Annex A, and BIS clock, as plain data (pure).

Each section states what is recorded and what the rules derive from it as of the memo's day: a
license's last valid day and state (15 CFR 750.7(g)), a letter's scope and every Annex A row as
written with the party it is linked to and whether counsel confirmed the link, and the processing
clock with its holds and statutory deadlines (15 CFR 750.4, 750.6, 756.2).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from desktop_app.core.annex_rows import LinkState, link_state
from desktop_app.core.authorizations import AnnexRow, AuthorizationLetter, License
from desktop_app.core.bis_clock import ClockReading, read_clock
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
            _listed(names.get(i, f"#{i}") for i in x.party_ids),
            _listed(items.get(i, f"#{i}") for i in x.item_ids),
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
        parts.append(
            f"replaces {numbers.get(x.replaces_license_id, '#' + str(x.replaces_license_id))}"
        )
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
        details=tuple(_letter_details(x, names, items) for x in letters),
        details_are_text=True,
    )
    tables: list[tuple[str, Table]] = [("", table)]
    for letter in letters:
        rows = [r for r in record.decisions.annex_rows if r.letter_id == letter.id]
        if rows:
            tables.append((f"Annex A of the letter of {_title(letter)}", _annex_table(rows, names)))
    lead = (
        "Each Annex A row is printed as written in the letter. Only a link counsel confirmed "
        "decides coverage; a suggested link is shown for review and decides nothing."
    )
    return Section("Authorization letters and Annex A", (lead,) if letters else (), tuple(tables))


def _title(letter: AuthorizationLetter) -> str:
    return letter.dated.isoformat() + (f" ({letter.reference})" if letter.reference else "")


def _period(x: AuthorizationLetter) -> str:
    until = f"until {x.effective_until.isoformat()}" if x.effective_until else "no end date"
    text = f"from {x.effective_from.isoformat()}, {until}"
    return text + (f"; revoked {x.revoked_on.isoformat()}" if x.revoked_on else "")


def _letter_details(
    x: AuthorizationLetter, names: Mapping[int, str], items: Mapping[int, str]
) -> str:
    parts = [
        f"Addressed to: {names.get(x.addressee_id, NONE) if x.addressee_id else NONE}",
        f"items: {_listed(items.get(i, f'#{i}') for i in x.item_ids)}",
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
                names.get(r.party_id, f"#{r.party_id}") if r.party_id else NONE,
                LINKS[link_state(r)],
            )
            for r in ordered
        ),
        (0.45, 2.2, 2.3, 0.75, 1.7, 1.6),
        bold=tuple(
            (i, 5) for i, r in enumerate(ordered) if link_state(r) is not LinkState.CONFIRMED
        ),
    )


def clock_section(
    record: MatterRecord, as_of: date, calendar: HolidayCalendar = FEDERAL
) -> Section:
    """The BIS processing clock as of ``as_of``: where it stands, its holds and deadlines."""
    events = record.decisions.clock_events
    if not events:
        return Section("BIS processing clock", ("No clock events recorded.",))
    reading = read_clock(events, as_of, record.matter.kind, calendar)
    ordered = sorted(events, key=lambda e: (e.on, e.id))
    events_table = Table(
        ("Date", "Event", "Hold reason", "Note"),
        tuple(
            (
                e.on.isoformat(),
                e.kind.label,
                e.hold_reason.label if e.hold_reason else NONE,
                e.note or NONE,
            )
            for e in ordered
        ),
        (1.0, 2.2, 2.0, 3.8),
    )
    return Section(
        "BIS processing clock",
        (_standing(reading, as_of),),
        (
            (f"Deadlines as of {as_of.isoformat()}", _deadlines_table(reading)),
            ("Holds (15 CFR 750.4(b))", _holds_table(reading, as_of)),
            ("Clock events as recorded", events_table),
        ),
    )


def _standing(reading: ClockReading, as_of: date) -> str:
    if reading.registered is None:
        return "The application is not recorded as registered; the clock has not started."
    text = (
        f"Registered {reading.registered.isoformat()} (15 CFR 750.4(a)(2)). "
        f"{reading.elapsed_days} calendar days elapsed as of {as_of.isoformat()}, holds excluded."
    )
    if reading.on_hold is not None:
        text += f" On hold: {reading.on_hold.label}."
    if reading.denied_on is not None:
        how = "final under 15 CFR 750.6(b)" if reading.denial_deemed else "recorded"
        text += f" Denied {reading.denied_on.isoformat()} ({how})."
    elif reading.stopped_on is not None:
        text += f" The clock stopped {reading.stopped_on.isoformat()}."
    return text


def _deadlines_table(reading: ClockReading) -> Table:
    return Table(
        ("Due", "File by", "What is due", "Rule", "Days left"),
        tuple(
            (
                d.due.isoformat(),
                d.file_by.isoformat() if d.file_by else NONE,
                d.name + (f" ({d.note})" if d.note else ""),
                d.citation,
                str(d.days_left) if d.days_left >= 0 else f"passed {-d.days_left} days ago",
            )
            for d in reading.deadlines
        ),
        (1.0, 1.0, 3.8, 1.6, 1.2),
        empty="No deadline in play.",
        bold=tuple((i, 4) for i, d in enumerate(reading.deadlines) if d.days_left < 0),
    )


def _holds_table(reading: ClockReading, as_of: date) -> Table:
    return Table(
        ("From", "Until", "Reason", "Days"),
        tuple(
            (
                h.start.isoformat(),
                h.end.isoformat() if h.end else "open",
                h.reason.label,
                str(((h.end or as_of) - h.start).days),
            )
            for h in reading.holds
        ),
        (1.2, 1.2, 4.6, 0.8),
        empty="No holds.",
    )
