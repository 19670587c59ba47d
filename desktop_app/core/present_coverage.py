"""Coverage answers worked out for a matter, as plain rows (see :mod:`coverage_plain`).

``table_plain`` is the ``coverage --json`` document, one row per ``CoverageRow`` of the engine;
``party_rows`` and ``activity_rows`` are the answers the Parties and Activities tabs show (each
party's default question; each activity as of its own date), in the same row shape, for the memo.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from desktop_app.core.coverage import (
    CoverageRow,
    MatterFacts,
    activity_coverage,
    matter_coverage,
)
from desktop_app.core.coverage_facts import row_question
from desktop_app.core.coverage_model import GroupLookup
from desktop_app.core.coverage_plain import Plain, row_plain


def no_groups(_country: str) -> frozenset[str]:
    """A Country Group lookup that knows no groups, for callers without the reference data.

    Production passes ``desktop_app.reference.country_groups.groups_of``; with this one an
    exclusion written as a group (``D:5``) matches no country.
    """
    return frozenset()


def table_row(row: CoverageRow, facts: MatterFacts) -> Plain:
    """A ``CoverageRow`` of the engine as a plain row."""
    activity = next((a for a in facts.activities if a.id == row.activity_id), None)
    item = None if row.item_id is None else facts.item(row.item_id)
    return row_plain(
        facts.find_party(row.party_id), item, activity, row.transaction_type, row.coverage
    )


def table_plain(
    matter_number: str, as_of: date, rows: Iterable[CoverageRow], facts: MatterFacts
) -> Plain:
    """The whole ``coverage --json`` document: the matter, the day asked, every row."""
    return {
        "matter": matter_number,
        "as_of": as_of.isoformat(),
        "rows": [table_row(row, facts) for row in rows],
    }


def party_rows(facts: MatterFacts, as_of: date, group_of: GroupLookup) -> list[Plain]:
    """Each party row's default question (see ``row_question``) and its answer as of ``as_of``."""
    answers = matter_coverage(facts, as_of, group_of=group_of)
    rows = []
    for party in facts.parties:
        asked = row_question(party, facts, as_of)
        item = None if asked.item_id is None else facts.item(asked.item_id)
        rows.append(row_plain(party, item, None, asked.transaction_type, answers[party.id]))
    return rows


def activity_rows(facts: MatterFacts, as_of: date, group_of: GroupLookup) -> list[Plain]:
    """Each activity and its answer, as of its own date (undated: as of ``as_of``)."""
    rows = []
    for activity in facts.activities:
        answer = activity_coverage(activity, facts, as_of=as_of, group_of=group_of)
        item = None if activity.item_id is None else facts.item(activity.item_id)
        party = facts.find_party(activity.party_id)
        rows.append(row_plain(party, item, activity, activity.type, answer))
    return rows
