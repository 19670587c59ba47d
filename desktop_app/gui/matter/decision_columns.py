"""The columns of the Determinations tab, and the BIS clock reading as text.

A license row carries what is computed for the day shown (its expiry and state), so a refresh
on another day redraws exactly the rows whose reading changed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.core.annex_rows import LinkState, link_state
from desktop_app.core.authorizations import (
    AnnexRow,
    AuthorizationLetter,
    ClockEvent,
    Determination,
    License,
)
from desktop_app.core.bis_clock import ClockReading
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.models import Party
from desktop_app.core.validity import license_expiry, license_state
from desktop_app.errors import ValidationError
from desktop_app.gui.widgets.table_model import Column, tinted
from desktop_app.i18n import _

LATE_COLOUR = "#b00020"
SUGGESTED_COLOUR = "#8a5a00"
LINK_MARKS = {LinkState.CONFIRMED: "✓", LinkState.SUGGESTED: "?", LinkState.UNLINKED: "✗"}
LINK_COLOURS = {LinkState.SUGGESTED: SUGGESTED_COLOUR, LinkState.UNLINKED: LATE_COLOUR}
LINK_TIP = _(
    "Only a link counsel confirmed decides coverage. Enter (or Link…) confirms the suggestion "
    "or picks another party."
)


@dataclass(frozen=True)
class LicenseRow:
    """A license with its expiry and state as of the day shown, and the parties it names."""

    license: License
    expires: date | None
    state: str
    parties: str


def license_rows(
    licenses: Sequence[License],
    parties: Mapping[int, Party],
    today: date,
    calendar: HolidayCalendar = FEDERAL,
) -> list[LicenseRow]:
    """The licenses of a matter as read on ``today``, with the library's holidays (750.7(g))."""
    rows = []
    for lic in licenses:
        try:
            expires: date | None = license_expiry(lic, calendar)
            state: str = license_state(lic, today, calendar)
        except ValidationError:
            expires, state = None, _("no expiry date")
        names = ", ".join(parties[p].name for p in lic.party_ids if p in parties)
        rows.append(LicenseRow(lic, expires, state, names))
    return rows


def _day(value: date | None, empty: str = "") -> str:
    return value.isoformat() if value else empty


def _decider(d: Determination) -> str:
    return d.decider_name or d.decided_by.label


def _kind(d: Determination) -> str:
    symbol = f" ({d.license_exception})" if d.license_exception else ""
    return d.kind.label + symbol


DETERMINATION_COLUMNS: list[Column[Determination]] = [
    Column(_("Date"), lambda d: d.decided_on.isoformat(), lambda d: d.decided_on),
    Column(_("Kind"), _kind),
    Column(_("By"), _decider, tooltip=lambda d: f"{d.decided_by.label}: {_decider(d)}"),
    Column(_("Reference"), lambda d: d.reference),
    Column(_("Excerpt"), lambda d: d.excerpt, tooltip=lambda d: d.excerpt),
]

LICENSE_COLUMNS: list[Column[LicenseRow]] = tinted(
    [
        Column(_("Number"), lambda r: r.license.number),
        Column(
            _("Validated"),
            lambda r: r.license.validated_on.isoformat(),
            lambda r: r.license.validated_on,
        ),
        Column(_("Expires"), lambda r: _day(r.expires), lambda r: r.expires or date.min),
        Column(_("State"), lambda r: r.state.capitalize()),
        Column(_("Validity"), lambda r: r.license.validity.label),
        Column(_("Parties"), lambda r: r.parties, tooltip=lambda r: r.parties),
    ],
    lambda r: None if r.state == "active" else LATE_COLOUR,
)

LETTER_COLUMNS: list[Column[AuthorizationLetter]] = [
    Column(_("Dated"), lambda x: x.dated.isoformat(), lambda x: x.dated),
    Column(_("Effect"), lambda x: x.effect.label),
    Column(_("Reference"), lambda x: x.reference),
    Column(_("Effective from"), lambda x: x.effective_from.isoformat()),
    Column(_("Until"), lambda x: _day(x.effective_until, _("open-ended"))),
]


def link_text(row: AnnexRow) -> str:
    """The link state with a mark that reads without colour: ✓ confirmed, ? suggested, ✗."""
    state = link_state(row)
    return f"{LINK_MARKS[state]} {state.label}"


def annex_columns(parties: Mapping[int, Party]) -> list[Column[AnnexRow]]:
    """Annex A columns; ``parties`` (kept current by the caller) names each linked party."""

    def matched(row: AnnexRow) -> str:
        party = parties.get(row.party_id) if row.party_id is not None else None
        return party.name if party else "—"

    return [
        Column(_("Row"), lambda r: str(r.row_no), lambda r: r.row_no, align_right=True),
        Column(
            _("Name as written"), lambda r: r.name_as_written, tooltip=lambda r: r.name_as_written
        ),
        Column(_("Country"), lambda r: r.country),
        Column(_("Party"), matched),
        Column(
            _("Link"),
            link_text,
            foreground=lambda r: LINK_COLOURS.get(link_state(r)),
            tooltip=lambda _r: LINK_TIP,
        ),
        Column(
            _("Address"), lambda r: r.address_as_written, tooltip=lambda r: r.address_as_written
        ),
    ]


CLOCK_EVENT_COLUMNS: list[Column[ClockEvent]] = [
    Column(_("Date"), lambda e: e.on.isoformat()),
    Column(_("Event"), lambda e: e.kind.label),
    Column(_("Hold reason"), lambda e: e.hold_reason.label if e.hold_reason else ""),
    Column(_("Note"), lambda e: e.note, tooltip=lambda e: e.note),
]


def clock_text(reading: ClockReading, today: date) -> str:
    """The BIS clock as counsel read it: registration, days elapsed, hold, next deadlines."""
    if reading.registered is None:
        return _("Not registered by {day}.").format(day=today.isoformat())
    lines = [
        _("Registered {day} · {n} days elapsed (holds excluded)").format(
            day=reading.registered.isoformat(), n=reading.elapsed_days
        )
        + (
            _(" · on hold: {why}").format(why=reading.on_hold.label)
            if reading.on_hold
            else _(" · not on hold")
        )
    ]
    if reading.stopped_on is not None:
        lines.append(_("Processing ended {day}.").format(day=reading.stopped_on.isoformat()))
    if reading.denial_deemed and reading.denied_on is not None:
        lines.append(
            _(
                "Denied: final without further notice on {day}, day 45 after the intent to "
                "deny (15 CFR 750.6(b))."
            ).format(day=reading.denied_on.isoformat())
        )
    for hold in reading.holds:
        end = hold.end.isoformat() if hold.end else _("open")
        lines.append(
            _("Hold {start} – {end}: {why}").format(
                start=hold.start.isoformat(), end=end, why=hold.reason.label
            )
        )
    if reading.deadlines:
        lines.append(_("Deadlines:"))
    for deadline in reading.deadlines:
        when = f"{deadline.due.isoformat()}  {_days_left(deadline.days_left)}"
        lines.append(f"    {when}  {deadline.name} — {deadline.citation}")
        if deadline.note:
            lines.append(f"        {deadline.note}")
    if not reading.deadlines and reading.stopped_on is None:
        lines.append(_("No statutory deadline in play."))
    return "\n".join(lines)


def _days_left(days: int) -> str:
    if days < 0:
        return _("(passed {n} days ago)").format(n=-days)
    return _("(in {n} days)").format(n=days) if days else _("(today)")
