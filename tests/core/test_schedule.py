"""Schedules of obligations: RFC 5545 rules, due dates, next due and obligation state."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest

from desktop_app.core.authorizations import (
    Condition,
    ConditionCategory,
    ConditionKind,
    ConditionLog,
    ConditionStatus,
    LogKind,
    ObligationKind,
)
from desktop_app.core.schedule import (
    anniversary_rule,
    annual_rule,
    check_schedule,
    due_dates,
    next_due,
    obligation_state,
    parse_rule,
    quarterly_rule,
    schedule_errors,
    schedule_warnings,
)
from desktop_app.errors import ValidationError

AS_OF = date(2026, 12, 31)

QUARTERLY = Condition(
    matter_id=1,
    kind=ConditionKind.LETTER_SAFEGUARD,
    category=ConditionCategory.MONITORING,
    text="Report access by foreign-national employees to BIS every quarter.",
    obligation=ObligationKind.RECURRING,
    first_due=date(2026, 3, 31),
    rrule=quarterly_rule(date(2026, 3, 31)),
    status=ConditionStatus.ACTIVE,
    id=11,
)
ONE_TIME = Condition(
    matter_id=1,
    kind=ConditionKind.LICENSE_CONDITION,
    category=ConditionCategory.REPORTING,
    text="Confirm deployment of the access controls within 90 days.",
    obligation=ObligationKind.ONE_TIME,
    first_due=date(2026, 11, 15),
    id=12,
)


def _cond(base: Condition, **changes: Any) -> Condition:
    return replace(base, **changes)


def _done(due: date | None, on: date, condition_id: int = 11) -> ConditionLog:
    return ConditionLog(
        matter_id=1, condition_id=condition_id, kind=LogKind.PERFORMED, on=on, due=due
    )


# --- rules and due dates -------------------------------------------------------------------


def test_quarterly_from_the_30th_of_september() -> None:
    first = date(2026, 9, 30)
    expected = [
        date(2026, 9, 30),
        date(2026, 12, 30),
        date(2027, 3, 30),
        date(2027, 6, 30),
        date(2027, 9, 30),
        date(2027, 12, 30),
    ]
    assert due_dates("FREQ=MONTHLY;INTERVAL=3", first, first, date(2027, 12, 31)) == expected
    assert due_dates(quarterly_rule(first), first, first, date(2027, 12, 31)) == expected


def test_quarterly_from_a_month_end_never_skips_a_quarter() -> None:
    first = date(2026, 8, 31)
    assert due_dates(quarterly_rule(first), first, first, date(2028, 3, 1)) == [
        date(2026, 8, 31),
        date(2026, 11, 30),
        date(2027, 2, 28),
        date(2027, 5, 31),
        date(2027, 8, 31),
        date(2027, 11, 30),
        date(2028, 2, 29),
    ]
    assert quarterly_rule(date(2026, 9, 15)) == "FREQ=MONTHLY;INTERVAL=3"


def test_due_dates_is_an_inclusive_window() -> None:
    first = date(2026, 9, 30)
    rule = "FREQ=MONTHLY;INTERVAL=3"
    assert due_dates(rule, first, date(2026, 12, 30), date(2027, 3, 30)) == [
        date(2026, 12, 30),
        date(2027, 3, 30),
    ]
    assert due_dates(rule, first, date(2026, 12, 31), date(2027, 3, 29)) == []
    assert due_dates(rule, first, date(2027, 1, 1), date(2026, 1, 1)) == []
    assert due_dates(rule, first, date(2020, 1, 1), date(2026, 10, 1)) == [first]


def test_annual_report_in_the_license_anniversary_month() -> None:
    rule = anniversary_rule(date(2026, 6, 26))
    assert rule == "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=26"
    first = date(2027, 6, 26)
    assert due_dates(rule, first, first, date(2029, 12, 31)) == [
        date(2027, 6, 26),
        date(2028, 6, 26),
        date(2029, 6, 26),
    ]
    # The deemed-export report due at the end of the anniversary month.
    end_of_june = annual_rule(6, 30)
    assert due_dates(end_of_june, date(2027, 6, 30), AS_OF, date(2028, 12, 31)) == [
        date(2027, 6, 30),
        date(2028, 6, 30),
    ]


def test_a_leap_day_anniversary_falls_on_28_february_in_common_years() -> None:
    rule = anniversary_rule(date(2028, 2, 29))
    first = date(2029, 2, 28)
    assert check_schedule(rule, first) == {}
    assert due_dates(rule, first, first, date(2032, 12, 31)) == [
        date(2029, 2, 28),
        date(2030, 2, 28),
        date(2031, 2, 28),
        date(2032, 2, 29),
    ]


@pytest.mark.parametrize(("month", "day"), [(2, 30), (4, 31), (13, 1), (0, 5), (6, 0)])
def test_annual_rule_refuses_days_that_do_not_exist(month: int, day: int) -> None:
    with pytest.raises(ValidationError) as caught:
        annual_rule(month, day)
    assert set(caught.value.fields) == {"rrule"}


def test_rule_text_is_read_leniently_and_until_as_a_date() -> None:
    first = date(2026, 9, 30)
    for text in (
        "RRULE:FREQ=MONTHLY;INTERVAL=3",
        "freq=monthly;interval=3;",
        " FREQ=MONTHLY;INTERVAL=3 ",
    ):
        assert due_dates(text, first, first, date(2027, 3, 31))[-1] == date(2027, 3, 30)
    until = "FREQ=MONTHLY;UNTIL=20261231T235959Z"
    assert check_schedule(until, first) == {}
    assert due_dates(until, first, first, date(2027, 12, 31)) == [
        date(2026, 9, 30),
        date(2026, 10, 30),
        date(2026, 11, 30),
        date(2026, 12, 30),
    ]
    assert parse_rule("FREQ=WEEKLY;COUNT=2", first).count() == 2


# --- bad rules -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("FREQ=SOMETIMES", "FREQ=SOMETIMES"),
        ("", "empty"),
        (";", "needs a FREQ"),
        ("INTERVAL=3", "needs a FREQ"),
        ("FREQ=MONTHLY;FOO=1", "not valid RFC 5545"),
        ("FREQ=MONTHLY;BYDAY=XX", "not valid RFC 5545"),
        ("FREQ=MONTHLY;INTERVAL", "NAME=VALUE"),
        ("FREQ=MONTHLY;INTERVAL=0", "at least 1"),
        ("FREQ=MONTHLY;INTERVAL=-1", "at least 1"),
        ("FREQ=MONTHLY;COUNT=0", "at least 1"),
        ("FREQ=MONTHLY;COUNT=3;UNTIL=20301231", "COUNT and UNTIL"),
        ("FREQ=MONTHLY;FREQ=YEARLY", "given twice"),
        ("FREQ=HOURLY", "in days"),
        ("FREQ=DAILY;BYHOUR=9", "in days"),
        ("FREQ=MONTHLY;UNTIL=next-year", "not a date"),
        ("FREQ=MONTHLY;BYMONTH=13", "between 1 and 12"),
        ("FREQ=MONTHLY;BYMONTHDAY=32", "between 1 and 31"),
        ("FREQ=MONTHLY;BYMONTHDAY=last", "whole numbers"),
        ("DTSTART:20260101\nRRULE:FREQ=MONTHLY", "one RRULE line"),
        ("FREQ=MONTHLY;DTSTART=20260101", "DTSTART"),
    ],
)
def test_syntax_errors_are_refused_on_the_rrule_field(text: str, words: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_rule(text, date(2026, 9, 30))
    assert set(caught.value.fields) == {"rrule"}
    assert words in caught.value.fields["rrule"]
    assert check_schedule(text, date(2026, 9, 30)) == caught.value.fields


def test_a_rule_that_never_fires_is_refused() -> None:
    errors = check_schedule("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", date(2026, 9, 30))
    assert "never fires" in errors["rrule"]
    assert "BYMONTH=2" in errors["rrule"]
    # A yearly rule in February with no day takes the 30th from the first due date.
    implicit = check_schedule("FREQ=YEARLY;BYMONTH=2", date(2026, 9, 30))
    assert "day 30 (the day of the first due date)" in implicit["rrule"]
    # Leap years that the interval never reaches.
    leap = check_schedule("FREQ=YEARLY;INTERVAL=12;BYMONTH=2;BYMONTHDAY=29", date(2026, 3, 1))
    assert "never fires" in leap["rrule"]


def test_a_rule_that_first_fires_beyond_the_horizon_is_refused() -> None:
    # Every 11 years from 2026, 29 February first exists in 2048.
    rule = "FREQ=YEARLY;INTERVAL=11;BYMONTH=2;BYMONTHDAY=29"
    errors = check_schedule(rule, date(2026, 3, 1))
    assert errors["rrule"].startswith("The rule never fires within 10 years")
    assert "2048-02-29" in errors["rrule"]
    assert check_schedule(rule, date(2026, 3, 1), horizon_years=25) == {}
    # The horizon is a parameter: yearly in June from September fires after nine months.
    assert check_schedule("FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1", date(2026, 9, 1)) == {}
    assert "never fires within 0 years" in check_schedule(
        "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=1", date(2026, 9, 1), horizon_years=0
    ).get("rrule", "")


def test_a_rule_that_ends_before_its_first_due_date_is_refused() -> None:
    errors = check_schedule("FREQ=MONTHLY;UNTIL=20260101", date(2026, 9, 30))
    assert "ends (UNTIL 2026-01-01) before its first due date 2026-09-30" in errors["rrule"]
    # Ending after the first due date but before any occurrence: still never fires.
    never = check_schedule("FREQ=YEARLY;BYMONTH=6;UNTIL=20261231", date(2026, 9, 30))
    assert "never fires" in never["rrule"]


def test_a_rule_without_an_end_is_fine_when_it_fires() -> None:
    assert check_schedule("FREQ=MONTHLY", date(2026, 9, 30)) == {}
    assert check_schedule(quarterly_rule(date(2026, 9, 30)), date(2026, 9, 30)) == {}


def test_a_first_due_date_off_the_rule_only_warns() -> None:
    warnings = schedule_warnings("FREQ=MONTHLY;BYMONTHDAY=30", date(2026, 9, 15))
    assert "2026-09-30" in warnings["first_due"]
    assert schedule_warnings("FREQ=MONTHLY;INTERVAL=3", date(2026, 9, 30)) == {}
    assert schedule_warnings("", date(2026, 9, 30)) == {}


def test_a_rule_that_skips_short_months_warns() -> None:
    # RFC 5545 skips months without the day: from 31 March, June and September never come.
    first = date(2026, 3, 31)
    assert due_dates("FREQ=MONTHLY;INTERVAL=3", first, first, AS_OF) == [first, AS_OF]
    warnings = schedule_warnings("FREQ=MONTHLY;INTERVAL=3", first)
    assert "skips months without a day 31" in warnings["rrule"]
    assert schedule_warnings(quarterly_rule(first), first) == {}
    assert schedule_warnings("FREQ=MONTHLY;BYMONTHDAY=-1", first) == {}
    assert schedule_warnings("FREQ=MONTHLY;INTERVAL=12", first) == {}  # March only
    assert "rrule" in schedule_warnings("FREQ=YEARLY", date(2028, 2, 29))


# --- condition schedules -------------------------------------------------------------------


def test_schedule_errors_by_field() -> None:
    assert schedule_errors(QUARTERLY) == {}
    assert schedule_errors(ONE_TIME) == {}
    assert set(schedule_errors(_cond(QUARTERLY, rrule=""))) == {"rrule"}
    assert set(schedule_errors(_cond(ONE_TIME, first_due=None))) == {"first_due"}
    assert set(schedule_errors(_cond(ONE_TIME, grace_days=-1))) == {"grace_days"}
    assert set(schedule_errors(_cond(ONE_TIME, rrule="FREQ=MONTHLY"))) == {"rrule"}
    never = _cond(QUARTERLY, rrule="FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")
    assert "never fires" in schedule_errors(never)["rrule"]
    rider = _cond(ONE_TIME, kind=ConditionKind.RIDER)
    assert "obligation" in schedule_errors(rider)


def test_recurring_next_due_is_the_earliest_period_not_performed() -> None:
    logs = [
        _done(date(2026, 3, 31), date(2026, 4, 2)),
        _done(date(2026, 6, 30), date(2026, 6, 29)),
    ]
    # The 30 September report was never sent: still due, and overdue as of 31 December.
    assert next_due(QUARTERLY, logs, AS_OF) == date(2026, 9, 30)
    assert obligation_state(QUARTERLY, logs, AS_OF) == "overdue"
    # Sent on 5 January: not yet as of 31 December, counted afterwards.
    late = [*logs, _done(date(2026, 9, 30), date(2027, 1, 5))]
    assert next_due(QUARTERLY, late, AS_OF) == date(2026, 9, 30)
    assert next_due(QUARTERLY, late, date(2027, 1, 10)) == date(2026, 12, 31)
    assert obligation_state(QUARTERLY, late, date(2027, 1, 10)) == "overdue"
    # All three sent: the 31 December report is due today.
    on_time = [*logs, _done(date(2026, 9, 30), date(2026, 9, 30))]
    assert next_due(QUARTERLY, on_time, AS_OF) == AS_OF
    assert obligation_state(QUARTERLY, on_time, AS_OF) == "due_soon"


def test_a_missed_early_period_stays_due_even_when_later_ones_are_done() -> None:
    logs = [_done(date(2026, 6, 30), date(2026, 7, 1)), _done(date(2026, 9, 30), date(2026, 10, 1))]
    assert next_due(QUARTERLY, logs, AS_OF) == date(2026, 3, 31)


def test_only_performances_of_this_condition_count() -> None:
    logs = [
        _done(date(2026, 3, 31), date(2026, 4, 1), condition_id=99),
        ConditionLog(
            matter_id=1,
            condition_id=11,
            kind=LogKind.NOTE,
            on=date(2026, 4, 1),
            due=date(2026, 3, 31),
        ),
        _done(None, date(2026, 4, 1)),
    ]
    assert next_due(QUARTERLY, logs, AS_OF) == date(2026, 3, 31)
    # An unsaved condition (id 0) takes the logs it is given.
    unsaved = _cond(QUARTERLY, id=0)
    assert next_due(unsaved, logs[:1], AS_OF) == date(2026, 6, 30)


def test_a_rule_with_an_end_runs_out() -> None:
    two = _cond(QUARTERLY, rrule=quarterly_rule(date(2026, 3, 31)) + ";COUNT=2")
    logs = [_done(date(2026, 3, 31), date(2026, 4, 1)), _done(date(2026, 6, 30), date(2026, 7, 1))]
    assert next_due(two, logs, AS_OF) is None
    assert obligation_state(two, logs, AS_OF) == "none"


def test_recurring_without_a_rule_is_due_once() -> None:
    bare = _cond(QUARTERLY, rrule="")
    assert next_due(bare, [], AS_OF) == date(2026, 3, 31)
    assert next_due(bare, [_done(date(2026, 3, 31), date(2026, 4, 1))], AS_OF) is None


def test_one_time_obligation() -> None:
    assert next_due(ONE_TIME, [], AS_OF) == date(2026, 11, 15)
    assert obligation_state(ONE_TIME, [], AS_OF) == "overdue"
    done = [_done(None, date(2026, 11, 10), condition_id=12)]
    assert next_due(ONE_TIME, done, AS_OF) is None
    assert obligation_state(ONE_TIME, done, AS_OF) == "none"
    # As of a day before the performance, it is still due.
    assert obligation_state(ONE_TIME, done, date(2026, 11, 9)) == "due_soon"


@pytest.mark.parametrize(
    ("first_due", "grace", "today", "state"),
    [
        (date(2027, 3, 1), 0, AS_OF, "upcoming"),
        (date(2027, 1, 14), 0, AS_OF, "due_soon"),  # 14 days away
        (date(2027, 1, 15), 0, AS_OF, "upcoming"),  # 15 days away
        (date(2026, 12, 31), 0, AS_OF, "due_soon"),  # due today
        (date(2026, 12, 30), 0, AS_OF, "overdue"),
        (date(2026, 12, 25), 7, AS_OF, "due_soon"),  # six days late, within grace
        (date(2026, 12, 25), 7, date(2027, 1, 1), "due_soon"),  # the last day of grace
        (date(2026, 12, 25), 7, date(2027, 1, 2), "overdue"),
    ],
)
def test_obligation_state_with_grace(first_due: date, grace: int, today: date, state: str) -> None:
    condition = _cond(ONE_TIME, first_due=first_due, grace_days=grace)
    assert obligation_state(condition, [], today) == state


@pytest.mark.parametrize(
    "changes",
    [
        {"obligation": ObligationKind.CONTINUING_PROHIBITION},
        {"obligation": ObligationKind.EVENT_TRIGGERED},
        {"kind": ConditionKind.RIDER},
        {"status": ConditionStatus.SATISFIED},
        {"status": ConditionStatus.SUPERSEDED},
        {"status": ConditionStatus.CLOSED},
        {"status": ConditionStatus.PROPOSED},
        {"first_due": None},
    ],
)
def test_nothing_is_due_for_prohibitions_riders_and_conditions_not_in_force(
    changes: dict[str, Any],
) -> None:
    condition = _cond(QUARTERLY, **changes)
    assert next_due(condition, [], AS_OF) is None
    assert obligation_state(condition, [], AS_OF) == "none"
