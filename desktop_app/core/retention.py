"""Recordkeeping (15 CFR Part 762): how long a matter's records are kept, and legal holds.

Records are kept five years from the latest of the events that start the period (762.6(a)):
the export, a known reexport, transfer, transshipment or diversion, any other termination of the
transaction, or the receipt of a boycott request (part 760 records). Counsel record those events
as `RetentionTrigger`s; without one the end of retention is unknown. While an agency's request
for the records is open (a `LegalHold`, 762.6(b)) nothing may be destroyed, however old.

A matter leaves the docket in two steps: the trash (a `TrashEntry`, undone by restoring) and
purge (every record deleted for good). This module holds the records and the pure rules; the
service that applies them is :mod:`desktop_app.core.retention_service`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from desktop_app.core.enums import LabeledEnum
from desktop_app.core.models import Matter
from desktop_app.errors import UserError

RETENTION_YEARS = 5


class TriggerKind(LabeledEnum):
    """The events of 762.6(a) from which the five years run (DOMAIN §8)."""

    EXPORT_DATE = "export_date"
    KNOWN_REEXPORT_TRANSFER_TRANSSHIPMENT_DIVERSION = (
        "known_reexport_transfer_transshipment_diversion"
    )
    OTHER_TERMINATION_OF_TRANSACTION = "other_termination_of_transaction"
    BOYCOTT_REQUEST_RECEIPT = "boycott_request_receipt"

    @property
    def label(self) -> str:
        """The words shown to a person for this event."""
        return _TRIGGER_LABELS[self.value]


_TRIGGER_LABELS = {
    "export_date": "Export (or service provision)",
    "known_reexport_transfer_transshipment_diversion": (
        "Known reexport, transfer, transshipment or diversion"
    ),
    "other_termination_of_transaction": "Other termination of the transaction",
    "boycott_request_receipt": "Receipt of a boycott request",
}


@dataclass(frozen=True)
class RetentionTrigger:
    """An event that starts (or restarts) the five years a matter's records are kept."""

    matter_id: int
    kind: TriggerKind
    occurred_on: date
    note: str = ""
    id: int = 0


@dataclass(frozen=True)
class LegalHold:
    """A request by BIS or another agency for a matter's records (762.6(b)); open until released.

    ``release_note`` says what written authorization released it.
    """

    matter_id: int
    requested_by: str
    requested_on: date
    released_on: date | None = None
    note: str = ""
    release_note: str = ""
    id: int = 0

    @property
    def is_open(self) -> bool:
        """True while the hold has not been released."""
        return self.released_on is None


@dataclass(frozen=True)
class TrashEntry:
    """A matter moved to the trash: hidden from the docket, agenda and search until restored."""

    matter_id: int
    trashed_at: str
    id: int = 0


@dataclass(frozen=True)
class RetentionState:
    """Everything the deletion rules read about one matter."""

    matter: Matter
    triggers: tuple[RetentionTrigger, ...] = ()
    holds: tuple[LegalHold, ...] = ()
    trash: TrashEntry | None = None

    @property
    def open_holds(self) -> tuple[LegalHold, ...]:
        """The holds not yet released."""
        return tuple(h for h in self.holds if h.is_open)

    @property
    def on_hold(self) -> bool:
        """True while any hold is open."""
        return bool(self.open_holds)

    @property
    def latest_trigger(self) -> RetentionTrigger | None:
        """The trigger the five years run from (the latest; the first recorded on a tie)."""
        return max(self.triggers, key=lambda t: t.occurred_on, default=None)

    @property
    def retain_until(self) -> date | None:
        """The last day the records must be kept, or None while no trigger is recorded."""
        latest = self.latest_trigger
        return None if latest is None else retain_until(latest.occurred_on)


class RefusedError(UserError):
    """A deletion the rules forbid (hold, retention); the attempt itself is audited."""


def add_years(day: date, years: int) -> date:
    """The same calendar day ``years`` later; 29 February becomes 28 February in a common year.

    762.6(a) counts years, not days; a period that starts on 29 February ends on the 28th.
    """
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        return day.replace(year=day.year + years, day=28)


def retain_until(latest_trigger: date) -> date:
    """The last day records must be kept: five years after the latest trigger (762.6(a))."""
    return add_years(latest_trigger, RETENTION_YEARS)


def deletion_refusal(state: RetentionState, today: date) -> str | None:
    """Why the matter's records may not be destroyed today, or None when they may."""
    number = state.matter.number
    if state.on_hold:
        return f"{number} is under legal hold ({hold_names(state.open_holds)}); " + (
            "nothing may be deleted until the hold is released (15 CFR 762.6(b))."
        )
    until = state.retain_until
    latest = state.latest_trigger
    if until is None or latest is None:
        return (
            f"{number} has no recorded event that starts its five-year retention (15 CFR "
            "762.6(a)), so when it ends is unknown; record the event that starts the five "
            "years first."
        )
    if today <= until:
        return (
            f"{number} must be kept until {until.isoformat()} (five years from "
            f"{latest.kind.label.lower()} on {latest.occurred_on.isoformat()}, 15 CFR "
            f"762.6(a)); it can be deleted from {(until + timedelta(days=1)).isoformat()}."
        )
    return None


def hold_names(holds: tuple[LegalHold, ...]) -> str:
    """The open holds for a message: who asked and when."""
    return "; ".join(
        f"requested by {h.requested_by} on {h.requested_on.isoformat()}" for h in holds
    )


def retention_view(state: RetentionState, today: date) -> dict[str, object]:
    """What ``show`` prints about retention, holds and the trash (the shape of its JSON)."""
    until = state.retain_until
    return {
        "retain_until": until.isoformat() if until else None,
        "retention_ended": until is not None and today > until,
        "triggers": [
            {
                "id": t.id,
                "kind": t.kind.value,
                "occurred_on": t.occurred_on.isoformat(),
                "note": t.note,
            }
            for t in state.triggers
        ],
        "on_hold": state.on_hold,
        "holds": [
            {
                "id": h.id,
                "requested_by": h.requested_by,
                "requested_on": h.requested_on.isoformat(),
                "released_on": h.released_on.isoformat() if h.released_on else None,
                "note": h.note,
                "release_note": h.release_note,
            }
            for h in state.holds
        ],
        "trashed": state.trash is not None,
        "trashed_at": state.trash.trashed_at if state.trash else None,
    }
