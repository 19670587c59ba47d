"""What counsel ask for when they print a library-wide report: which one, as of when, to whom.

The docket report and the all-matters conditions report carry a memo header like any memo; the
To, From and CC lines are counsel's to set (the committee's name, who signs, who is copied).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from desktop_app.core.people import Person
from desktop_app.core.validation import Errors, text_errors

REPORTS = {"docket": "Docket report", "conditions": "Conditions status report"}
TO = "Compliance Committee"
SENDER = "Export Control Counsel"
CC = "General Counsel"


@dataclass(frozen=True)
class ReportRequest:
    """One report to print: ``which`` (a key of REPORTS), its day and its header lines."""

    which: str
    as_of: date
    to: str = TO
    sender: str = SENDER
    cc: str = CC


def default_sender(person: Person | None) -> str:
    """The From line for a person: "Name, Title", their name alone, or the office's name."""
    if person is None or not person.name.strip():
        return SENDER
    title = person.title.strip()
    return f"{person.name.strip()}, {title}" if title else person.name.strip()


def request_errors(request: ReportRequest) -> Errors:
    """Name every field the report cannot be printed with."""
    errors = text_errors(request)
    if request.which not in REPORTS:
        errors["which"] = f"unknown report {request.which!r}: docket or conditions"
    for name, label in (("to", "To"), ("sender", "From")):
        if not getattr(request, name).strip():
            errors[name] = f"{label} is required: the report's header names it"
    return errors
