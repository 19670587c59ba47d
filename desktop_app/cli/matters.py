"""The matters: ``sample``, ``cases``, ``show`` and ``agenda``."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from desktop_app.cli import textout
from desktop_app.cli.common import MAX_DAYS, add_command, iso_day, print_json
from desktop_app.cli.opening import open_for_reading, open_for_writing
from desktop_app.cli.retention import retention_lines
from desktop_app.core.present import record_view, summary_view
from desktop_app.core.retention_state import retention_view
from desktop_app.core.serialize import to_plain
from desktop_app.errors import EXIT_OK, ValidationError
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register the matter commands."""
    add_command(sub, "sample", run_sample, "add the illustrative sample matters")
    add_command(sub, "cases", run_cases, "list the matters", json_flag=True)
    show = add_command(sub, "show", run_show, "print one matter whole", json_flag=True)
    show.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    show.add_argument(
        "--as-of",
        type=iso_day,
        default=None,
        metavar="DATE",
        help="the day to compute due dates and coverage for (default: today)",
    )
    agenda = add_command(sub, "agenda", run_agenda, "what is overdue and due soon", json_flag=True)
    agenda.add_argument(
        "--as-of",
        type=iso_day,
        default=None,
        metavar="DATE",
        help="the day to read the agenda for (default: today)",
    )
    agenda.add_argument("--days", type=int, default=30, help="how far ahead to look (30)")


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
        rows = library.reads.docket()
    finally:
        library.close()
    if args.json:
        print_json([summary_view(s) for s in rows])
    else:
        print(textout.docket_table(rows))
    return EXIT_OK


def run_show(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print one matter with its parties, items, activities and notes."""
    library = open_for_reading(paths)
    try:
        record = library.reads.record_of(args.case)
        kept = library.reads.retention_state(record.matter)
        calendar = library.reads.holiday_calendar()
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
        print_json(view)
    else:
        print(textout.record_text(view))
        print("\n".join(["", "Recordkeeping:", *retention_lines(kept, as_of)]))
    return EXIT_OK


def run_agenda(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print what is overdue and due within --days of --as-of, across every matter."""
    if not 0 <= args.days <= MAX_DAYS:
        raise ValidationError({"days": f"--days is a number from 0 to {MAX_DAYS}."})
    library = open_for_reading(paths)
    try:
        facts = library.reads.library_facts()
    finally:
        library.close()
    from desktop_app.core.agenda import agenda  # noqa: PLC0415 - the rules load on demand

    rows = agenda(facts, args.as_of or date.today(), args.days)
    if args.json:
        print_json([to_plain(r) for r in rows])
    else:
        print(textout.agenda_text(rows))
    return EXIT_OK
