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
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from desktop_app import __version__, textout
from desktop_app.cli_annex import add_annex_command
from desktop_app.cli_coverage import add_coverage_command
from desktop_app.cli_holidays import add_holidays_command
from desktop_app.cli_matter_file import add_matter_file_commands
from desktop_app.core.documents import Outcome
from desktop_app.core.present import record_view, summary_view
from desktop_app.core.retention import LegalHold, RetentionTrigger, TriggerKind, hold_names
from desktop_app.core.retention_service import RetentionService
from desktop_app.core.retention_state import RetentionState, counted, retention_view
from desktop_app.core.search_query import (
    KIND_OF_ENTITY,
    KINDS,
    Query,
    SearchFilters,
    parse_literal,
    parse_query,
)
from desktop_app.core.serialize import to_plain
from desktop_app.core.text import visible as printable
from desktop_app.core.validation import FIRST_YEAR, LAST_YEAR, parse_date
from desktop_app.errors import (
    EXIT_BAD_INPUT,
    EXIT_FOUND,
    EXIT_LIBRARY,
    EXIT_OK,
    EXIT_PROBLEM,
    ConfirmationNeededError,
    LibraryDamagedError,
    LibraryError,
    LibraryLockedError,
    TrashedMatterError,
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
    args = _parse(build_parser(), argv)
    try:
        paths = LibraryPaths(resolve_data_dir(args.data_dir, portable=args.portable))
    except UserError as exc:
        print(f"compliance-desk: {exc.message}", file=sys.stderr)
        return exc.exit_code
    try:
        code = _run(args, paths)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`export CASE | head`): what is left of the output goes nowhere.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    return code


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """The parsed command line; for ``search``, a word like ``-draft`` is an exclusion.

    argparse reads ``-draft`` as an option it does not know; for a search it is a query word.
    """
    args, extra = parser.parse_known_args(argv)
    if extra and getattr(args, "handler", None) is run_search and all(_excluding(e) for e in extra):
        args.query = [*args.query, *extra]
    elif extra:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def _excluding(word: str) -> bool:
    return word.startswith("-") and not word.startswith("--") and len(word) > 1


def _refused(args: argparse.Namespace, error: UserError) -> int:
    """Say why on standard error and, for ``--json``, as JSON on standard output too."""
    print(f"compliance-desk: {error.message}", file=sys.stderr)
    if getattr(args, "json", False):
        print(json.dumps({"error": error.message, "exit_code": error.exit_code}))
    return error.exit_code


def _run(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Run the parsed command on the library in ``paths``; errors become exit codes."""
    handler: Handler = args.handler
    try:
        setup_logging(paths)
        return handler(args, paths)
    except UserError as exc:
        return _refused(args, exc)
    except sqlite3.Error as exc:
        known = user_error(exc, paths.database)
        if known is None:
            raise
        return _refused(args, known)
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
    parser.add_argument(
        "--portable",
        action="store_true",
        help="keep the library in data/ beside the packaged program (as portable.txt there does)",
    )
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
    add_coverage_command(sub, _iso_day)
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
    add_holidays_command(sub)
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
    add_annex_command(sub)
    add_matter_file_commands(sub)
    _add_search(sub)
    _add_backup(sub)
    _add_retention(sub)
    check = _add(sub, "verify", run_verify, "check the library whole (read-only)", json_flag=True)
    check.add_argument("-o", "--out", type=Path, metavar="REPORT.txt", help="also save the report")
    shot = _add(sub, "screenshot", run_screenshot, "draw the window into a PNG file")
    shot.add_argument("out", metavar="OUT.png", type=Path)
    shot.add_argument("--case", help="open this matter's workspace")
    shot.add_argument(
        "--view",
        default="docket",
        help="agenda, docket, search, or a matter tab (overview, parties, items, activities, "
        "correspondence, determinations, conditions, memos, history)",
    )
    shot.add_argument(
        "--query", default="", help="what to type into the search box (--view search)"
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
    """Open a library to read it; read-only when it cannot be written just now.

    As the writer when free, so a new library is created and an old one upgraded. When another
    process writes, the disk is full or the volume is read-only, an existing library is read
    read-only instead (with a warning saying why); a damaged one is never opened that way here.
    """
    try:
        library = Library.open(paths, write=True)
    except LibraryDamagedError:
        raise
    except LibraryError as refused:
        if not paths.database.exists():
            raise
        library = _read_only_instead(paths, refused)
    if library.problem:
        print(
            f"compliance-desk: warning: library opened read-only: {library.problem}",
            file=sys.stderr,
        )
    _warn(library)
    return library


def _read_only_instead(paths: LibraryPaths, refused: LibraryError) -> Library:
    try:
        library = Library.open(paths, write=False)
    except LibraryError:
        raise refused from None
    if not isinstance(refused, LibraryLockedError):
        print(f"compliance-desk: warning: read-only: {refused.message}", file=sys.stderr)
    return library


def open_for_writing(paths: LibraryPaths) -> Library:
    """Open a library as its single writer, printing its warnings (location, backup) once."""
    library = Library.open(paths, write=True)
    _warn(library)
    _follow_the_clock(library)
    return library


def _follow_the_clock(library: Library) -> None:
    """Statuses that change with time (day 45 after an intent to deny) are recorded first."""
    from desktop_app.core.decisions import DecisionService  # noqa: PLC0415 - rules load

    try:
        DecisionService(library, getpass.getuser()).follow_the_clock()
    except (UserError, sqlite3.Error) as exc:
        log.warning("statuses not brought up to date: %s", type(exc).__name__)


_WARNED: set[str] = set()


def _warn(library: Library) -> None:
    for warning in library.warnings:
        if warning not in _WARNED:
            _WARNED.add(warning)
            print(f"compliance-desk: warning: {warning}", file=sys.stderr)


def run_sample(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Add the sample matters not yet present."""
    from desktop_app.samples import add_sample_matters  # noqa: PLC0415 - readers on demand

    library = open_for_writing(paths)
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
        kept = queries.retention_state(library.db, record.matter)
        calendar = queries.holiday_calendar(library.db)
    finally:
        library.close()
    as_of = args.as_of or date.today()
    from desktop_app.core.present_decisions import decisions_view  # noqa: PLC0415 - rules load
    from desktop_app.reference.country_groups import groups_of  # noqa: PLC0415 - on demand

    view = {
        **record_view(record, as_of, groups_of),
        **decisions_view(record, as_of, groups_of, calendar),
    }
    view["retention"] = retention_view(kept, as_of)
    if args.json:
        _print_json(view)
    else:
        print(textout.record_text(view))
        print("\n".join(["", "Recordkeeping:", *_retention_lines(kept, as_of)]))
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
        nargs="*",
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
        "--literal",
        action="store_true",
        help="find each argument as a substring, exactly as typed (quotes and spaces too)",
    )


def run_search(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print the records and documents that match QUERY, best first, with a snippet each."""
    from desktop_app.storage.search import search  # noqa: PLC0415 - only when searching

    if not 1 <= args.limit <= MAX_RESULTS:
        raise ValidationError({"limit": f"--limit is a number from 1 to {MAX_RESULTS}."})
    text = " ".join(args.query)
    query = parse_literal(args.query) if args.literal else parse_query(text)
    if query.empty:
        raise ValidationError({"query": _nothing_to_find(text, query)})
    library = open_for_reading(paths)
    try:
        matter_id = queries.matter_by_number(library.db, args.case).id if args.case else None
        if matter_id is not None and matter_id in queries.trashed_ids(library.db):
            raise TrashedMatterError(
                f"{args.case} is in the trash, and the trash is not searched; restore it "
                f"(untrash {args.case}) to search it."
            )
        filters = SearchFilters(
            matter_id=matter_id,
            entity=KINDS.get(args.kind or "", ""),
            date_from=args.date_from.isoformat() if args.date_from else "",
            date_to=args.date_to.isoformat() if args.date_to else "",
            direction=args.direction or "",
        )
        hits = search(library.db, query, filters, args.limit, literal=args.literal)
    finally:
        library.close()
    if args.json:
        _print_json([{**to_plain(h), "kind": KIND_OF_ENTITY[h.entity]} for h in hits])
    else:
        print(textout.search_text(hits))
    return EXIT_OK


def _nothing_to_find(text: str, query: Query) -> str:
    """Why a query finds nothing by its nature, and what to write instead."""
    if query.excluded:
        return (
            f"{text.strip()!r} only leaves words out; a search needs a word to find as well, "
            "e.g. license -draft."
        )
    return "Give a word to search for, e.g. compliance-desk search 4E091."


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

    library = open_for_writing(paths)
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
    refused = any(o.outcome in (Outcome.QUARANTINED, Outcome.NOT_READ) for o in outcomes)
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

    library = open_for_writing(paths) if args.issue else open_for_reading(paths)
    try:
        head = queries.audit_head(library.db)
        number, pdf = matter_memo_pdf(
            library.db, args.case, date.today(), kind=args.kind, version=args.draft
        )
        suffix = "memo" if args.kind == "case" else "conditions"
        out = args.out or Path(f"{number}-{suffix}.pdf")
        _write_pdf(pdf, out)  # first: a bad -o issues none
        library.publish(head, f"the {suffix} of {number} written to {out.absolute()}")
        if args.issue:
            issued = issue_memo(library, number, f"{number}-{suffix}.pdf", pdf, getpass.getuser())
            print(f"issued as document {issued.document_id} (SHA-256 {issued.sha256})")
    finally:
        library.close()
    return EXIT_OK


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


def _add_backup(sub: Any) -> None:
    backup = _add(sub, "backup", run_backup, "copy the library into a new folder", json_flag=True)
    backup.add_argument("out", metavar="OUT", type=Path, help="a new (or empty) folder")
    restore = _add(
        sub, "restore", run_restore, "check a backup whole, then restore it", json_flag=True
    )
    restore.add_argument("source", metavar="IN", type=Path, help="a folder `backup` made")
    restore.add_argument(
        "--replace",
        action="store_true",
        help="restore over a library that holds data, keeping it aside (never deleted)",
    )
    restore.add_argument(
        "--accept-unsealed",
        action="store_true",
        help="restore a sound backup whose manifest has no seal this computer can check",
    )


def run_backup(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Back up the library (safe while the window writes) and print the manifest summary."""
    from desktop_app.storage.backup import create_backup  # noqa: PLC0415 - only here

    manifest = create_backup(paths, args.out)
    out = args.out.absolute()
    if args.json:
        _print_json({"backup": str(out), **manifest.summary()})
    else:
        print(f"backup written to {out}")
        print(manifest.summary_text())
    return EXIT_OK


def run_restore(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Check the backup IN whole, then restore it into the library folder."""
    from desktop_app.storage.restore import restore  # noqa: PLC0415 - only here

    done = restore(paths, args.source, replace=args.replace, accept_unsealed=args.accept_unsealed)
    aside = str(done.kept_aside) if done.kept_aside else None
    if args.json:
        _print_json(
            {
                "restored_from": str(args.source.absolute()),
                "data_dir": str(paths.root),
                "kept_aside": aside,
                "sealed": done.sealed,
                **done.manifest.summary(),
            }
        )
    else:
        print(f"restored {args.source.absolute()} into {paths.root}")
        print(done.manifest.summary_text())
        if not done.sealed:
            print("  seal       none this computer can check (accepted: --accept-unsealed)")
        if aside:
            print(f"the library that was there is kept, unchanged, in {aside}")
    return EXIT_OK


def _add_retention(sub: Any) -> None:
    """Recordkeeping (15 CFR 762): retention events, legal holds, the trash and purge."""
    hold = _add(sub, "hold", run_hold, "show, place or release a legal hold (762.6(b))")
    hold.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    hold.add_argument("state", nargs="?", choices=("on", "off"), help="place or release a hold")
    hold.add_argument("--by", metavar="AGENCY", help="who asked for the records (on); whose off")
    hold.add_argument("--on", dest="day", type=_iso_day, metavar="DATE", help="(default: today)")
    hold.add_argument("--note", default="", help="the request, or the written authorization")
    keep = _add(sub, "retention", run_retention, "show or record the events retention runs from")
    keep.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    keep.add_argument("action", nargs="?", choices=("add", "remove"), help="add or remove one")
    keep.add_argument("what", nargs="*", metavar="KIND DATE | ID", help=_KIND_HELP)
    keep.add_argument("--note", default="", help="what the event was")
    keep.add_argument(
        "--yes", action="store_true", help="record an event dated before the matter was opened"
    )
    trash = _add(sub, "trash", run_trash, "move a matter to the trash, or list it", json_flag=True)
    trash.add_argument("case", metavar="CASE", nargs="?", help="without it: list the trash")
    trash.add_argument(
        "--no-ofac-party",
        action="store_true",
        help="confirm no party is on an OFAC list (asked within ten years, 31 CFR 501.601)",
    )
    untrash = _add(sub, "untrash", run_untrash, "restore a matter from the trash")
    untrash.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    purge = _add(sub, "purge", run_purge, "delete a trashed matter and its records for good")
    purge.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    purge.add_argument("--yes", action="store_true", help="do not ask for confirmation")


_KINDS = {
    "export": "export_date",
    "reexport": "known_reexport_transfer_transshipment_diversion",
    "termination": "other_termination_of_transaction",
    "boycott": "boycott_request_receipt",
}
_KIND_HELP = (
    "add KIND DATE, KIND one of export, reexport (known reexport, transfer, transshipment or "
    "diversion), termination (other termination of the transaction), boycott (boycott request "
    "received); remove ID"
)


@contextmanager
def _asks_for(how: str) -> Iterator[None]:
    """A question from the service becomes a refusal that says how to answer it; no change."""
    try:
        yield
    except ConfirmationNeededError as exc:
        raise UserError(f"{exc.message} Nothing was changed; add {how}.") from exc


def _retention_service(library: Library) -> RetentionService:
    return RetentionService(library, getpass.getuser(), library.blobs)


def _retention_lines(state: RetentionState, as_of: date) -> list[str]:
    until = state.retain_until(as_of)
    lines = [
        f"  retention       kept until {until.isoformat()}" + (" (ended)" if as_of > until else "")
        if until
        else f"  retention       end unknown: no event that starts it ({state.period.rule})"
    ]
    lines.append(f"  counted         {printable(counted(state, as_of))}")
    lines.extend(f"  live            {printable(why)}" for why in state.live(as_of))
    if state.on_hold:
        lines.append(f"  legal hold      ON: {printable(hold_names(state.open_holds))}")
    else:
        lines.append("  legal hold      none open")
    if state.trash is not None:
        lines.append(f"  TRASHED         {state.trash.trashed_at} (untrash restores it)")
    return lines


def run_hold(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """List a matter's holds, or place one (on --by AGENCY) or release one (off)."""
    library = open_for_writing(paths) if args.state else open_for_reading(paths)
    try:
        matter = queries.matter_by_number(library.db, args.case)
        day = args.day or date.today()
        if args.state == "on":
            if not args.by:
                raise ValidationError({"by": "Say who asked for the records: --by AGENCY."})
            held = LegalHold(matter.id, args.by, day, note=args.note)
            _retention_service(library).place_hold(held)
        elif args.state == "off":
            hold = queries.retention_state(library.db, matter).hold_to_release(args.by)
            _retention_service(library).release_hold(hold.id, day, args.note)
        state = queries.retention_state(library.db, matter)
    finally:
        library.close()
    for h in state.holds:
        until = f"released {h.released_on.isoformat()}" if h.released_on else "OPEN"
        print(f"hold {h.id}  {printable(h.requested_by)}  requested {h.requested_on}  {until}")
    print(f"{matter.number} is {'under legal hold' if state.on_hold else 'not under legal hold'}")
    if state.trash is not None:  # a hold may come while a matter waits in the trash (762.6(b))
        keeps = "the hold keeps it from being purged" if state.on_hold else "it can be purged"
        print(f"{matter.number} is in the trash; {keeps} (`untrash` restores it)")
    return EXIT_OK


def run_retention(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Show a matter's retention events and end, or add or remove one event."""
    library = open_for_writing(paths) if args.action else open_for_reading(paths)
    try:
        matter = queries.matter_by_number(library.db, args.case)
        if args.action == "add":
            if len(args.what) != 2 or args.what[0] not in _KINDS:
                raise ValidationError({"event": f"retention CASE add KIND DATE; {_KIND_HELP}."})
            day = parse_date(args.what[1], "date") or date.today()
            kind = TriggerKind(_KINDS[args.what[0]])
            event = RetentionTrigger(matter.id, kind, day, args.note)
            with _asks_for("--yes to record it"):
                _retention_service(library).add_trigger(event, confirmed=args.yes)
        elif args.action == "remove":
            if len(args.what) != 1 or not args.what[0].isdigit():
                raise ValidationError({"event": "retention CASE remove ID (the number listed)."})
            stored = queries.retention_state(library.db, matter).triggers
            if int(args.what[0]) not in {t.id for t in stored}:
                raise ValidationError({"event": f"{matter.number} has no event {args.what[0]}."})
            _retention_service(library).remove_trigger(int(args.what[0]))
        state = queries.retention_state(library.db, matter)
    finally:
        library.close()
    today = date.today()
    for t in state.events(today):
        which = f"event {t.id}" if t.id else "app    "
        by = "  (recorded by the app)" if t.by_app else ""
        line = f"{which}  {t.occurred_on}  {t.kind.label}  {printable(t.note)}".rstrip()
        print(line + by)
    until = state.retain_until(today)
    if until is None:
        print(f"{matter.number}: retention end unknown; record the event that starts it")
    else:
        ended = " (ended)" if today > until else ""
        print(f"{matter.number} kept until {until.isoformat()}{ended}")
        print(f"  {printable(counted(state, today))}")
    return EXIT_OK


def run_trash(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Move CASE to the trash; without CASE, list the matters in the trash."""
    if args.case is None:
        library = open_for_reading(paths)
        try:
            rows = queries.trashed(library.db)
        finally:
            library.close()
        if args.json:
            _print_json([summary_view(s) for s in rows])
        else:
            print(textout.docket_table(rows) if rows else "The trash is empty.")
        return EXIT_OK
    library = open_for_writing(paths)
    try:
        matter = queries.matter_by_number(library.db, args.case)
        with _asks_for("--no-ofac-party to confirm"):
            entry = _retention_service(library).trash(matter.id, no_ofac_party=args.no_ofac_party)
    finally:
        library.close()
    if args.json:
        _print_json({"number": matter.number, "trashed_at": entry.trashed_at})
    else:
        print(f"moved {matter.number} to the trash (`untrash` restores it, `purge` deletes it)")
    return EXIT_OK


def run_untrash(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Restore CASE from the trash to the docket, agenda and search."""
    library = open_for_writing(paths)
    try:
        matter = queries.matter_by_number(library.db, args.case)
        _retention_service(library).restore(matter.id)
    finally:
        library.close()
    print(f"restored {matter.number} from the trash")
    return EXIT_OK


def run_purge(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Delete a trashed matter, its records and its unshared originals, after confirmation."""
    library = open_for_writing(paths)
    try:
        matter = queries.matter_by_number(library.db, args.case)
        if not args.yes:
            _confirm_purge(matter.number)
        purged = _retention_service(library).purge(matter.id)
    finally:
        library.close()
    print(
        f"purged {matter.number}: {purged.rows} records deleted, "
        f"{len(purged.blobs_removed)} originals removed"
    )
    return EXIT_OK


def _confirm_purge(number: str) -> None:
    if not sys.stdin.isatty():
        raise UserError(
            f"purge deletes {number} and all its records for good; nothing was deleted. "
            "Run it on a terminal to confirm, or add --yes."
        )
    answer = input(f"Delete {number} and all its records for good? Type {number} to confirm: ")
    if answer.strip().upper() != number.upper():
        raise UserError(f"Not confirmed; {number} was not purged.")


def run_verify(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Check the library read-only (SQLite, originals, stray files, audit chain, records).

    Exit 0 when everything checks out, 1 when anything is wrong, 3 when it cannot be opened.
    """
    from desktop_app.core.integrity import report_lines, report_plain  # noqa: PLC0415
    from desktop_app.errors import LibraryError  # noqa: PLC0415 - only here
    from desktop_app.storage.integrity import verify_library  # noqa: PLC0415 - only here

    if not paths.database.exists():
        raise LibraryError(f"There is no library in {paths.root} to verify.")
    library = Library.open(paths, write=False)
    try:
        report = verify_library(library, _terminal_progress())
    finally:
        library.close()
    text = "\n".join(report_lines(report)) + "\n"
    if args.out is not None:
        temp = args.out.with_name(f".{args.out.name}.{os.getpid()}.tmp")
        try:
            temp.write_text(text, encoding="utf-8")
            os.replace(temp, args.out)
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise UserError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    if args.json:
        _print_json(report_plain(report))
    else:
        sys.stdout.write(text)
    return EXIT_OK if report.ok else EXIT_FOUND


def run_gui(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Open the window; without a display to show it on, say so and stop."""
    if not _has_display():
        print(
            "compliance-desk: no display found (DISPLAY and WAYLAND_DISPLAY are unset), so the "
            "window cannot be shown. Run it from a desktop session, or use the commands: "
            "compliance-desk --help.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    from desktop_app.gui.app import run_app  # noqa: PLC0415 - Qt loads only for the window

    return run_app(paths)


def _has_display() -> bool:
    """Whether a window can be shown (QT_QPA_PLATFORM chosen by the caller counts as one)."""
    if os.environ.get("QT_QPA_PLATFORM") or sys.platform in ("win32", "darwin"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_screenshot(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Render the window offscreen into a PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is first imported
    from desktop_app.gui.screenshot import take_screenshot  # noqa: PLC0415 - Qt on demand

    take_screenshot(paths, args.out, case=args.case, view=args.view, query=args.query)
    print(f"wrote {args.out}")
    return EXIT_OK


def _print_json(value: object) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
    sys.stdout.write("\n")
