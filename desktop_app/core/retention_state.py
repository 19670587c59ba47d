"""What the recordkeeping rules read about one matter, and what they allow on a day.

The period and its start (15 CFR 762.6(a); 31 CFR 501.601) come from
:mod:`desktop_app.core.retention_events`; what keeps a matter live from
:mod:`desktop_app.core.retention_live`. A deletion is refused, in this order, by an open legal
hold (762.6(b)), a live matter, an unknown or unfinished retention period, or (when no screening
says otherwise) the ten OFAC years not yet confirmed away by counsel.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.models import Activity, Decisions, Matter
from desktop_app.core.retention import (
    LegalHold,
    RetentionTrigger,
    TrashEntry,
    add_years,
    hold_names,
)
from desktop_app.core.retention_events import (
    EAR_PERIOD,
    OFAC_RULE,
    Period,
    app_events,
    period,
)
from desktop_app.core.retention_live import live_reasons
from desktop_app.errors import ValidationError


@dataclass(frozen=True)
class RetentionState:
    """Everything the deletion rules read about one matter.

    ``ofac_party`` is whether a party is on an OFAC list: None while no screening says.
    """

    matter: Matter
    triggers: tuple[RetentionTrigger, ...] = ()
    holds: tuple[LegalHold, ...] = ()
    trash: TrashEntry | None = None
    activities: tuple[Activity, ...] = ()
    decisions: Decisions = field(default_factory=Decisions)
    calendar: HolidayCalendar = FEDERAL
    ofac_party: bool | None = None

    @property
    def open_holds(self) -> tuple[LegalHold, ...]:
        """The holds not yet released."""
        return tuple(h for h in self.holds if h.is_open)

    @property
    def on_hold(self) -> bool:
        """True while any hold is open."""
        return bool(self.open_holds)

    def hold_to_release(self, by: str | None) -> LegalHold:
        """The one open hold counsel mean: the only one, or the one ``by`` asked for.

        Raises ValidationError naming the open holds when none or several fit.
        """
        fits = [
            h for h in self.open_holds if by is None or h.requested_by.casefold() == by.casefold()
        ]
        if len(fits) == 1:
            return fits[0]
        number = self.matter.number
        if not fits:
            whose = f" requested by {by}" if by else ""
            raise ValidationError({"hold": f"{number} has no open hold{whose}."})
        names = ", ".join(h.requested_by for h in fits)
        raise ValidationError({"hold": f"{number} has {len(fits)} open holds ({names}); --by one."})

    @property
    def period(self) -> Period:
        """How long the records are kept, and under which rule."""
        return period(self.matter, self.ofac_party)

    def events(self, today: date) -> tuple[RetentionTrigger, ...]:
        """Every start event known on ``today``: the app's and counsel's, oldest first."""
        derived = app_events(
            self.matter, self.activities, self.decisions.licenses, today, self.calendar
        )
        return tuple(sorted((*derived, *self.triggers), key=lambda e: e.occurred_on))

    def latest(self, today: date) -> RetentionTrigger | None:
        """The event the period runs from (the latest; the first listed on a tie)."""
        return max(reversed(self.events(today)), key=lambda t: t.occurred_on, default=None)

    def retain_until(self, today: date) -> date | None:
        """The last day the records must be kept, or None while no event is known."""
        latest = self.latest(today)
        return None if latest is None else add_years(latest.occurred_on, self.period.years)

    def live(self, today: date) -> tuple[str, ...]:
        """Why the matter is still live (a license, a condition, the BIS clock)."""
        return live_reasons(self.decisions, self.matter.kind, today, self.calendar)

    def ofac_until(self, today: date) -> date | None:
        """The end of ten years, when only an unscreened OFAC list could still require it."""
        latest = self.latest(today)
        if latest is None or self.period.years >= 10 or self.ofac_party is False:
            return None
        if self.trash is not None and self.trash.no_ofac_party:
            return None
        return add_years(latest.occurred_on, 10)


def deletion_refusal(state: RetentionState, today: date) -> str | None:
    """Why the matter's records may not be destroyed today, or None when they may."""
    number = state.matter.number
    if state.on_hold:
        return f"{number} is under legal hold ({hold_names(state.open_holds)}); " + (
            "nothing may be deleted until the hold is released (15 CFR 762.6(b))."
        )
    live = state.live(today)
    if live:
        return (
            f"{number} is still live: {'; '.join(live)}. Its records are kept while it is "
            "live and for the retention period after (15 CFR 762.6(a))."
        )
    until, latest = state.retain_until(today), state.latest(today)
    if until is None or latest is None:
        return (
            f"{number} has no recorded event that starts its retention ({state.period.rule}), "
            "so when it ends is unknown; record the event that starts it first."
        )
    if today <= until:
        return f"{number} must be kept until {until.isoformat()} ({counted(state, today)}); " + (
            f"it can be deleted from {(until + timedelta(days=1)).isoformat()}."
        )
    return None


def counted(state: RetentionState, today: date) -> str:
    """The period in words: its length, the event it counts from, and the rule."""
    latest = state.latest(today)
    if latest is None:
        return f"{state.period.years} years, {state.period.rule}: no start event known"
    what = latest.note if latest.by_app and latest.note else latest.kind.label.lower()
    years = state.period
    why = "" if years is EAR_PERIOD else f" because {years.why}"
    return f"{years.years} years from {what} on {latest.occurred_on.isoformat()}, {years.rule}{why}"


def ofac_question(state: RetentionState, today: date) -> str | None:
    """What counsel must confirm before deleting within the ten OFAC years, or None."""
    until = state.ofac_until(today)
    if until is None or today > until:
        return None
    return (
        f"No screening of {state.matter.number}'s parties is recorded. Records of a transaction "
        f"with a party on an OFAC list are kept ten years ({OFAC_RULE}), here until "
        f"{until.isoformat()}. Confirm that no party of {state.matter.number} is on an OFAC list."
    )


def retention_view(state: RetentionState, today: date) -> dict[str, object]:
    """What ``show`` prints about retention, holds and the trash (the shape of its JSON)."""
    until, latest = state.retain_until(today), state.latest(today)
    return {
        "retain_until": until.isoformat() if until else None,
        "retention_ended": until is not None and today > until,
        "rule": state.period.rule,
        "years": state.period.years,
        "counted": counted(state, today),
        "counts_from": _event_view(latest) if latest else None,
        "live": list(state.live(today)),
        "ofac_question": ofac_question(state, today),
        "triggers": [_event_view(t) for t in state.events(today)],
        "on_hold": state.on_hold,
        "holds": [_hold_view(h) for h in state.holds],
        "trashed": state.trash is not None,
        "trashed_at": state.trash.trashed_at if state.trash else None,
    }


def _event_view(event: RetentionTrigger) -> dict[str, object]:
    return {
        "id": event.id or None,
        "kind": event.kind.value,
        "occurred_on": event.occurred_on.isoformat(),
        "note": event.note,
        "recorded_by": "app" if event.by_app else "counsel",
    }


def _hold_view(hold: LegalHold) -> dict[str, object]:
    return {
        "id": hold.id,
        "requested_by": hold.requested_by,
        "requested_on": hold.requested_on.isoformat(),
        "released_on": hold.released_on.isoformat() if hold.released_on else None,
        "note": hold.note,
        "release_note": hold.release_note,
    }
