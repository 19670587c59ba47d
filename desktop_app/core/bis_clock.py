"""The BIS processing clock of a pending license application (DOMAIN §4.1, §4.3).

The clock starts at registration (750.4(a)(2)) and counts calendar days; a hold under 750.4(b)
stops it, and an open hold runs to "today". From the clock events of one matter this module
reads: the registration date, the holds, the days elapsed excluding holds, and the statutory
deadlines still in play, each with its citation:

* BIS's initial action within 9 days of registration (750.4(c)); a request for information
  (an INFO_REQUESTED hold, 750.4(c)(1)), a referral, an intent to deny or a decision is that
  action and ends the deadline;
* the reviewing agencies' recommendations within 30 days of the latest referral (750.4(d)(2));
  ended by an intent to deny or a decision;
* resolution within 90 days of registration (750.4(a)(1)); ended by a denial or a decision;
* after an intent-to-deny letter: the applicant's response at day 20 and the denial becoming
  final at day 45 (750.6(b)); holds do not stop these, and a later referral (reconsideration)
  or a denial or decision ends them;
* after a denial: the appeal to the Under Secretary within 45 days (756.2(c)(1)); ended by a
  decision.

Hold arithmetic: a hold from S to E stops the clock for the E − S days between them, so a
9-day deadline from registration R with one hold falls on R + 9 + (E − S) when the hold starts
before it. A reading as of ``today`` ignores events dated after ``today``. Once BIS denies or
decides, the clock stops and the days elapsed stay at their value on that day.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from desktop_app.core.authorizations import ClockEvent, ClockEventKind, HoldReason
from desktop_app.core.enums import MatterKind
from desktop_app.errors import ValidationError

Errors = dict[str, str]

INITIAL_ACTION_DAYS = 9
REFERRAL_DAYS = 30
OVERALL_DAYS = 90
ANSWER_DAYS = {
    MatterKind.CLASSIFICATION_REQUEST: (
        "BIS answers the classification request",
        14,
        "15 CFR 750.2(a)",
    ),
    MatterKind.ADVISORY_OPINION: (
        "BIS answers the advisory opinion request",
        30,
        "15 CFR 750.2(b)",
    ),
}
ITD_RESPONSE_DAYS = 20
ITD_FINAL_DAYS = 45
APPEAL_DAYS = 45

_FINAL = (ClockEventKind.DENIED, ClockEventKind.DECIDED)
_PROCESSING = (ClockEventKind.HOLD_STARTED, ClockEventKind.REFERRED, ClockEventKind.ITD_ISSUED)


@dataclass(frozen=True)
class Hold:
    """A clock-stopping hold: its first day, the day it ended (None while open), its reason."""

    start: date
    end: date | None
    reason: HoldReason


@dataclass(frozen=True)
class Deadline:
    """A statutory deadline: what is due, when, under which rule, and days left (< 0 once past)."""

    name: str
    due: date
    citation: str
    days_left: int


@dataclass(frozen=True)
class ClockReading:
    """The clock of one application as of a day.

    ``deadlines`` are sorted by due date and include passed ones that still matter;
    ``stopped_on`` is the day of the denial or decision that stopped the clock, if any.
    """

    registered: date | None
    elapsed_days: int
    on_hold: HoldReason | None
    holds: tuple[Hold, ...]
    deadlines: tuple[Deadline, ...]
    stopped_on: date | None = None

    @property
    def next_deadline(self) -> Deadline | None:
        """The earliest deadline not yet passed (``days_left >= 0``), if any."""
        return next((d for d in self.deadlines if d.days_left >= 0), None)

    @property
    def missed(self) -> tuple[Deadline, ...]:
        """The deadlines that have passed and still matter."""
        return tuple(d for d in self.deadlines if d.days_left < 0)


EMPTY = ClockReading(registered=None, elapsed_days=0, on_hold=None, holds=(), deadlines=())


def ordered(events: Iterable[ClockEvent]) -> list[ClockEvent]:
    """The events by date; on one day the registration comes first, others keep their order."""
    return sorted(events, key=lambda e: (e.on, e.kind is not ClockEventKind.REGISTERED))


def check_events(events: Sequence[ClockEvent]) -> Errors:
    """What is wrong with a matter's clock events, by field (first problem per field).

    Refused: events of several matters; events without a registration, or two registrations;
    an event dated before the registration; a hold without its reason; a hold started while
    another is open; a hold ended when none is open; processing events (holds, referrals,
    intent to deny) after a denial or decision, and a denial after a decision.
    """
    errors: Errors = {}
    if not events:
        return errors
    matters = sorted({e.matter_id for e in events})
    if len(matters) > 1:
        errors["matter_id"] = (
            f"The clock events belong to more than one matter ({', '.join(map(str, matters))})."
        )
    in_order = ordered(events)
    registrations = [e.on for e in in_order if e.kind is ClockEventKind.REGISTERED]
    if not registrations:
        errors["registered"] = (
            "The clock has events but no registration; record the day BIS registered the "
            "application first (15 CFR 750.4(a)(2))."
        )
        return errors
    if len(registrations) > 1:
        errors["registered"] = (
            f"The application is registered twice ({registrations[0].isoformat()} and "
            f"{registrations[1].isoformat()}); the clock starts once."
        )
    for field, why in _sequence_problems(in_order, registrations[0]):
        errors.setdefault(field, why)
    return errors


def _sequence_problems(events: Sequence[ClockEvent], registered: date) -> Iterator[tuple[str, str]]:
    """(field, why) for each event out of place in an ordered list of clock events."""
    open_hold: date | None = None
    final: ClockEvent | None = None
    for event in events:
        what = f"The {event.kind.label.lower()} event of {event.on.isoformat()}"
        if event.on < registered:
            yield "on", f"{what} is before the registration on {registered.isoformat()}."
        if final is not None and (
            event.kind in _PROCESSING
            or (event.kind is ClockEventKind.DENIED and final.kind is ClockEventKind.DECIDED)
        ):
            yield (
                "kind",
                f"{what} comes after the {final.kind.label.lower()} event of "
                f"{final.on.isoformat()}, which ends processing.",
            )
        if event.kind is ClockEventKind.HOLD_STARTED:
            if event.hold_reason is None:
                yield "hold_reason", f"{what} needs its reason (15 CFR 750.4(b))."
            if open_hold is not None:
                yield (
                    "kind",
                    f"{what} starts a hold while the hold of {open_hold.isoformat()} is still "
                    "open; end that hold first.",
                )
            open_hold = event.on
        elif event.kind is ClockEventKind.HOLD_ENDED:
            if open_hold is None:
                yield "kind", f"{what} ends a hold, but no hold is open."
            open_hold = None
        elif event.kind in _FINAL:
            final = event


def read_clock(
    events: Sequence[ClockEvent], today: date, matter_kind: MatterKind | None = None
) -> ClockReading:
    """Read the clock of one matter as of ``today`` (events after ``today`` are not yet known).

    License applications run the 750.4 and 750.6 deadlines; a classification request or an
    advisory opinion has one answer deadline instead (750.2(a): 14 days; 750.2(b): 30 days).
    Raises ValidationError with the fields of :func:`check_events` when the events do not make
    a clock.
    """
    errors = check_events(events)
    if errors:
        raise ValidationError(errors)
    known = [e for e in ordered(events) if e.on <= today]
    if not any(e.kind is ClockEventKind.REGISTERED for e in known):
        return EMPTY
    state = _walk(known)
    holds = tuple(state.holds)
    end = min(today, state.stopped_on) if state.stopped_on is not None else today
    elapsed = (end - state.registered).days - _held_days(holds, state.registered, end)
    open_hold = holds[-1] if holds and holds[-1].end is None else None
    on_hold = open_hold.reason if open_hold is not None and state.stopped_on is None else None
    return ClockReading(
        registered=state.registered,
        elapsed_days=elapsed,
        on_hold=on_hold,
        holds=holds,
        deadlines=_answer_deadline(state, holds, today, matter_kind)
        if matter_kind in ANSWER_DAYS
        else _deadlines(state, holds, today),
        stopped_on=state.stopped_on,
    )


@dataclass
class _State:
    """What the events say, walked in order."""

    registered: date
    holds: list[Hold]
    initial_action: bool = False
    referred: date | None = None
    itd: date | None = None
    denied: date | None = None
    decided: date | None = None

    @property
    def stopped_on(self) -> date | None:
        """The day processing ended: the decision, else the denial."""
        return self.decided or self.denied


def _walk(events: Sequence[ClockEvent]) -> _State:
    """Fold checked, ordered events (the first one the registration) into a state."""
    state = _State(registered=events[0].on, holds=[])
    for event in events[1:]:
        match event.kind:
            case ClockEventKind.HOLD_STARTED:
                assert event.hold_reason is not None
                state.holds.append(Hold(event.on, None, event.hold_reason))
                if event.hold_reason is HoldReason.INFO_REQUESTED:
                    state.initial_action = True
            case ClockEventKind.HOLD_ENDED:
                state.holds[-1] = replace(state.holds[-1], end=event.on)
            case ClockEventKind.REFERRED:
                state.initial_action = True
                state.referred = event.on
                state.itd = None
            case ClockEventKind.ITD_ISSUED:
                state.initial_action = True
                state.itd = event.on
            case ClockEventKind.DENIED:
                state.denied = event.on
            case ClockEventKind.DECIDED:
                state.decided = event.on
            case ClockEventKind.REGISTERED:
                pass
    return state


def _spans(holds: Iterable[Hold], today: date) -> list[tuple[date, date]]:
    """Holds as (start, end) spans, an open hold ending ``today`` (never before its start)."""
    return [(h.start, h.end if h.end is not None else max(h.start, today)) for h in holds]


def _held_days(holds: Iterable[Hold], start: date, end: date) -> int:
    """Days of [start, end) covered by holds, an open hold running to ``end``."""
    total = 0
    for s, e in _spans(holds, end):
        total += max(0, (min(e, end) - max(s, start)).days)
    return total


def due_excluding_holds(anchor: date, days: int, holds: Iterable[Hold], today: date) -> date:
    """The day ``days`` clock days after ``anchor``, skipping the days holds stopped the clock.

    An open hold is taken to end ``today``; while it stays open the date moves with it.
    """
    cursor, remaining = anchor, days
    for start, end in sorted(_spans(holds, today)):
        if end <= cursor:
            continue
        gap = (max(start, cursor) - cursor).days
        if gap >= remaining:
            break
        remaining -= gap
        cursor = end
    return cursor + timedelta(days=remaining)


def _answer_deadline(
    state: _State, holds: tuple[Hold, ...], today: date, matter_kind: MatterKind | None
) -> tuple[Deadline, ...]:
    """The single answer deadline of a classification request or an advisory opinion."""
    if state.decided is not None or matter_kind not in ANSWER_DAYS:
        return ()
    name, days, citation = ANSWER_DAYS[matter_kind]
    due = due_excluding_holds(state.registered, days, holds, today)
    return (Deadline(name=name, due=due, citation=citation, days_left=(due - today).days),)


def _deadlines(state: _State, holds: tuple[Hold, ...], today: date) -> tuple[Deadline, ...]:
    """The deadlines still in play, sorted by due date."""
    found: list[tuple[str, date, str]] = []
    if state.decided is not None:
        return ()
    if state.denied is not None:
        found.append(
            (
                "Appeal of the denial to the Under Secretary",
                state.denied + timedelta(days=APPEAL_DAYS),
                "15 CFR 756.2(c)(1)",
            )
        )
    else:
        found.append(
            (
                "BIS resolves the application or refers it to the President",
                due_excluding_holds(state.registered, OVERALL_DAYS, holds, today),
                "15 CFR 750.4(a)(1)",
            )
        )
        if not state.initial_action:
            found.append(
                (
                    "BIS initial action (request information, refer, approve or intend to deny)",
                    due_excluding_holds(state.registered, INITIAL_ACTION_DAYS, holds, today),
                    "15 CFR 750.4(c)",
                )
            )
        if state.referred is not None and state.itd is None:
            found.append(
                (
                    "Reviewing agencies' recommendations on the referral",
                    due_excluding_holds(state.referred, REFERRAL_DAYS, holds, today),
                    "15 CFR 750.4(d)(2)",
                )
            )
        if state.itd is not None:
            found.append(
                (
                    "Applicant's response to the intent-to-deny letter",
                    state.itd + timedelta(days=ITD_RESPONSE_DAYS),
                    "15 CFR 750.6(b)",
                )
            )
            found.append(
                (
                    "Denial becomes final unless the intent to deny is resolved",
                    state.itd + timedelta(days=ITD_FINAL_DAYS),
                    "15 CFR 750.6(b)",
                )
            )
    return tuple(
        Deadline(name=name, due=due, citation=citation, days_left=(due - today).days)
        for name, due, citation in sorted(found, key=lambda f: (f[1], f[0]))
    )
