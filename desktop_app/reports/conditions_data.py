"""What the all-matters conditions report says: each matter's conditions and their status (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from desktop_app.core.in_force import record_in_force
from desktop_app.core.models import MatterRecord
from desktop_app.core.present_decisions import conditions_view
from desktop_app.core.report_request import CC, SENDER, TO
from desktop_app.core.serialize import to_plain
from desktop_app.reports.conditions_table import NONE, conditions_table
from desktop_app.reports.model import Header, Memo, Section

LEGEND = "Confidential — for the compliance committee"


def conditions_report(
    records: Sequence[MatterRecord],
    as_of: date,
    audit_head: tuple[int, str],
    generated_at: str,
    *,
    sender: str = SENDER,
    to: str = TO,
    cc: str = CC,
) -> Memo:
    """One section per matter listing every condition: status, owner, next due, standing.

    Withdrawn conditions, licenses and letters are left out (`core.in_force`).
    """
    records = [record_in_force(r) for r in records]
    sections = tuple(
        Section(
            f"{r.matter.number} — {r.matter.title}",
            (),
            (("", conditions_table(_decided(r, as_of))),),
        )
        for r in records
    )
    seq, digest = audit_head
    count = sum(len(r.decisions.conditions) for r in records)
    header = Header(
        to=to,
        sender=sender,
        cc=cc or NONE,
        date=as_of.isoformat(),
        re=f"Conditions as of {as_of.isoformat()} ({len(records)} matters, {count} conditions)",
        matter_number="All matters",
    )
    audit = Section(
        "Audit-chain head",
        (f"Audit entry {seq}, hash {digest or NONE}.", f"Generated {generated_at}."),
    )
    return Memo(
        title=f"Conditions status report as of {as_of.isoformat()}",
        subject="Export-control conditions",
        author=sender,
        header=header,
        legend=LEGEND,
        sections=(*sections, audit) if sections else (Section("Matters", ("No matters.",)), audit),
        running_head="Conditions report",
        heading="CONDITIONS STATUS REPORT",
    )


def _decided(record: MatterRecord, as_of: date) -> dict[str, Any]:
    """What the conditions table reads: each condition with its standing, licenses, letters."""
    found = record.decisions
    return {
        "conditions": conditions_view(record, as_of),
        "licenses": [to_plain(x) for x in found.licenses],
        "letters": [to_plain(x) for x in found.letters],
    }
