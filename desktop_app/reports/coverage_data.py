"""What the memo says about coverage: each party row and each activity, answered (pure).

Every answer is printed as a :class:`Finding`: who, which item and which activity; the answer
in words; the day it speaks for; its basis and summary; the factors as a compact table
(dimension, result, detail, source); the facts still missing and the caveats. The caveat every
answer shares (Part 744 and General Prohibitions 4–10) is printed once, at the section's head.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from desktop_app.core.coverage_facts import MatterFacts
from desktop_app.core.coverage_model import Answer, GroupLookup, Outcome
from desktop_app.core.coverage_plain import Plain, row_as_of, row_subject, summary_line
from desktop_app.core.coverage_rules import PART_744_CAVEAT
from desktop_app.core.holiday_calendar import FEDERAL, HolidayCalendar
from desktop_app.core.models import MatterRecord
from desktop_app.core.present_coverage import activity_rows, no_groups, party_rows
from desktop_app.reports.model import Finding, Section, Table

SHARED = PART_744_CAVEAT
FACTOR_COLUMNS = ("Dimension", "Result", "Detail", "Source")
FACTOR_WIDTHS = (1.45, 1.0, 3.3, 3.25)


def coverage_findings(
    record: MatterRecord,
    as_of: date,
    group_of: GroupLookup | None,
    calendar: HolidayCalendar = FEDERAL,
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """The findings for every party row (as of ``as_of``) and every activity (its own date)."""
    facts = MatterFacts.of(record, calendar)
    lookup = group_of or no_groups
    parties = party_rows(facts, as_of, lookup) if record.items else []
    return findings(parties), findings(activity_rows(facts, as_of, lookup))


def findings(rows: Iterable[Plain]) -> tuple[Finding, ...]:
    """Plain coverage rows as findings, in order."""
    return tuple(finding(row) for row in rows)


def finding(row: Plain) -> Finding:
    """One plain coverage row as the memo prints it."""
    return Finding(
        subject=row_subject(row),
        answer=Answer(row["answer"]),
        as_of=row_as_of(row),
        basis=row["basis"],
        summary=summary_line(row),
        factors=factor_table(row["factors"]),
        missing=tuple(row["missing"]),
        caveats=tuple(c for c in row["caveats"] if c != PART_744_CAVEAT),
    )


def factor_table(factors: Sequence[Plain]) -> Table:
    """The factors of one answer: dimension, result in words, detail and source.

    A result other than "Pass" is set in bold, so a failing or unknown dimension stands out.
    """
    return Table(
        FACTOR_COLUMNS,
        tuple(
            (f["dimension"], Outcome(f["outcome"]).label, f["detail"], f["source"] or "—")
            for f in factors
        ),
        FACTOR_WIDTHS,
        empty="No factors recorded.",
        bold=tuple((n, 1) for n, f in enumerate(factors) if f["outcome"] != Outcome.PASS.value),
    )


def coverage_section(
    activities: Table, parties: tuple[Finding, ...], acts: tuple[Finding, ...], as_of: date
) -> Section:
    """The "Activities and their coverage" section: the activities, then every answer."""
    return Section(
        "Activities and their coverage",
        (f"Every answer below leaves one question to counsel, printed once here: {SHARED}.",),
        (("Activities", activities),),
        findings=(
            (f"Coverage of each party as of {as_of.isoformat()}", parties),
            ("Coverage of each activity", acts),
        ),
    )
