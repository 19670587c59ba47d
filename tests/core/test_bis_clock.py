"""The BIS processing clock: holds, days elapsed, statutory deadlines and bad event lists."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.authorizations import ClockEvent, ClockEventKind, HoldReason
from desktop_app.core.bis_clock import (
    EMPTY,
    ClockReading,
    Deadline,
    Hold,
    check_events,
    due_excluding_holds,
    read_clock,
)
from desktop_app.errors import ValidationError

K = ClockEventKind
R = HoldReason
REGISTERED = date(2026, 3, 2)


def _ev(kind: ClockEventKind, on: date, reason: HoldReason | None = None) -> ClockEvent:
    return ClockEvent(matter_id=7, kind=kind, on=on, hold_reason=reason)


def _due(reading: ClockReading) -> list[tuple[str, date, int]]:
    return [(d.citation, d.due, d.days_left) for d in reading.deadlines]


# Two closed holds, a referral, and a third hold still open on 1 May 2026.
TWO_HOLDS_AND_OPEN = [
    _ev(K.REGISTERED, REGISTERED),
    _ev(K.HOLD_STARTED, date(2026, 3, 5), R.PRE_LICENSE_CHECK),
    _ev(K.HOLD_ENDED, date(2026, 3, 12)),  # 7 days
    _ev(K.REFERRED, date(2026, 3, 20)),
    _ev(K.HOLD_STARTED, date(2026, 4, 1), R.INFO_REQUESTED),
    _ev(K.HOLD_ENDED, date(2026, 4, 11)),  # 10 days
    _ev(K.HOLD_STARTED, date(2026, 4, 25), R.GOV_TO_GOV_ASSURANCES),
]

ITD = [
    _ev(K.REGISTERED, REGISTERED),
    _ev(K.REFERRED, date(2026, 3, 9)),
    _ev(K.ITD_ISSUED, date(2026, 4, 6)),
    _ev(K.HOLD_STARTED, date(2026, 4, 10), R.ITD_NEGOTIATION),
]


def test_no_events_read_as_an_empty_clock() -> None:
    assert check_events([]) == {}
    assert read_clock([], date(2026, 12, 31)) == EMPTY
    assert EMPTY.next_deadline is None


def test_a_registration_in_the_future_is_not_known_yet() -> None:
    assert read_clock([_ev(K.REGISTERED, date(2027, 1, 5))], date(2026, 12, 31)) == EMPTY


def test_registration_alone_gives_the_9_and_90_day_deadlines() -> None:
    reading = read_clock([_ev(K.REGISTERED, REGISTERED)], date(2026, 3, 5))
    assert reading.registered == REGISTERED
    assert reading.elapsed_days == 3
    assert reading.on_hold is None
    assert reading.holds == ()
    assert _due(reading) == [
        ("15 CFR 750.4(c)", date(2026, 3, 11), 6),
        ("15 CFR 750.4(a)(1)", date(2026, 5, 31), 87),
    ]
    assert reading.next_deadline == reading.deadlines[0]


def test_a_hold_stops_the_clock_and_moves_the_deadlines() -> None:
    # As of 8 March only the registration and the open pre-license check are known.
    reading = read_clock(TWO_HOLDS_AND_OPEN, date(2026, 3, 8))
    assert reading.on_hold is R.PRE_LICENSE_CHECK
    assert reading.elapsed_days == 3
    assert reading.holds == (Hold(date(2026, 3, 5), None, R.PRE_LICENSE_CHECK),)
    assert _due(reading) == [
        ("15 CFR 750.4(c)", date(2026, 3, 14), 6),
        ("15 CFR 750.4(a)(1)", date(2026, 6, 3), 87),
    ]


def test_two_holds_and_an_open_hold() -> None:
    reading = read_clock(TWO_HOLDS_AND_OPEN, date(2026, 5, 1))
    assert reading.registered == REGISTERED
    # 60 calendar days less 7 + 10 + 6 held days.
    assert reading.elapsed_days == 37
    assert reading.on_hold is R.GOV_TO_GOV_ASSURANCES
    assert reading.holds == (
        Hold(date(2026, 3, 5), date(2026, 3, 12), R.PRE_LICENSE_CHECK),
        Hold(date(2026, 4, 1), date(2026, 4, 11), R.INFO_REQUESTED),
        Hold(date(2026, 4, 25), None, R.GOV_TO_GOV_ASSURANCES),
    )
    # The referral (and the information request) ended the 9-day deadline. From the referral
    # of 20 March: 12 days, hold, 14 days, open hold, 4 days left. From registration: 90 + 23.
    assert _due(reading) == [
        ("15 CFR 750.4(d)(2)", date(2026, 5, 5), 4),
        ("15 CFR 750.4(a)(1)", date(2026, 6, 23), 53),
    ]
    # While the hold stays open the days left stand still and the dates move with it.
    later = read_clock(TWO_HOLDS_AND_OPEN, date(2026, 5, 11))
    assert later.elapsed_days == 37
    assert _due(later) == [
        ("15 CFR 750.4(d)(2)", date(2026, 5, 15), 4),
        ("15 CFR 750.4(a)(1)", date(2026, 7, 3), 53),
    ]


def test_once_the_hold_ends_the_clock_runs_again() -> None:
    events = [*TWO_HOLDS_AND_OPEN, _ev(K.HOLD_ENDED, date(2026, 5, 4))]
    reading = read_clock(events, date(2026, 5, 10))
    assert reading.on_hold is None
    assert reading.elapsed_days == 37 + 6  # held 25 April to 4 May; six days since
    assert _due(reading) == [
        ("15 CFR 750.4(d)(2)", date(2026, 5, 8), -2),
        ("15 CFR 750.4(a)(1)", date(2026, 6, 26), 47),
    ]
    assert reading.next_deadline is not None
    assert reading.next_deadline.citation == "15 CFR 750.4(a)(1)"
    assert [d.citation for d in reading.missed] == ["15 CFR 750.4(d)(2)"]


def test_intent_to_deny_deadlines_are_not_stopped_by_holds() -> None:
    reading = read_clock(ITD, date(2026, 4, 20))
    assert reading.on_hold is R.ITD_NEGOTIATION
    assert _due(reading) == [
        ("15 CFR 750.6(b)", date(2026, 4, 26), 6),
        ("15 CFR 750.6(b)", date(2026, 5, 21), 31),
        ("15 CFR 750.4(a)(1)", date(2026, 6, 10), 51),
    ]
    names = [d.name for d in reading.deadlines]
    assert names[0].startswith("Applicant's response")
    # Past ITD deadlines stay listed (negative days) until a denial or decision supersedes them.
    late = read_clock(ITD, date(2026, 5, 25))
    assert _due(late) == [
        ("15 CFR 750.6(b)", date(2026, 4, 26), -29),
        ("15 CFR 750.6(b)", date(2026, 5, 21), -4),
        ("15 CFR 750.4(a)(1)", date(2026, 7, 15), 51),
    ]


def test_a_referral_after_an_intent_to_deny_reopens_review() -> None:
    events = [*ITD, _ev(K.HOLD_ENDED, date(2026, 4, 20)), _ev(K.REFERRED, date(2026, 4, 22))]
    reading = read_clock(events, date(2026, 4, 30))
    assert _due(reading) == [
        ("15 CFR 750.4(d)(2)", date(2026, 5, 22), 22),
        ("15 CFR 750.4(a)(1)", date(2026, 6, 10), 41),
    ]


def test_denial_leaves_only_the_appeal_deadline() -> None:
    events = [
        *ITD,
        _ev(K.HOLD_ENDED, date(2026, 5, 1)),
        _ev(K.DENIED, date(2026, 5, 21)),
    ]
    reading = read_clock(events, date(2026, 6, 1))
    assert reading.stopped_on == date(2026, 5, 21)
    assert reading.on_hold is None
    # 80 days to the denial, 21 of them on hold; the clock stops at the denial.
    assert reading.elapsed_days == 59
    assert reading.deadlines == (
        Deadline(
            name="Appeal of the denial to the Under Secretary",
            due=date(2026, 7, 5),
            citation="15 CFR 756.2(c)(1)",
            days_left=34,
        ),
    )
    assert read_clock(events, date(2026, 7, 10)).deadlines[0].days_left == -5
    # The appeal decided: nothing more is due.
    decided = read_clock([*events, _ev(K.DECIDED, date(2026, 6, 20))], date(2026, 7, 10))
    assert decided.deadlines == ()
    assert decided.stopped_on == date(2026, 6, 20)


def test_a_decision_ends_every_processing_deadline() -> None:
    events = [
        _ev(K.REGISTERED, REGISTERED),
        _ev(K.HOLD_STARTED, date(2026, 3, 5), R.CONDITIONS_PROPOSED),
        _ev(K.HOLD_ENDED, date(2026, 3, 15)),
        _ev(K.DECIDED, date(2026, 3, 20)),
    ]
    reading = read_clock(events, date(2026, 12, 31))
    assert reading.deadlines == ()
    assert reading.elapsed_days == 8
    assert reading.on_hold is None


def test_an_information_request_is_bis_initial_action() -> None:
    events = [
        _ev(K.REGISTERED, REGISTERED),
        _ev(K.HOLD_STARTED, date(2026, 3, 4), R.INFO_REQUESTED),
    ]
    reading = read_clock(events, date(2026, 3, 6))
    assert [d.citation for d in reading.deadlines] == ["15 CFR 750.4(a)(1)"]


def test_same_day_registration_is_read_first() -> None:
    events = [
        _ev(K.HOLD_STARTED, REGISTERED, R.INFO_REQUESTED),
        _ev(K.REGISTERED, REGISTERED),
    ]
    assert check_events(events) == {}
    assert read_clock(events, date(2026, 3, 10)).elapsed_days == 0


@pytest.mark.parametrize(
    ("events", "field", "words"),
    [
        (
            [_ev(K.REGISTERED, REGISTERED), _ev(K.HOLD_ENDED, date(2026, 3, 5))],
            "kind",
            "no hold is open",
        ),
        (
            [
                _ev(K.REGISTERED, REGISTERED),
                _ev(K.HOLD_STARTED, date(2026, 3, 3), R.INFO_REQUESTED),
                _ev(K.HOLD_ENDED, date(2026, 3, 4)),
                _ev(K.HOLD_ENDED, date(2026, 3, 5)),
            ],
            "kind",
            "no hold is open",
        ),
        (
            [_ev(K.REGISTERED, REGISTERED), _ev(K.REFERRED, date(2026, 3, 1))],
            "on",
            "before the registration on 2026-03-02",
        ),
        ([_ev(K.REFERRED, date(2026, 3, 1))], "registered", "no registration"),
        (
            [_ev(K.REGISTERED, REGISTERED), _ev(K.REGISTERED, date(2026, 3, 9))],
            "registered",
            "registered twice",
        ),
        (
            [_ev(K.REGISTERED, REGISTERED), _ev(K.HOLD_STARTED, date(2026, 3, 3))],
            "hold_reason",
            "needs its reason",
        ),
        (
            [
                _ev(K.REGISTERED, REGISTERED),
                _ev(K.HOLD_STARTED, date(2026, 3, 3), R.INFO_REQUESTED),
                _ev(K.HOLD_STARTED, date(2026, 3, 4), R.PRE_LICENSE_CHECK),
            ],
            "kind",
            "still open",
        ),
        (
            [
                _ev(K.REGISTERED, REGISTERED),
                _ev(K.DECIDED, date(2026, 3, 3)),
                _ev(K.REFERRED, date(2026, 3, 4)),
            ],
            "kind",
            "ends processing",
        ),
        (
            [
                _ev(K.REGISTERED, REGISTERED),
                ClockEvent(matter_id=8, kind=K.REFERRED, on=date(2026, 3, 4)),
            ],
            "matter_id",
            "more than one matter",
        ),
    ],
)
def test_bad_event_lists_are_refused(events: list[ClockEvent], field: str, words: str) -> None:
    errors = check_events(events)
    assert field in errors
    assert words in errors[field]
    with pytest.raises(ValidationError) as caught:
        read_clock(events, date(2026, 12, 31))
    assert caught.value.fields == errors


def test_due_excluding_holds_edges() -> None:
    start = date(2026, 1, 1)
    assert due_excluding_holds(start, 9, (), start) == date(2026, 1, 10)
    # A hold that starts on the due day does not move it.
    at_due = Hold(date(2026, 1, 10), date(2026, 1, 20), R.INFO_REQUESTED)
    assert due_excluding_holds(start, 9, (at_due,), start) == date(2026, 1, 10)
    # A hold already under way at the anchor delays it fully from its end.
    under_way = Hold(date(2025, 12, 20), date(2026, 1, 5), R.INFO_REQUESTED)
    assert due_excluding_holds(start, 9, (under_way,), start) == date(2026, 1, 14)
    # A hold entirely before the anchor does not count.
    before = Hold(date(2025, 12, 1), date(2025, 12, 10), R.INFO_REQUESTED)
    assert due_excluding_holds(start, 9, (before,), start) == date(2026, 1, 10)
