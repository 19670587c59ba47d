"""The memo's list of withdrawn records (pure): what counsel withdrew, when and why.

The memo's other sections read only the records in force (`core.in_force`); this one says
what was left out of them, so a withdrawn license or letter never silently disappears from the
file (15 CFR 762.2, 762.6: the records are kept).
"""

from __future__ import annotations

from desktop_app.core.in_force import WithdrawnRecord
from desktop_app.reports.model import Section, Table

NOTE = (
    "These records are kept in the library, marked withdrawn; nothing above relies on them "
    "(coverage, the clock, the conditions and the chronology leave them out)."
)


def withdrawn_section(records: tuple[WithdrawnRecord, ...]) -> Section:
    """Each withdrawn record with the day and the reason; a line saying none when none."""
    if not records:
        return Section("Withdrawn records", ("No record on this matter has been withdrawn.",))
    rows = tuple(
        (f"{r.kind.capitalize()} #{r.record_id}: {r.name}", r.on.isoformat(), r.reason)
        for r in records
    )
    table = Table(("Record", "Withdrawn on", "Reason"), rows, (3.0, 1.2, 4.6))
    return Section("Withdrawn records", (NOTE,), (("", table),))
