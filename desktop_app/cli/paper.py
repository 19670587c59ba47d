"""What goes on paper: ``memo``, ``paper`` (the page size) and ``report``."""

from __future__ import annotations

import argparse
import getpass
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app.cli.common import add_command, iso_day, write_pdf
from desktop_app.cli.opening import open_for_reading, open_for_writing
from desktop_app.core.chronology_limit import ChronologyLimit, limit_errors
from desktop_app.core.documents import DocumentKind
from desktop_app.core.models import MatterRecord
from desktop_app.core.report_request import (
    CC,
    TO,
    ReportRequest,
    default_sender,
    request_errors,
)
from desktop_app.core.validation import check
from desktop_app.core.withdrawal import in_force
from desktop_app.errors import EXIT_OK
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register ``memo``, ``paper`` and ``report``."""
    memo = add_command(sub, "memo", run_memo, "print a matter memo to a PDF file")
    memo.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    memo.add_argument(
        "--kind",
        choices=("case", "conditions"),
        default="case",
        help="the whole memo (case) or the conditions status report (conditions)",
    )
    memo.add_argument("-o", "--out", type=Path, metavar="OUT.pdf", help="where to write it")
    memo.add_argument(
        "--issue",
        action="store_true",
        help="also file the PDF on the matter as an outgoing memo (each issue a new version)",
    )
    memo.add_argument(
        "--draft", type=int, metavar="N", help="print draft version N (default: the latest)"
    )
    memo.add_argument(
        "--chronology-from", type=iso_day, metavar="DATE", help="list documents dated from DATE"
    )
    memo.add_argument(
        "--chronology-to", type=iso_day, metavar="DATE", help="list documents dated up to DATE"
    )
    memo.add_argument(
        "--chronology-kinds",
        type=document_kinds,
        default=(),
        metavar="KIND,…",
        help="list only these kinds of document: "
        + ", ".join(k.value for k in DocumentKind)
        + " (the memo says what it left out)",
    )
    paper = add_command(sub, "paper", run_paper, "show or set the paper memos are printed on")
    paper.add_argument("size", nargs="?", choices=("letter", "a4"), help="letter or a4")
    report = add_command(sub, "report", run_report, "print a report to a PDF file")
    report.add_argument(
        "which",
        choices=("docket", "conditions"),
        help="which report: docket (every matter) or conditions (every matter's conditions)",
    )
    report.add_argument("-o", "--out", type=Path, metavar="OUT.pdf", help="where to write it")
    report.add_argument(
        "--as-of",
        type=iso_day,
        default=None,
        metavar="DATE",
        help="the day the report speaks as of (default: today)",
    )
    report.add_argument("--to", default=TO, help=f"the header's To line (default: {TO})")
    report.add_argument(
        "--from",
        dest="sender",
        default=None,
        help="the header's From line (default: your name and title, else the office's name)",
    )
    report.add_argument("--cc", default=CC, help=f"the header's CC line (default: {CC})")


def run_memo(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Write one matter's memo (or its conditions status report) as a PDF."""
    from desktop_app.reports.make import matter_memo_pdf  # noqa: PLC0415 - reportlab on demand
    from desktop_app.samples import issue_memo  # noqa: PLC0415 - readers on demand

    limit = ChronologyLimit(args.chronology_from, args.chronology_to, args.chronology_kinds)
    check(limit_errors(limit))
    library = open_for_writing(paths) if args.issue else open_for_reading(paths)
    try:
        head = library.reads.audit_head()
        number, pdf = matter_memo_pdf(
            library.reads,
            args.case,
            date.today(),
            kind=args.kind,
            version=args.draft,
            issued=args.issue,
            limit=limit,
            account=getpass.getuser(),
        )
        suffix = "memo" if args.kind == "case" else "conditions"
        out = args.out or Path(f"{number}-{suffix}.pdf")
        write_pdf(pdf, out)  # first: a bad -o issues none
        library.publish(head, f"the {suffix} of {number} written to {out.absolute()}")
        if args.issue:
            issued = issue_memo(library, number, f"{number}-{suffix}.pdf", pdf, getpass.getuser())
            print(f"issued as document {issued.document_id} (SHA-256 {issued.sha256})")
        else:
            _point_to_issued(library.reads.record_of(number))
    finally:
        library.close()
    return EXIT_OK


def _point_to_issued(record: MatterRecord) -> None:
    """Say that the PDF is a draft, and where the memo last issued is, when there is one."""
    issued = [d for d in in_force(record.documents) if d.kind is DocumentKind.MEMO]
    if issued:
        last = issued[-1]
        print(
            f"this is a DRAFT; the memo last issued is document {last.id} ({last.filename}): "
            f"compliance-desk original {record.matter.number} {last.id} -o FILE"
        )


def document_kinds(text: str) -> tuple[DocumentKind, ...]:
    """Kinds of document written ``letter,email``, for argparse's ``type=``."""
    kinds = []
    for part in (p.strip() for p in text.split(",")):
        try:
            kinds.append(DocumentKind(part.lower()))
        except ValueError:
            known = ", ".join(k.value for k in DocumentKind)
            raise argparse.ArgumentTypeError(f"{part!r} is no kind of document: {known}") from None
    return tuple(dict.fromkeys(kinds))


def run_paper(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print the library's paper size, or set it when one is named."""
    from desktop_app.core.memos import MemoService, Paper  # noqa: PLC0415 - only here

    if args.size:
        library = open_for_writing(paths)
        try:
            MemoService(library, getpass.getuser()).set_paper(Paper(args.size))
        finally:
            library.close()
    library = open_for_reading(paths)
    try:
        print(library.reads.paper().value)
    finally:
        library.close()
    return EXIT_OK


def run_report(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Write the docket report or the all-matters conditions report as a PDF."""
    from desktop_app.reports.make_conditions import report_pdf  # noqa: PLC0415 - reportlab

    library = open_for_reading(paths)
    try:
        me = library.reads.people().get(getpass.getuser())
        sender = default_sender(me) if args.sender is None else args.sender
        request = ReportRequest(args.which, args.as_of or date.today(), args.to, sender, args.cc)
        check(request_errors(request))
        head = library.reads.audit_head()
        pdf = report_pdf(library.reads, request)
        out = args.out or Path(f"{args.which}-report.pdf")
        code = write_pdf(pdf, out)
        library.publish(head, f"the {args.which} report written to {out.absolute()}")
    finally:
        library.close()
    return code
