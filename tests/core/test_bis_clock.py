"""The BIS processing clock: holds, days elapsed, statutory deadlines and bad event lists."""

from __future__ import annotations

from datetime import date

import pytest

from desktop_app.core.agenda import agenda
from desktop_app.core.authorizations import ClockEvent, ClockEventKind, HoldReason
from desktop_app.core.bis_clock import (
    EMPTY,
    ClockReading,
    Hold,
    check_events,
    due_excluding_holds,
    read_clock,
)
from desktop_app.core.enums import MatterKind
from desktop_app.core.holiday_calendar import HolidayCalendar
from desktop_app.core.models import LibraryFacts, Matter
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


def test_a_hold_moves_only_the_90_day_limit() -> None:
    # As of 8 March only the registration and the open pre-license check are known.
    reading = read_clock(TWO_HOLDS_AND_OPEN, date(2026, 3, 8))
    assert reading.on_hold is R.PRE_LICENSE_CHECK
    assert reading.elapsed_days == 3
    assert reading.holds == (Hold(date(2026, 3, 5), None, R.PRE_LICENSE_CHECK),)
    assert _due(reading) == [
        ("15 CFR 750.4(c)", date(2026, 3, 11), 3),
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
    # The agencies' 30 days run from the referral of 20 March, holds or not; the 90 days from
    # registration skip the 23 held days.
    assert _due(reading) == [
        ("15 CFR 750.4(d)(2)", date(2026, 4, 19), -12),
        ("15 CFR 750.4(a)(1)", date(2026, 6, 23), 53),
    ]
    # While the hold stays open the 90-day days left stand still and its date moves.
    later = read_clock(TWO_HOLDS_AND_OPEN, date(2026, 5, 11))
    assert later.elapsed_days == 37
    assert _due(later) == [
        ("15 CFR 750.4(d)(2)", date(2026, 4, 19), -22),
        ("15 CFR 750.4(a)(1)", date(2026, 7, 3), 53),
    ]


def test_once_the_hold_ends_the_clock_runs_again() -> None:
    events = [*TWO_HOLDS_AND_OPEN, _ev(K.HOLD_ENDED, date(2026, 5, 4))]
    reading = read_clock(events, date(2026, 5, 10))
    assert reading.on_hold is None
    assert reading.elapsed_days == 37 + 6  # held 25 April to 4 May; six days since
    assert _due(reading) == [
        ("15 CFR 750.4(d)(2)", date(2026, 4, 19), -21),
        ("15 CFR 750.4(a)(1)", date(2026, 6, 26), 47),
    ]
    assert reading.next_deadline is not None
    assert reading.next_deadline.citation == "15 CFR 750.4(a)(1)"
    assert [d.citation for d in reading.missed] == ["15 CFR 750.4(d)(2)"]


def test_a_second_referral_does_not_restart_the_agencies_30_days() -> None:
    events = [
        _ev(K.REGISTERED, REGISTERED),
        _ev(K.REFERRED, date(2026, 3, 9)),
        _ev(K.REFERRED, date(2026, 3, 20)),
    ]
    assert ("15 CFR 750.4(d)(2)", date(2026, 4, 8), 1) in _due(read_clock(events, date(2026, 4, 7)))


def test_intent_to_deny_deadlines_are_not_stopped_by_holds() -> None:
    reading = read_clock(ITD, date(2026, 4, 20))
    assert reading.on_hold is R.ITD_NEGOTIATION
    assert _due(reading) == [
        ("15 CFR 750.6(b)", date(2026, 4, 26), 6),
        ("15 CFR 750.6(b)", date(2026, 5, 21), 31),
        ("15 CFR 750.4(a)(1)", date(2026, 6, 10), 51),
        ("15 CFR 756.2(c)(1)", date(2026, 7, 5), 76),
    ]
    response, final, _overall, appeal = reading.deadlines
    assert response.name.startswith("Applicant's response")
    # 26 April 2026 is a Sunday: the response must reach BIS by Friday 24 April.
    assert response.file_by == date(2026, 4, 24)
    assert "Sunday" in response.note
    assert "final without further notice" in final.name
    assert "if the denial becomes final on 2026-05-21" in appeal.name
    assert reading.denied_on is None


def test_a_denial_becomes_final_on_day_45_without_further_notice() -> None:
    # The ITD of 6 April, nothing after it but a hold: final on 21 May, appeal 45 days later.
    late = read_clock(ITD, date(2026, 5, 25))
    assert late.denied_on == date(2026, 5, 21)
    assert late.denial_deemed is True
    assert late.stopped_on == date(2026, 5, 21)
    assert late.on_hold is None
    assert late.elapsed_days == 80 - 41  # held from 10 April to the final denial
    assert _due(late) == [("15 CFR 756.2(c)(1)", date(2026, 7, 5), 41)]
    assert "final without further notice on 2026-05-21" in late.deadlines[0].name


ITD_ALONE = [
    _ev(K.REGISTERED, REGISTERED),
    _ev(K.REFERRED, date(2026, 3, 9)),
    _ev(K.ITD_ISSUED, date(2026, 4, 6)),
]


@pytest.mark.parametrize(
    ("today", "denied_on", "deadlines"),
    [
        # 15 CFR 750.6(b): day 44 after the ITD, the denial is not final yet.
        (
            date(2026, 5, 20),
            None,
            [
                ("15 CFR 750.6(b)", date(2026, 4, 26), -24),
                ("15 CFR 750.6(b)", date(2026, 5, 21), 1),
                ("15 CFR 750.4(a)(1)", date(2026, 5, 31), 11),
                ("15 CFR 756.2(c)(1)", date(2026, 7, 5), 46),
            ],
        ),
        # Day 45: final without further notice; 756.2(c)(1) appeal 45 days from it.
        (date(2026, 5, 21), date(2026, 5, 21), [("15 CFR 756.2(c)(1)", date(2026, 7, 5), 45)]),
        (date(2026, 5, 22), date(2026, 5, 21), [("15 CFR 756.2(c)(1)", date(2026, 7, 5), 44)]),
    ],
)
def test_day_44_45_46_after_an_intent_to_deny(
    today: date, denied_on: date | None, deadlines: list[tuple[str, date, int]]
) -> None:
    reading = read_clock(ITD_ALONE, today)
    assert reading.denied_on == denied_on
    assert _due(reading) == deadlines


@pytest.mark.parametrize(
    ("after", "citations"),
    [
        # A referral after the ITD (response accepted): review again, no final denial.
        (_ev(K.REFERRED, date(2026, 5, 1)), ["15 CFR 750.4(a)(1)", "15 CFR 750.4(d)(2)"]),
        (_ev(K.DECIDED, date(2026, 5, 1)), []),
        (_ev(K.DENIED, date(2026, 5, 1)), ["15 CFR 756.2(c)(1)"]),
    ],
)
def test_something_recorded_after_the_intent_to_deny_resolves_it(
    after: ClockEvent, citations: list[str]
) -> None:
    reading = read_clock([*ITD_ALONE, after], date(2026, 5, 25))
    assert reading.denial_deemed is False
    assert [d.citation for d in reading.deadlines] == citations


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
    assert reading.denied_on == date(2026, 5, 21)
    assert reading.denial_deemed is False
    assert reading.on_hold is None
    # 80 days to the denial, 21 of them on hold; the clock stops at the denial.
    assert reading.elapsed_days == 59
    (appeal,) = reading.deadlines
    assert appeal.name == (
        "Appeal of the denial to the Under Secretary (denial recorded on 2026-05-21)"
    )
    assert (appeal.due, appeal.citation, appeal.days_left) == (
        date(2026, 7, 5),
        "15 CFR 756.2(c)(1)",
        34,
    )
    # Sunday 5 July; Friday 3 July is Independence Day observed: file by Thursday 2 July.
    assert appeal.file_by == date(2026, 7, 2)
    assert "2026-07-05 is a Sunday" in appeal.note
    assert "Thursday 2026-07-02" in appeal.note
    assert read_clock(events, date(2026, 7, 10)).deadlines[0].days_left == -5
    # The appeal decided: nothing more is due.
    decided = read_clock([*events, _ev(K.DECIDED, date(2026, 6, 20))], date(2026, 7, 10))
    assert decided.deadlines == ()
    assert decided.stopped_on == date(2026, 6, 20)
    assert decided.denied_on is None


@pytest.mark.parametrize(
    ("denied", "due", "file_by", "words"),
    [
        # 15 CFR 756.2(c)(1): the appeal must be received within 45 days.
        (date(2026, 6, 17), date(2026, 8, 1), date(2026, 7, 31), "is a Saturday"),
        (date(2026, 6, 18), date(2026, 8, 2), date(2026, 7, 31), "is a Sunday"),
        (date(2026, 10, 12), date(2026, 11, 26), date(2026, 11, 25), "Thanksgiving"),
        (date(2026, 5, 22), date(2026, 7, 6), None, ""),  # a Monday: no warning
    ],
)
def test_an_appeal_due_on_a_weekend_or_holiday_names_the_last_business_day(
    denied: date, due: date, file_by: date | None, words: str
) -> None:
    events = [_ev(K.REGISTERED, REGISTERED), _ev(K.DENIED, denied)]
    (appeal,) = read_clock(events, denied).deadlines
    assert (appeal.due, appeal.file_by) == (due, file_by)
    assert words in appeal.note


HOLD_OVER_DAY_9 = [
    _ev(K.REGISTERED, REGISTERED),
    _ev(K.HOLD_STARTED, date(2026, 3, 7), R.PRE_LICENSE_CHECK),
    _ev(K.HOLD_ENDED, date(2026, 3, 20)),
]


@pytest.mark.parametrize(
    ("today", "days_left"),
    # 15 CFR 750.4(c): 9 calendar days from registration; the hold does not move it.
    [(date(2026, 3, 10), 1), (date(2026, 3, 11), 0), (date(2026, 3, 12), -1)],
)
def test_day_8_9_10_of_the_initial_action_with_a_hold_over_it(today: date, days_left: int) -> None:
    reading = read_clock(HOLD_OVER_DAY_9, today)
    initial = [d for d in reading.deadlines if d.citation == "15 CFR 750.4(c)"]
    assert [(d.due, d.days_left) for d in initial] == [(date(2026, 3, 11), days_left)]


def test_the_90_day_limit_skips_a_hold_over_the_9_day_mark() -> None:
    reading = read_clock(HOLD_OVER_DAY_9, date(2026, 3, 25))
    assert ("15 CFR 750.4(a)(1)", date(2026, 6, 13), 80) in _due(reading)


@pytest.mark.parametrize(
    ("kind", "due", "citation"),
    [
        (MatterKind.CLASSIFICATION_REQUEST, date(2026, 3, 16), "15 CFR 750.2(a)"),
        (MatterKind.ADVISORY_OPINION, date(2026, 4, 1), "15 CFR 750.2(b)"),
    ],
)
def test_answer_dates_are_not_stopped_by_holds(kind: MatterKind, due: date, citation: str) -> None:
    events = [
        _ev(K.REGISTERED, REGISTERED),
        _ev(K.HOLD_STARTED, date(2026, 3, 4), R.INFO_REQUESTED),
        _ev(K.HOLD_ENDED, date(2026, 3, 10)),
    ]
    assert _due(read_clock(events, date(2026, 3, 12), kind)) == [
        (citation, due, (due - date(2026, 3, 12)).days)
    ]


# Referred 9 March: the agencies' deadline is 8 April; then each step of 750.4(f).
ESCALATION = [
    _ev(K.REGISTERED, REGISTERED),
    _ev(K.REFERRED, date(2026, 3, 9)),
    _ev(K.ESCALATED_OC, date(2026, 4, 9)),
    _ev(K.OC_DECIDED, date(2026, 4, 20)),
    _ev(K.ESCALATED_ACEP, date(2026, 4, 24)),
    _ev(K.ACEP_DECIDED, date(2026, 5, 4)),
    _ev(K.ESCALATED_EARB, date(2026, 5, 8)),
    _ev(K.EARB_DECIDED, date(2026, 5, 18)),
    _ev(K.ESCALATED_PRESIDENT, date(2026, 5, 22)),
]


@pytest.mark.parametrize(
    ("steps", "due", "citation"),
    [
        (2, date(2026, 4, 8), "15 CFR 750.4(d)(2)"),
        (3, date(2026, 4, 22), "15 CFR 750.4(f)(1)(i)"),  # 14 days after the agency deadline
        (4, date(2026, 4, 25), "15 CFR 750.4(f)(1)(ii)"),  # 5 days from the OC decision
        (5, date(2026, 5, 5), "15 CFR 750.4(f)(2)"),  # ACEP decides within 11 days
        (6, date(2026, 5, 9), "15 CFR 750.4(f)(2)"),  # appeal to the EARB within 5 days
        (7, date(2026, 5, 19), "15 CFR 750.4(f)(3)"),  # EARB decides within 11 days
        (8, date(2026, 5, 23), "15 CFR 750.4(f)(3)"),  # appeal to the President within 5 days
    ],
)
def test_escalation_timelines(steps: int, due: date, citation: str) -> None:
    events = ESCALATION[:steps]
    reading = read_clock(events, events[-1].on)
    assert [(d.citation, d.due) for d in reading.deadlines] == [
        (citation, due),
        ("15 CFR 750.4(a)(1)", date(2026, 5, 31)),
    ]


def test_a_referral_to_the_president_ends_the_90_day_limit() -> None:
    assert read_clock(ESCALATION, date(2026, 5, 25)).deadlines == ()


def test_the_agenda_lists_the_appeal_after_an_intent_to_deny() -> None:
    matter = Matter(
        id=7, number="EC-2026-0007", title="Osprey", kind=MatterKind.LICENSE_APPLICATION
    )
    facts = LibraryFacts(
        matters=(matter,), conditions=(), logs=(), licenses=(), clock_events=tuple(ITD_ALONE)
    )
    rows = agenda(facts, date(2026, 5, 25), days=60)
    assert [(r.title, r.due) for r in rows if r.kind == "bis_clock"] == [
        (
            "Appeal of the denial to the Under Secretary "
            "(denial final without further notice on 2026-05-21)",
            date(2026, 7, 2),
        )
    ]


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
        (
            # Overlapping holds: the second starts the day the first ends, before it is ended.
            [
                _ev(K.REGISTERED, REGISTERED),
                _ev(K.HOLD_STARTED, date(2026, 3, 3), R.INFO_REQUESTED),
                _ev(K.HOLD_STARTED, date(2026, 3, 6), R.PRE_LICENSE_CHECK),
                _ev(K.HOLD_ENDED, date(2026, 3, 6)),
            ],
            "kind",
            "holds cannot overlap",
        ),
        (
            [_ev(K.REGISTERED, REGISTERED), _ev(K.ESCALATED_OC, date(2026, 3, 20))],
            "kind",
            "needs a referral",
        ),
        (
            [*ESCALATION[:2], _ev(K.OC_DECIDED, date(2026, 4, 20))],
            "kind",
            "must follow the escalated to the operating committee event",
        ),
        (
            [*ESCALATION[:3], _ev(K.ITD_ISSUED, date(2026, 4, 20)), ESCALATION[3]],
            "kind",
            "must follow",
        ),
        (
            [*ESCALATION[:2], _ev(K.DECIDED, date(2026, 4, 1)), ESCALATION[2]],
            "kind",
            "ends processing",
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


def test_a_state_holiday_counts_when_the_library_chose_that_state() -> None:
    # Patriots' Day, Monday 20 April 2026, is a Massachusetts holiday only.
    events = [_ev(K.REGISTERED, REGISTERED), _ev(K.DENIED, date(2026, 3, 6))]
    (federal,) = read_clock(events, date(2026, 3, 6)).deadlines
    (state,) = read_clock(events, date(2026, 3, 6), calendar=HolidayCalendar("MA")).deadlines
    assert (federal.due, federal.file_by) == (date(2026, 4, 20), None)
    assert state.file_by == date(2026, 4, 17)
