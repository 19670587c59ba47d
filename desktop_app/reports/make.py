"""Read what a memo or report needs from the library and the reference data, then render it.

The one impure step: the library, the clock and the shipped reference editions are read here and
handed to the pure data functions, so :mod:`memo_data` and :mod:`docket_data` stay testable.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from desktop_app.core.agenda import agenda
from desktop_app.core.chronology_limit import NO_LIMIT, ChronologyLimit
from desktop_app.core.report_request import ReportRequest
from desktop_app.reference.ccl import load_ccl
from desktop_app.reference.country_groups import groups_of, load_country_groups
from desktop_app.reports.docket_data import docket_report
from desktop_app.reports.memo_data import case_memo
from desktop_app.reports.render import Progress, build
from desktop_app.storage.reads import Reads

DEADLINE_DAYS = 90


def now_text() -> str:
    """The generation time, UTC to the second."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def editions() -> tuple[tuple[str, str], ...]:
    """The reference-data editions a memo relies on, as (name, edition and citation)."""
    ccl, groups = load_ccl(), load_country_groups()
    return (
        ("Commerce Control List", f"eCFR issue of {ccl.edition} ({ccl.citation})"),
        ("Country Groups", f"eCFR issue of {groups.edition} ({groups.citation})"),
    )


def matter_memo_pdf(
    reads: Reads,
    number: str,
    as_of: date,
    *,
    kind: str = "case",
    invariant: bool = False,
    version: int | None = None,
    progress: Progress | None = None,
    issued: bool = False,
    limit: ChronologyLimit = NO_LIMIT,
    account: str = "",
) -> tuple[str, bytes]:
    """The matter's number and its memo (or conditions report) as PDF bytes.

    The memo says what draft ``version`` says (the latest saved by default) and is laid out on
    the library's paper; every page says DRAFT, or ISSUED when ``issued``. Its sender signs it,
    with the title they gave in Preferences; ``limit`` keeps the chronology to the documents
    counsel chose; ``account`` is who builds it (the sender when none is recorded).
    """
    matter = reads.matter(number)
    draft = reads.memo_draft(matter, version)
    record = reads.record(matter)
    head = reads.audit_head()
    memo = case_memo(
        record,
        as_of,
        head,
        now_text(),
        groups_of,
        editions=editions(),
        kind=kind,
        draft=draft,
        calendar=reads.holiday_calendar(),
        list_editions={e.id: e.published for e in reads.editions()},
        issued=issued,
        people=tuple(reads.people().values()),
        limit=limit,
        builder=account,
    )
    return matter.number, build(memo, invariant, reads.paper().value, progress)


def docket_pdf(
    reads: Reads, as_of: date, invariant: bool = False, request: ReportRequest | None = None
) -> bytes:
    """The docket report as PDF bytes; ``request`` gives the header's To, From and CC."""
    rows = agenda(reads.library_facts(), as_of, DEADLINE_DAYS)
    asked = request or ReportRequest("docket", as_of)
    memo = docket_report(
        reads.docket(),
        as_of,
        reads.audit_head(),
        now_text(),
        deadlines=rows,
        sender=asked.sender,
        to=asked.to,
        cc=asked.cc,
    )
    return build(memo, invariant, reads.paper().value)
