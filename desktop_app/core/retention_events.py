"""The events a matter's retention counts from, and how long it runs.

15 CFR 762.6(a): export records are kept five years from the latest of the export, any known
reexport, transfer, transshipment or diversion, any other termination of the transaction, or
the receipt of a boycott request (part 760). 31 CFR 501.601 (as amended effective 21 March 2025,
90 FR 13286): records of a transaction subject to OFAC's regulations are kept ten years after
the transaction, so a matter before OFAC, or one with a party on an OFAC list, keeps ten.

The app records the start events it knows itself, derived from the record each time it is read
so they follow a correction: a license's expiry once it has passed, the last activity performed,
the closing of the matter. A revocation has no date in the record, so the app stores it as an
event on the day counsel record it (`APP` source; no earlier than the revocation itself). Counsel's
own events can only add: the period runs from the latest event, whoever recorded it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from desktop_app.core.authorizations import License, LicenseStatus
from desktop_app.core.enums import ActivityStatus, Agency, MatterStatus, TransactionType
from desktop_app.core.holiday_calendar import HolidayCalendar
from desktop_app.core.models import Activity, Matter
from desktop_app.core.retention import RetentionTrigger, TriggerKind
from desktop_app.core.validity import license_expiry

APP = "app"
EAR_RULE = "15 CFR 762.6(a)"
OFAC_RULE = "31 CFR 501.601"


@dataclass(frozen=True)
class Period:
    """How long records are kept and under which rule; ``why`` says what chose it."""

    years: int
    rule: str
    why: str


EAR_PERIOD = Period(5, EAR_RULE, "export records")
_REEXPORTS = frozenset(
    {
        TransactionType.REEXPORT,
        TransactionType.TRANSFER_IN_COUNTRY,
        TransactionType.DEEMED_REEXPORT,
    }
)


def period(matter: Matter, ofac_party: bool | None) -> Period:
    """Ten years under 501.601 for a matter before OFAC or with a party on an OFAC list."""
    if matter.agency is Agency.OFAC:
        return Period(10, OFAC_RULE, "the matter is before OFAC")
    if ofac_party:
        return Period(10, OFAC_RULE, "a party is on an OFAC list")
    return EAR_PERIOD


def app_events(
    matter: Matter,
    activities: Iterable[Activity],
    licenses: Iterable[License],
    today: date,
    calendar: HolidayCalendar,
) -> tuple[RetentionTrigger, ...]:
    """The start events the record itself shows by ``today`` (not stored; ``source`` "app")."""
    events = [*_license_ends(matter, licenses, today, calendar)]
    performed = _last_performed(activities, today)
    if performed is not None:
        events.append(_activity_event(matter, performed))
    if matter.status is MatterStatus.CLOSED and matter.closed and matter.closed <= today:
        kind = TriggerKind.OTHER_TERMINATION_OF_TRANSACTION
        events.append(RetentionTrigger(matter.id, kind, matter.closed, "matter closed", 0, APP))
    return tuple(sorted(events, key=lambda e: e.occurred_on))


def revocation_event(license_: License, today: date) -> RetentionTrigger:
    """The event the app stores when counsel record that ``license_`` was revoked."""
    note = f"license {license_.number} revoked (recorded the day it was entered)"
    kind = TriggerKind.OTHER_TERMINATION_OF_TRANSACTION
    return RetentionTrigger(license_.matter_id, kind, today, note, 0, APP)


def _license_ends(
    matter: Matter, licenses: Iterable[License], today: date, calendar: HolidayCalendar
) -> list[RetentionTrigger]:
    kind = TriggerKind.OTHER_TERMINATION_OF_TRANSACTION
    ends = []
    for license_ in licenses:
        if license_.status is not LicenseStatus.ACTIVE:
            continue
        last = license_expiry(license_, calendar)
        if last < today:
            note = f"license {license_.number} expired"
            ends.append(RetentionTrigger(matter.id, kind, last, note, 0, APP))
    return ends


def _last_performed(activities: Iterable[Activity], today: date) -> Activity | None:
    done = [
        a
        for a in activities
        if a.status is ActivityStatus.PERFORMED and a.on is not None and a.on <= today
    ]
    return max(done, key=lambda a: (a.on or date.min, a.id), default=None)


def _activity_event(matter: Matter, activity: Activity) -> RetentionTrigger:
    kind = (
        TriggerKind.KNOWN_REEXPORT_TRANSFER_TRANSSHIPMENT_DIVERSION
        if activity.type in _REEXPORTS
        else TriggerKind.EXPORT_DATE
    )
    note = f"last activity performed ({activity.type.label.lower()})"
    return RetentionTrigger(matter.id, kind, activity.on or date.min, note, 0, APP)
