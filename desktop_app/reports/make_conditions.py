"""Read every matter from the library and print the all-matters conditions status report."""

from __future__ import annotations

from datetime import date

from desktop_app.reports.conditions_data import conditions_report
from desktop_app.reports.make import now_text
from desktop_app.reports.render import build
from desktop_app.storage.reads import Reads


def conditions_pdf(reads: Reads, as_of: date, invariant: bool = False) -> bytes:
    """The conditions status report of every matter in the library, as PDF bytes."""
    records = [reads.record(s.matter) for s in reads.docket()]
    memo = conditions_report(records, as_of, reads.audit_head(), now_text())
    return build(memo, invariant=invariant)
