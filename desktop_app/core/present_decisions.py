"""What was decided and what is owed, as plain data for ``show --json`` and the text views.

Derived facts (a license's expiry and state, a condition's next due date and standing, each
party's coverage) are computed here as of a given day, so every face shows the same answer.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from desktop_app.core.agenda import license_in_force
from desktop_app.core.bis_clock import read_clock
from desktop_app.core.coverage import GroupLookup, MatterFacts, matter_coverage
from desktop_app.core.coverage_plain import coverage_plain
from desktop_app.core.models import MatterRecord
from desktop_app.core.present_coverage import no_groups
from desktop_app.core.schedule import logs_by_condition, next_due, obligation_state
from desktop_app.core.serialize import to_plain
from desktop_app.core.validity import license_expiry, license_state

Plain = dict[str, Any]


def decisions_view(record: MatterRecord, as_of: date, group_of: GroupLookup | None) -> Plain:
    """Determinations, licenses, letters with Annex A, conditions, clock and coverage."""
    found = record.decisions
    return {
        "as_of": as_of.isoformat(),
        "determinations": [to_plain(d) for d in found.determinations],
        "licenses": [
            {
                **to_plain(x),
                "expires_on": license_expiry(x).isoformat(),
                "state": license_state(x, as_of),
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
        "conditions": conditions_view(record, as_of),
        "bis_clock": to_plain(read_clock(found.clock_events, as_of, record.matter.kind))
        if found.clock_events
        else None,
        "coverage": coverage_view(record, as_of, group_of),
    }


def conditions_view(record: MatterRecord, as_of: date) -> list[Plain]:
    """Each condition with its log, next due date and standing as of ``as_of``."""
    logs = logs_by_condition(record.decisions.condition_log)
    views = []
    licenses = {x.id: x for x in record.decisions.licenses}
    for condition in record.decisions.conditions:
        in_force = license_in_force(condition, licenses, as_of)
        due = next_due(condition, logs[condition.id], as_of) if in_force else None
        views.append(
            {
                **to_plain(condition),
                "next_due": due.isoformat() if due else None,
                "standing": obligation_state(condition, logs[condition.id], as_of)
                if in_force
                else "license ended",
                "log": [to_plain(e) for e in logs[condition.id]],
            }
        )
    return views


def coverage_view(record: MatterRecord, as_of: date, group_of: GroupLookup | None) -> list[Plain]:
    """For every party row: the answer as of ``as_of``, its basis, summary, factors and caveats."""
    if not record.items:
        return []
    facts = MatterFacts.of(record)
    answers = matter_coverage(facts, as_of, group_of=group_of or no_groups)
    names = {p.id: p.name for p in record.parties}
    return [
        {"party_id": party_id, "party": names.get(party_id, ""), **coverage_plain(answer)}
        for party_id, answer in answers.items()
    ]
