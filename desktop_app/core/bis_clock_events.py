"""The clock events of one application put in order, and the event lists that make no clock.

A list of clock events makes a clock when it has one registration and every other event comes
on or after it; holds open and close one at a time (so they never overlap); nothing that
processes the application follows a denial or decision; and the escalation of 15 CFR 750.4(f)
runs in its order (Operating Committee, its chair's decision, ACEP, its decision, EARB, its
decision, the President), starting from a referral of the current review.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from desktop_app.core.authorizations import ClockEvent, ClockEventKind

Errors = dict[str, str]
K = ClockEventKind

ESCALATION_KINDS = (
    K.ESCALATED_OC,
    K.OC_DECIDED,
    K.ESCALATED_ACEP,
    K.ACEP_DECIDED,
    K.ESCALATED_EARB,
    K.EARB_DECIDED,
    K.ESCALATED_PRESIDENT,
)
# Each escalation step needs the one before it as the latest step (the first needs none).
_BEFORE = dict(zip(ESCALATION_KINDS[1:], ESCALATION_KINDS[:-1], strict=True))
_FINAL = (K.DENIED, K.DECIDED)
_PROCESSING = (K.HOLD_STARTED, K.REFERRED, K.ITD_ISSUED, *ESCALATION_KINDS)


def ordered(events: Iterable[ClockEvent]) -> list[ClockEvent]:
    """The events by date; on one day the registration comes first, others keep their order."""
    return sorted(events, key=lambda e: (e.on, e.kind is not K.REGISTERED))


def check_events(events: Sequence[ClockEvent]) -> Errors:
    """What is wrong with a matter's clock events, by field (first problem per field).

    Refused: events of several matters; events without a registration, or two registrations;
    an event dated before the registration; a hold without its reason; a hold started while
    another is open (holds cannot overlap); a hold ended when none is open; processing events
    (holds, referrals, intent to deny, escalations) after a denial or decision, and a denial
    after a decision; an escalation step out of the order of 750.4(f).
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
    registrations = [e.on for e in in_order if e.kind is K.REGISTERED]
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


@dataclass
class _Seen:
    """What the checks remember while walking the events."""

    open_hold: date | None = None
    final: ClockEvent | None = None
    referred: bool = False
    step: ClockEventKind | None = None


def _sequence_problems(events: Sequence[ClockEvent], registered: date) -> Iterator[tuple[str, str]]:
    """(field, why) for each event out of place in an ordered list of clock events."""
    seen = _Seen()
    for event in events:
        what = f"The {event.kind.label.lower()} event of {event.on.isoformat()}"
        if event.on < registered:
            yield "on", f"{what} is before the registration on {registered.isoformat()}."
        if seen.final is not None and (
            event.kind in _PROCESSING or (event.kind is K.DENIED and seen.final.kind is K.DECIDED)
        ):
            yield (
                "kind",
                f"{what} comes after the {seen.final.kind.label.lower()} event of "
                f"{seen.final.on.isoformat()}, which ends processing.",
            )
        yield from _hold_problems(event, what, seen)
        yield from _escalation_problems(event, what, seen)
        if event.kind in _FINAL:
            seen.final = event


def _hold_problems(event: ClockEvent, what: str, seen: _Seen) -> Iterator[tuple[str, str]]:
    """A hold without its reason, one started while another is open, one ended when none is."""
    if event.kind is K.HOLD_STARTED:
        if event.hold_reason is None:
            yield "hold_reason", f"{what} needs its reason (15 CFR 750.4(b))."
        if seen.open_hold is not None:
            yield (
                "kind",
                f"{what} starts a hold while the hold of {seen.open_hold.isoformat()} is still "
                "open; holds cannot overlap, so end that hold first.",
            )
        seen.open_hold = event.on
    elif event.kind is K.HOLD_ENDED:
        if seen.open_hold is None:
            yield "kind", f"{what} ends a hold, but no hold is open."
        seen.open_hold = None


def _escalation_problems(event: ClockEvent, what: str, seen: _Seen) -> Iterator[tuple[str, str]]:
    """An escalation step without the referral or the step before it (750.4(f))."""
    if event.kind is K.REFERRED:
        seen.referred = True
    elif event.kind is K.ITD_ISSUED:
        seen.referred, seen.step = False, None
    if event.kind not in ESCALATION_KINDS:
        return
    needed = _BEFORE.get(event.kind)
    if needed is None and not seen.referred:
        yield (
            "kind",
            f"{what} needs a referral to the reviewing agencies first (15 CFR 750.4(f)(1)).",
        )
    elif needed is not None and seen.step is not needed:
        yield (
            "kind",
            f"{what} must follow the {needed.label.lower()} event (15 CFR 750.4(f)).",
        )
    seen.step = event.kind
