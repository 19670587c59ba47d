"""A recurrence rule in words, and no words where they would say less than the rule."""

from __future__ import annotations

import pytest

from desktop_app.core.schedule import anniversary_rule, quarterly_rule
from desktop_app.core.schedule_words import rule_words


@pytest.mark.parametrize(
    ("rule", "words"),
    [
        ("FREQ=MONTHLY;INTERVAL=3", "every 3 months from the first due date"),
        ("RRULE:FREQ=YEARLY", "every year from the first due date"),
        ("FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=14", "every year on 14 August"),
        (
            "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=28,29;BYSETPOS=-1",
            "every year on 29 February, or the last day of February before it",
        ),
        (
            "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=28,29,30,31;BYSETPOS=-1",
            "every 3 months on the 31st, or the month's last day before it",
        ),
        (
            "FREQ=MONTHLY;BYMONTHDAY=31",
            "every month on the 31st (a month without that day is skipped)",
        ),
        ("FREQ=MONTHLY;BYMONTHDAY=28", "every month on the 28th"),
        ("FREQ=WEEKLY;BYDAY=MO,TH", "every week on Monday, Thursday"),
        ("FREQ=MONTHLY;COUNT=6", "every month from the first due date (6 times)"),
        ("FREQ=YEARLY;UNTIL=20300101", "every year from the first due date until 2030-01-01"),
        ("FREQ=YEARLY;BYMONTH=3", "every year in March"),
    ],
)
def test_a_rule_the_app_reads_is_said_in_words(rule: str, words: str) -> None:
    assert rule_words(rule) == words


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MONTHLY;BYHOUR=3",  # a part not said in words
        "FREQ=SOMETIMES",
        "FREQ=MONTHLY;BYSETPOS=2",
        "FREQ=MONTHLY;BYDAY=1MO",  # the first Monday: not said, so not described
        "FREQ=MONTHLY;INTERVAL=0",
        "FREQ=YEARLY;BYMONTH=13",
        "FREQ=MONTHLY;BYMONTHDAY=1,15",  # two days a month without BYSETPOS
        "",
        "INTERVAL=3",
    ],
)
def test_a_rule_not_said_in_full_gets_no_words(rule: str) -> None:
    assert rule_words(rule) is None


def test_the_quick_rules_read_in_words() -> None:
    from datetime import date

    assert rule_words(quarterly_rule(date(2026, 10, 30))) == (
        "every 3 months on the 30th, or the month's last day before it"
    )
    assert rule_words(anniversary_rule(date(2026, 8, 14))) == "every year on 14 August"
