"""How long a matter's records are kept, in the words the window shows (15 CFR 762)."""

from __future__ import annotations

from datetime import date

from desktop_app.core.retention import LegalHold, RetentionTrigger, hold_names
from desktop_app.core.retention_state import RetentionState, counted
from desktop_app.core.text import visible
from desktop_app.gui.widgets.table_model import Column
from desktop_app.i18n import _

HOLD_COLUMNS: list[Column[LegalHold]] = [
    Column(_("Requested by"), lambda h: h.requested_by, tooltip=lambda h: h.note),
    Column(_("Requested on"), lambda h: h.requested_on.isoformat()),
    Column(
        _("State"),
        lambda h: _("OPEN") if h.is_open else _("released {day}").format(day=h.released_on),
        foreground=lambda h: "#b00020" if h.is_open else None,
    ),
    Column(_("Note"), lambda h: h.note, tooltip=lambda h: h.note),
    Column(_("Release authorization"), lambda h: h.release_note, tooltip=lambda h: h.release_note),
]

TRIGGER_COLUMNS: list[Column[RetentionTrigger]] = [
    Column(_("Occurred on"), lambda t: t.occurred_on.isoformat()),
    Column(_("Event"), lambda t: t.kind.label, max_width=380),
    Column(_("Recorded by"), lambda t: _("the app") if t.by_app else _("counsel")),
    Column(_("Note"), lambda t: t.note, tooltip=lambda t: t.note),
]


def retention_text(state: RetentionState, today: date) -> str:
    """The end of retention ("Kept until …", and whether it passed), or why it is unknown."""
    until = state.retain_until(today)
    if until is None:
        return _("Retention end unknown (no event that starts it is recorded; {rule})").format(
            rule=state.period.rule
        )
    how = counted(state, today)
    if today > until:
        text = _("Kept until {day} (ended; may be deleted once nothing keeps it live)")
        return text.format(day=until.isoformat()) + f" — {how}"
    return _("Kept until {day}").format(day=until.isoformat()) + f" — {how}"


def recordkeeping_line(state: RetentionState, today: date) -> str:
    """The matter's recordkeeping state in one line: trash, retention, legal hold."""
    parts = []
    if state.trash is not None:
        parts.append(_("In the trash since {at}").format(at=state.trash.trashed_at))
    parts.append(retention_text(state, today))
    live = state.live(today)
    if live:
        parts.append(_("Live: {why}").format(why=visible("; ".join(live))))
    if state.on_hold:
        parts.append(_("On legal hold ({who})").format(who=visible(hold_names(state.open_holds))))
    return " · ".join(parts)
