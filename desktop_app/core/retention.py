"""Recordkeeping (15 CFR Part 762): how long a matter's records are kept, and legal holds.

Records are kept five years from the latest of the events that start the period (762.6(a)):
the export, a known reexport, transfer, transshipment or diversion, any other termination of the
transaction, or the receipt of a boycott request (part 760 records); ten years for a matter
under OFAC's rules (31 CFR 501.601). The app records the events it knows
(:mod:`desktop_app.core.retention_events`); counsel add theirs as `RetentionTrigger`s; with none
the end of retention is unknown. While an agency's request for the records is open (a
`LegalHold`, 762.6(b)) nothing may be destroyed, however old.

A matter leaves the docket in two steps: the trash (a `TrashEntry`, undone by restoring) and
purge (every record deleted for good). This module holds the records and small rules; what a
matter's state allows is :mod:`desktop_app.core.retention_state`, and the service that applies
it :mod:`desktop_app.core.retention_service`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.enums import LabeledEnum
from desktop_app.errors import UserError

RETENTION_YEARS = 5


class TriggerKind(LabeledEnum):
    """The events of 762.6(a) from which the five years run (docs/domain.md#recordkeeping)."""

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
    """An event that starts (or restarts) the period a matter's records are kept (762.6(a)).

    ``source`` is "app" for an event the app derived or recorded itself, "" for counsel's.
    """

    matter_id: int
    kind: TriggerKind
    occurred_on: date
    note: str = ""
    id: int = 0
    source: str = ""

    @property
    def by_app(self) -> bool:
        """True for an event the app recorded itself (counsel cannot remove it)."""
        return self.source == "app"


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
    """A matter moved to the trash: hidden from the docket, agenda and search until restored.

    ``no_ofac_party`` is counsel's confirmation, given when the matter went to the trash, that
    no party is on an OFAC list (asked when only that keeps the records, 31 CFR 501.601).
    """

    matter_id: int
    trashed_at: str
    id: int = 0
    no_ofac_party: bool | None = None


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


def retain_until(latest_trigger: date, years: int = RETENTION_YEARS) -> date:
    """The last day records must be kept: ``years`` after the latest trigger (762.6(a))."""
    return add_years(latest_trigger, years)


def hold_names(holds: tuple[LegalHold, ...]) -> str:
    """The open holds for a message: who asked and when."""
    return "; ".join(
        f"requested by {h.requested_by} on {h.requested_on.isoformat()}" for h in holds
    )
