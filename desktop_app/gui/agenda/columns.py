"""The Agenda table's columns, and which workspace tab each kind of row opens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop_app.gui.widgets.table_model import Column, tinted
from desktop_app.i18n import _

if TYPE_CHECKING:
    from desktop_app.core.agenda import AgendaRow
    from desktop_app.gui.review import MatterReview

LATE_COLOUR = "#b00020"
LATE_STATES = frozenset({"overdue", "expired", "passed"})

_STATES = {
    "overdue": _("Overdue"),
    "due": _("Due"),
    "expired": _("Expired"),
    "expiring": _("Expiring"),
    "passed": _("Deadline passed"),
    "waiting": _("Waiting on BIS"),
    "decide": _("Needs a decision"),
}
_TABS = {
    "obligation": "conditions",
    "license": "determinations",
    "bis_clock": "determinations",
    "coverage": "parties",
    "screening": "screening",
}


def tab_for(row: AgendaRow) -> str:
    """The workspace tab that shows what an agenda row is about."""
    return _TABS.get(row.kind, "overview")


def state_text(state: str) -> str:
    """An agenda state as counsel read it."""
    return _STATES.get(state, state.replace("_", " ").capitalize())


def days_text(days_left: int) -> str:
    """Days to the due date: "in 3 days", "today", "16 days late"."""
    if days_left == 0:
        return _("today")
    if days_left > 0:
        return _("in {n} days").format(n=days_left) if days_left > 1 else _("tomorrow")
    late = -days_left
    return _("{n} days late").format(n=late) if late > 1 else _("1 day late")


def row_key(row: AgendaRow) -> tuple[str, int, str]:
    """What identifies an agenda row across refreshes."""
    return (row.kind, row.ref_id, row.title)


def _colour(row: AgendaRow) -> str | None:
    return LATE_COLOUR if row.state in LATE_STATES else None


AGENDA_COLUMNS: list[Column[AgendaRow]] = tinted(
    [
        Column(_("Due"), lambda r: r.due.isoformat(), lambda r: r.due),
        Column(
            _("Days"), lambda r: days_text(r.days_left), lambda r: r.days_left, align_right=True
        ),
        Column(_("State"), lambda r: state_text(r.state)),
        Column(
            _("Matter"),
            lambda r: r.matter_number,
            tooltip=lambda r: f"{r.matter_number}  {r.matter_title}",
        ),
        Column(_("What"), lambda r: r.title, tooltip=lambda r: r.title, max_width=560),
        Column(_("Detail"), lambda r: r.detail, tooltip=lambda r: r.detail),
    ],
    _colour,
)

REVIEW_COLUMNS: list[Column[MatterReview]] = [
    Column(_("Matter"), lambda m: m.number, tooltip=lambda m: f"{m.number}  {m.title}"),
    Column(
        _("Needs review"),
        lambda m: _("{n} of {total} answers").format(n=m.needs_review, total=m.answers),
        lambda m: m.needs_review,
        align_right=True,
    ),
    Column(_("Title"), lambda m: m.title, tooltip=lambda m: m.title),
]
"""The agenda's list of matters whose coverage answers need review."""
