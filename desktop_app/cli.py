"""The command line (ARCHITECTURE §5): parse, open the library, call services, print.

Exit codes: 0 ok, 1 a bug, 2 bad input, 3 a library problem. ``--json`` prints one JSON
document on stdout. The GUI is imported only by the commands that need it.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sqlite3
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app import __version__, textout
from desktop_app.core.documents import Outcome
from desktop_app.core.present import record_view, summary_view
from desktop_app.core.search_query import KIND_OF_ENTITY, KINDS, SearchFilters, parse_query
from desktop_app.core.serialize import to_plain
from desktop_app.core.text import visible as printable
from desktop_app.core.validation import FIRST_YEAR, LAST_YEAR, parse_date
from desktop_app.errors import (
    EXIT_BAD_INPUT,
    EXIT_LIBRARY,
    EXIT_OK,
    EXIT_PROBLEM,
    LibraryLockedError,
    UserError,
    ValidationError,
)
from desktop_app.logs import setup_logging
from desktop_app.paths import LibraryPaths, resolve_data_dir
from desktop_app.storage import queries
from desktop_app.storage.errors import user_error
from desktop_app.storage.library import Library

log = logging.getLogger(__name__)
MAX_DAYS = 3650
MAX_RESULTS = 10_000
Handler = Callable[[argparse.Namespace, LibraryPaths], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command and return its exit code."""
    args = build_parser().parse_args(argv)
    paths = LibraryPaths(resolve_data_dir(args.data_dir))
    handler: Handler = args.handler
    try:
        setup_logging(paths)
        return handler(args, paths)
    except UserError as exc:
        print(f"compliance-desk: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except sqlite3.Error as exc:
        known = user_error(exc, paths.database)
        if known is None:
            raise
        print(f"compliance-desk: {known.message}", file=sys.stderr)
        return known.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``| head``): not an error, nothing more to say.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception:
        log.exception("unexpected error in %s", args.command)
        print(
            "compliance-desk: an unexpected error occurred; details are in the log "
            f"folder {paths.logs}.",
            file=sys.stderr,
        )
        return EXIT_PROBLEM


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(prog="compliance-desk", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"compliance-desk {__version__}")
    parser.add_argument("--data-dir", help="the library folder (default: per-user data folder)")
    parser.set_defaults(handler=run_gui, command="gui")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add(sub, "gui", run_gui, "open the window (the default)")
    _add(sub, "sample", run_sample, "add the illustrative sample matters")
    _add(sub, "cases", run_cases, "list the matters", json_flag=True)
    show = _add(sub, "show", run_show, "print one matter whole", json_flag=True)
    show.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    show.add_argument(
        "--as-of",
        type=_iso_day,
        default=None,
        metavar="DATE",
        help="the day to compute due dates and coverage for (default: today)",
    )
    agenda = _add(sub, "agenda", run_agenda, "what is overdue and due soon", json_flag=True)
    agenda.add_argument(
        "--as-of",
        type=_iso_day,
        default=None,
        metavar="DATE",
        help="the day to read the agenda for (default: today)",
    )
    agenda.add_argument("--days", type=int, default=30, help="how far ahead to look (30)")
    imp = _add(sub, "import", run_import, "file documents on a matter", json_flag=True)
    imp.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    imp.add_argument("paths", metavar="PATH", nargs="+", type=Path, help="files or folders")
    memo = _add(sub, "memo", run_memo, "print a matter memo to a PDF file")
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
    paper = _add(sub, "paper", run_paper, "show or set the paper memos are printed on")
    paper.add_argument("size", nargs="?", choices=("letter", "a4"), help="letter or a4")
    report = _add(sub, "report", run_report, "print a report to a PDF file")
    report.add_argument(
        "which",
        choices=("docket", "conditions"),
        help="which report: docket (every matter) or conditions (every matter's conditions)",
    )
    report.add_argument("-o", "--out", type=Path, metavar="OUT.pdf", help="where to write it")
    report.add_argument(
        "--as-of",
        type=_iso_day,
        default=None,
        metavar="DATE",
        help="the day the report speaks as of (default: today)",
    )
    _add_search(sub)
    shot = _add(sub, "screenshot", run_screenshot, "draw the window into a PNG file")
    shot.add_argument("out", metavar="OUT.png", type=Path)
    shot.add_argument("--case", help="open this matter's workspace")
    shot.add_argument(
        "--view",
        default="docket",
        help="agenda, docket, or a matter tab (overview, parties, items, activities, "
        "correspondence, determinations, conditions, history)",
    )
    return parser


def _add(
    sub: Any, name: str, handler: Handler, help_text: str, json_flag: bool = False
) -> argparse.ArgumentParser:
    cmd: argparse.ArgumentParser = sub.add_parser(name, help=help_text, description=help_text)
    cmd.set_defaults(handler=handler, command=name)
    if json_flag:
        cmd.add_argument("--json", action="store_true", help="print one JSON document")
    return cmd


def open_for_reading(paths: LibraryPaths) -> Library:
    """Open a library to read it, read-only when another process is writing to it.

    As the writer when free, so a new library is created and an old one upgraded.
    """
    try:
        library = Library.open(paths, write=True)
    except LibraryLockedError:
        if not paths.database.exists():
            raise
        library = Library.open(paths, write=False)
    if library.problem:
        print(
            f"compliance-desk: warning: library opened read-only: {library.problem}",
            file=sys.stderr,
        )
    return library


def run_sample(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Add the sample matters not yet present."""
    from desktop_app.samples import add_sample_matters  # noqa: PLC0415 - readers on demand

    library = Library.open(paths, write=True)
    try:
        added = add_sample_matters(library)
    finally:
        library.close()
    for matter in added:
        print(f"added {matter.number}  {matter.title}")
    if not added:
        print("the sample matters are already in the library")
    return EXIT_OK


def run_cases(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """List every matter."""
    library = open_for_reading(paths)
    try:
        rows = queries.docket(library.db)
    finally:
        library.close()
    if args.json:
        _print_json([summary_view(s) for s in rows])
    else:
        print(textout.docket_table(rows))
    return EXIT_OK


def run_show(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print one matter with its parties, items, activities and notes."""
    library = open_for_reading(paths)
    try:
        record = queries.matter_record(library.db, queries.matter_by_number(library.db, args.case))
    finally:
        library.close()
    as_of = args.as_of or date.today()
    from desktop_app.core.present_decisions import decisions_view  # noqa: PLC0415 - rules load
    from desktop_app.reference.country_groups import groups_of  # noqa: PLC0415 - on demand

    view = {**record_view(record), **decisions_view(record, as_of, groups_of)}
    if args.json:
        _print_json(view)
    else:
        print(textout.record_text(view))
    return EXIT_OK


def run_agenda(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print what is overdue and due within --days of --as-of, across every matter."""
    if not 0 <= args.days <= MAX_DAYS:
        raise ValidationError({"days": f"--days is a number from 0 to {MAX_DAYS}."})
    library = open_for_reading(paths)
    try:
        facts = queries.library_facts(library.db)
    finally:
        library.close()
    from desktop_app.core.agenda import agenda  # noqa: PLC0415 - the rules load on demand

    rows = agenda(facts, args.as_of or date.today(), args.days)
    if args.json:
        _print_json([to_plain(r) for r in rows])
    else:
        print(textout.agenda_text(rows))
    return EXIT_OK


def _add_search(sub: Any) -> None:
    find = _add(sub, "search", run_search, "find words in records and documents", json_flag=True)
    find.add_argument(
        "query",
        metavar="QUERY",
        help='words (all must match), "a phrase", prefix*, a OR b, -excluded',
    )
    find.add_argument("--case", help="only this matter")
    find.add_argument("--kind", choices=sorted(KINDS), help="only this kind of record")
    find.add_argument(
        "--from", dest="date_from", type=_iso_day, metavar="DATE", help="dated on or after"
    )
    find.add_argument("--to", dest="date_to", type=_iso_day, metavar="DATE", help="dated up to")
    find.add_argument(
        "--direction", choices=("incoming", "outgoing", "internal"), help="documents sent so"
    )
    find.add_argument("--limit", type=int, default=50, help="at most this many results (50)")
    find.add_argument(
        "--literal", action="store_true", help="match every term as a substring, like LIKE"
    )


def run_search(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print the records and documents that match QUERY, best first, with a snippet each."""
    from desktop_app.storage.search import search  # noqa: PLC0415 - only when searching

    if not 1 <= args.limit <= MAX_RESULTS:
        raise ValidationError({"limit": f"--limit is a number from 1 to {MAX_RESULTS}."})
    library = open_for_reading(paths)
    try:
        matter_id = queries.matter_by_number(library.db, args.case).id if args.case else None
        filters = SearchFilters(
            matter_id=matter_id,
            entity=KINDS.get(args.kind or "", ""),
            date_from=args.date_from.isoformat() if args.date_from else "",
            date_to=args.date_to.isoformat() if args.date_to else "",
            direction=args.direction or "",
        )
        query = parse_query(args.query)
        hits = search(library.db, query, filters, args.limit, literal=args.literal)
    finally:
        library.close()
    if args.json:
        _print_json([{**to_plain(h), "kind": KIND_OF_ENTITY[h.entity]} for h in hits])
    else:
        print(textout.search_text(hits))
    return EXIT_OK


def _iso_day(text: str) -> date:
    try:
        return parse_date(text, "date") or date.today()
    except ValidationError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date like 2026-12-31 (years {FIRST_YEAR}–{LAST_YEAR})"
        ) from None


def run_import(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """File documents on a matter; one outcome per file; exit 2 if any was quarantined."""
    from desktop_app.importing import import_files  # noqa: PLC0415 - readers load on demand

    library = Library.open(paths, write=True)
    try:
        outcomes = import_files(
            library, args.case, args.paths, getpass.getuser(), _terminal_progress()
        )
    finally:
        library.close()
    if args.json:
        _print_json([to_plain(o) for o in outcomes])
    else:
        print(textout.outcomes_text(outcomes))
    if any(o.outcome is Outcome.FAILED for o in outcomes):
        return EXIT_LIBRARY
    refused = any(o.outcome is Outcome.QUARANTINED for o in outcomes)
    return EXIT_BAD_INPUT if refused else EXIT_OK


def _terminal_progress() -> Callable[[int, int, str], None]:
    if not sys.stderr.isatty():
        return lambda _done, _total, _name: None

    def show(done: int, total: int, name: str) -> None:
        end = "\n" if done >= total else ""
        print(f"\r[{done}/{total}] {printable(name)[:60]:<60}", end=end, file=sys.stderr)

    return show


def run_memo(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Write one matter's memo (or its conditions status report) as a PDF."""
    from desktop_app.reports.make import matter_memo_pdf  # noqa: PLC0415 - reportlab on demand
    from desktop_app.samples import issue_memo  # noqa: PLC0415 - readers on demand

    library = Library.open(paths, write=True) if args.issue else open_for_reading(paths)
    try:
        number, pdf = matter_memo_pdf(
            library.db, args.case, date.today(), kind=args.kind, version=args.draft
        )
        suffix = "memo" if args.kind == "case" else "conditions"
        if args.issue:
            issued = issue_memo(library, number, f"{number}-{suffix}.pdf", pdf, getpass.getuser())
            print(f"issued as document {issued.document_id} (SHA-256 {issued.sha256})")
    finally:
        library.close()
    return _write_pdf(pdf, args.out or Path(f"{number}-{suffix}.pdf"))


def run_paper(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print the library's paper size, or set it when one is named."""
    from desktop_app.core.memos import MemoService, Paper  # noqa: PLC0415 - only here

    if args.size:
        library = Library.open(paths, write=True)
        try:
            MemoService(library, getpass.getuser()).set_paper(Paper(args.size))
        finally:
            library.close()
    library = open_for_reading(paths)
    try:
        print(queries.paper(library.db).value)
    finally:
        library.close()
    return EXIT_OK


def run_report(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Write the docket report or the all-matters conditions report as a PDF."""
    from desktop_app.reports.make import docket_pdf  # noqa: PLC0415 - reportlab on demand
    from desktop_app.reports.make_conditions import conditions_pdf  # noqa: PLC0415

    as_of = args.as_of or date.today()
    library = open_for_reading(paths)
    try:
        make = conditions_pdf if args.which == "conditions" else docket_pdf
        pdf = make(library.db, as_of)
    finally:
        library.close()
    return _write_pdf(pdf, args.out or Path(f"{args.which}-report.pdf"))


def _write_pdf(pdf: bytes, out: Path) -> int:
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(out)
    return EXIT_OK


def run_gui(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Open the window."""
    from desktop_app.gui.app import run_app  # noqa: PLC0415 - Qt loads only for the window

    return run_app(paths)


def run_screenshot(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Render the window offscreen into a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is first imported
    from desktop_app.gui.screenshot import take_screenshot  # noqa: PLC0415 - Qt on demand

    take_screenshot(paths, args.out, case=args.case, view=args.view)
    print(f"wrote {args.out}")
    return EXIT_OK


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")
