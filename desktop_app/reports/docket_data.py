"""What the docket report says: every matter, its status and its next deadlines (pure data)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date

from desktop_app.core.agenda import AgendaRow
from desktop_app.core.models import MatterSummary
from desktop_app.core.report_request import CC, SENDER, TO
from desktop_app.core.text import cut_at_word
from desktop_app.reports.model import Header, Memo, Section, Table

LEGEND = "Confidential — for the compliance committee"
DEADLINES_SHOWN = 3


def docket_report(
    summaries: Sequence[MatterSummary],
    as_of: date,
    audit_head: tuple[int, str],
    generated_at: str,
    *,
    deadlines: Sequence[AgendaRow] = (),
    sender: str = SENDER,
    to: str = TO,
    cc: str = CC,
) -> Memo:
    """The docket report: one row per matter with its next deadlines from the agenda."""
    by_matter: dict[int, list[AgendaRow]] = defaultdict(list)
    for row in sorted(deadlines, key=lambda r: (r.due, r.title)):
        by_matter[row.matter_id].append(row)
    rows = []
    for summary in summaries:
        m = summary.matter
        due = by_matter.get(m.id, [])[:DEADLINES_SHOWN]
        rows.append(
            (
                m.number,
                m.title,
                m.kind.label,
                m.status.label,
                m.counsel or "—",
                "\n".join(f"{r.due.isoformat()} {r.state}: {_short(r.title)}" for r in due) or "—",
            )
        )
    table = Table(
        ("Matter", "Title", "Kind", "Status", "Counsel", "Next deadlines"),
        tuple(rows),
        (1.45, 2.4, 1.3, 1.0, 1.2, 2.65),
        empty="No matters in the library.",
    )
    seq, digest = audit_head
    header = Header(
        to=to,
        sender=sender,
        cc=cc or "—",
        date=as_of.isoformat(),
        re=f"Docket report as of {as_of.isoformat()} ({len(summaries)} matters)",
        matter_number="All matters",
    )
    return Memo(
        title=f"Docket report as of {as_of.isoformat()}",
        subject="Export-control docket",
        author=sender,
        header=header,
        legend=LEGEND,
        sections=(
            Section("Matters", (), (("", table),)),
            Section(
                "Audit-chain head",
                (f"Audit entry {seq}, hash {digest or '—'}.", f"Generated {generated_at}."),
            ),
        ),
        running_head="Docket report",
        heading="DOCKET REPORT",
    )


def _short(text: str, limit: int = 70) -> str:
    """A one-glance form of a long deadline title."""
    return cut_at_word(text, limit)
