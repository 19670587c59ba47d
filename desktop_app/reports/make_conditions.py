"""Read every matter from the library and print the all-matters conditions status report."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from desktop_app.reports.conditions_data import conditions_report
from desktop_app.reports.make import now_text
from desktop_app.reports.render import build
from desktop_app.storage import queries


def conditions_pdf(db: Database, as_of: date, invariant: bool = False) -> bytes:
    """The conditions status report of every matter in the library, as PDF bytes."""
    records = [queries.matter_record(db, s.matter) for s in queries.docket(db)]
    memo = conditions_report(records, as_of, queries.audit_head(db), now_text())
    return build(memo, invariant=invariant)
