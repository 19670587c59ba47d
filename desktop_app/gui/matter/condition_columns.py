"""The columns of the Conditions tab: the register, and the log of one condition.

A register row carries the condition's next due date and standing as of the day shown, so
logging a performance (which changes no field of the condition) still redraws its row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from desktop_app.core.after_license import ended_note, license_ended
from desktop_app.core.authorizations import Condition, ConditionLog, LogKind
from desktop_app.core.documents import Document
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.models import MatterRecord, Party
from desktop_app.core.schedule import (
    ObligationState,
    logs_by_condition,
    next_due,
    obligation_state,
)
from desktop_app.gui.widgets.table_model import Column, tinted
from desktop_app.i18n import _

OVERDUE_COLOUR = "#b00020"
DUE_SOON_COLOUR = "#8a5a00"

_STANDING = {
    "overdue": _("Overdue"),
    "due_soon": _("Due soon"),
    "upcoming": _("Upcoming"),
    "none": "—",
}


@dataclass(frozen=True)
class ConditionRow:
    """A condition with its next due date and standing on the day shown.

    ``license_note`` states its license's end, and that an open one continues (750.7(i)).
    """

    condition: Condition
    next_due: date | None
    standing: ObligationState
    license_note: str = ""


def condition_rows(
    record: MatterRecord, today: date, calendar: HolidayCalendar = FEDERAL
) -> list[ConditionRow]:
    """The register of a matter as read on ``today``."""
    logs = logs_by_condition(record.decisions.condition_log)
    licenses = {x.id: x for x in record.decisions.licenses}
    return [
        ConditionRow(
            c,
            next_due(c, logs[c.id], today),
            obligation_state(c, logs[c.id], today),
            ended_note(c, license_ended(c, licenses, today, calendar)),
        )
        for c in record.decisions.conditions
    ]


def _colour(row: ConditionRow) -> str | None:
    return {"overdue": OVERDUE_COLOUR, "due_soon": DUE_SOON_COLOUR}.get(row.standing)


CONDITION_COLUMNS: list[Column[ConditionRow]] = tinted(
    [
        Column(
            _("No."),
            lambda r: r.condition.number,
            tooltip=lambda r: r.condition.number,
            max_width=90,
        ),
        Column(_("Kind"), lambda r: r.condition.kind.label),
        Column(_("Category"), lambda r: r.condition.category.label),
        Column(_("Text"), lambda r: r.condition.text, tooltip=lambda r: r.condition.text),
        Column(
            _("Next due"),
            lambda r: r.next_due.isoformat() if r.next_due else "",
            lambda r: r.next_due or date.max,
        ),
        Column(_("Standing"), lambda r: _STANDING[r.standing]),
        Column(_("Status"), lambda r: r.condition.status.label),
        Column(_("Obligation"), lambda r: r.condition.obligation.label),
        Column(_("Owner"), lambda r: r.condition.owner, tooltip=lambda r: r.condition.owner),
        Column(_("After the license"), lambda r: r.license_note, tooltip=lambda r: r.license_note),
    ],
    _colour,
)
"""Number, kind, category and text; when it is due and how that stands; status, duty, owner;
the license's end when it has ended (the condition continues until closed, 750.7(i))."""


def log_columns(
    parties: Mapping[int, Party], documents: Mapping[int, Document]
) -> list[Column[ConditionLog]]:
    """Log columns; the mappings (kept current by the caller) name parties and documents."""

    def entry(log: ConditionLog) -> str:
        if log.kind is LogKind.TRANSITION and log.from_status and log.to_status:
            return f"{log.from_status.label} → {log.to_status.label}"
        return log.kind.label

    def party(log: ConditionLog) -> str:
        found = parties.get(log.party_id) if log.party_id is not None else None
        return found.name if found else ""

    def document(log: ConditionLog) -> str:
        found = documents.get(log.document_id) if log.document_id is not None else None
        return (found.title or found.filename) if found else ""

    return [
        Column(_("On"), lambda e: e.on.isoformat(), lambda e: (e.on, e.id)),
        Column(_("Entry"), entry),
        Column(_("Party"), party),
        Column(_("Due date met"), lambda e: e.due.isoformat() if e.due else ""),
        Column(_("Evidence"), document, tooltip=document),
        Column(_("Note"), lambda e: e.note, tooltip=lambda e: e.note),
    ]
