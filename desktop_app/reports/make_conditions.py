"""Read every matter from the library and print the all-matters conditions status report."""

from __future__ import annotations

from datetime import date

from desktop_app.core.report_request import ReportRequest
from desktop_app.reports.conditions_data import conditions_report
from desktop_app.reports.make import docket_pdf, now_text
from desktop_app.reports.render import build
from desktop_app.storage.reads import Reads


def conditions_pdf(
    reads: Reads, as_of: date, invariant: bool = False, request: ReportRequest | None = None
) -> bytes:
    """The conditions status report of every matter in the library, as PDF bytes.

    ``request`` gives the header's To, From and CC (the defaults without one).
    """
    records = [reads.record(s.matter) for s in reads.docket()]
    asked = request or ReportRequest("conditions", as_of)
    memo = conditions_report(
        records,
        as_of,
        reads.audit_head(),
        now_text(),
        sender=asked.sender,
        to=asked.to,
        cc=asked.cc,
    )
    return build(memo, invariant=invariant, paper=reads.paper().value)


def report_pdf(reads: Reads, request: ReportRequest, invariant: bool = False) -> bytes:
    """The report ``request`` asks for, as PDF bytes."""
    make = conditions_pdf if request.which == "conditions" else docket_pdf
    return make(reads, request.as_of, invariant, request)
