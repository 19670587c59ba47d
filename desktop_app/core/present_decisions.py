"""What was decided and what is owed, as plain data for ``show --json`` and the text views.

Derived facts (a license's expiry and state, a condition's next due date and standing, each
party's coverage) are computed here as of a given day, so every face shows the same answer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.core.after_license import (
    CONTINUES,
    continues_unscheduled,
    ended_note,
    license_ended,
)
from desktop_app.core.bis_clock import read_clock
from desktop_app.core.coverage import GroupLookup, MatterFacts, matter_coverage
from desktop_app.core.coverage_plain import coverage_plain
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.in_force import record_in_force, withdrawn_records
from desktop_app.core.models import MatterRecord
from desktop_app.core.present_coverage import no_groups
from desktop_app.core.schedule import logs_by_condition, next_due, obligation_state
from desktop_app.core.serialize import to_plain
from desktop_app.core.validity import license_expiry, license_state, license_warnings

Plain = dict[str, Any]


def decisions_view(
    record: MatterRecord,
    as_of: date,
    group_of: GroupLookup | None,
    calendar: HolidayCalendar = FEDERAL,
) -> Plain:
    """Determinations, licenses, letters with Annex A, conditions, clock and coverage.

    Each license has its last valid day and state under the library's holiday ``calendar``
    (15 CFR 750.7(g)) and the warnings counsel should check against the license itself.
    Withdrawn records are left out (`core.in_force`) and listed under ``withdrawn``.
    """
    gone = [to_plain(w) for w in withdrawn_records(record)]
    record = record_in_force(record)
    found = record.decisions
    return {
        "as_of": as_of.isoformat(),
        "withdrawn": gone,
        "determinations": [to_plain(d) for d in found.determinations],
        "licenses": [
            {
                **to_plain(x),
                "expires_on": license_expiry(x, calendar).isoformat(),
                "state": license_state(x, as_of, calendar),
                "warnings": license_warnings(x, record.items, calendar),
            }
            for x in found.licenses
        ],
        "letters": [
            {
                **to_plain(letter),
                "annex_a": [to_plain(r) for r in found.annex_rows if r.letter_id == letter.id],
            }
            for letter in found.letters
        ],
        "conditions": conditions_view(record, as_of, calendar),
        "bis_clock": to_plain(read_clock(found.clock_events, as_of, record.matter.kind, calendar))
        if found.clock_events
        else None,
        "coverage": coverage_view(record, as_of, group_of, calendar),
    }


def conditions_view(
    record: MatterRecord, as_of: date, calendar: HolidayCalendar = FEDERAL
) -> list[Plain]:
    """Each condition with its log, next due date and standing as of ``as_of``.

    A license's end removes nothing (15 CFR 750.7(i)): the condition keeps its schedule, an
    open continuing prohibition stands as "continues", and ``license_note`` states the end.
    """
    logs = logs_by_condition(record.decisions.condition_log)
    views = []
    licenses = {x.id: x for x in record.decisions.licenses}
    for condition in record.decisions.conditions:
        ended = license_ended(condition, licenses, as_of, calendar)
        due = next_due(condition, logs[condition.id], as_of)
        standing: str = obligation_state(condition, logs[condition.id], as_of)
        if due is None and continues_unscheduled(condition, ended):
            standing = CONTINUES
        views.append(
            {
                **to_plain(condition),
                "next_due": due.isoformat() if due else None,
                "standing": standing,
                "license_note": ended_note(condition, ended) or None,
                "log": [to_plain(e) for e in logs[condition.id]],
            }
        )
    return views


def coverage_view(
    record: MatterRecord,
    as_of: date,
    group_of: GroupLookup | None,
    calendar: HolidayCalendar = FEDERAL,
) -> list[Plain]:
    """For every party row: the answer as of ``as_of``, its basis, summary, factors and caveats."""
    if not record.items:
        return []
    facts = MatterFacts.of(record, calendar)
    answers = matter_coverage(facts, as_of, group_of=group_of or no_groups)
    names = {p.id: p.name for p in record.parties}
    return [
        {"party_id": party_id, "party": names.get(party_id, ""), **coverage_plain(answer)}
        for party_id, answer in answers.items()
    ]
