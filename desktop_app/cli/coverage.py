"""The ``coverage`` command: every party or person × item × activity of a matter, answered.

``compliance-desk coverage CASE [--as-of DATE] [--json]`` prints each row's answer (covered, not
covered, needs review) as of the activity's date or, for an undated activity or a party row, as
of ``--as-of`` (default: today), with the factors it rests on, the missing facts and the caveats.
It only reads the library, and exits 0 whatever the answers are.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import Any

from desktop_app.cli.common import iso_day
from desktop_app.cli.opening import open_for_reading
from desktop_app.errors import EXIT_OK
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register ``coverage`` on the command line's subparsers."""
    text = "every party × item × activity of a matter with its coverage answer and factors"
    cmd: argparse.ArgumentParser = sub.add_parser("coverage", help=text, description=text)
    cmd.set_defaults(handler=run_coverage, command="coverage")
    cmd.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    cmd.add_argument(
        "--as-of",
        type=iso_day,
        default=None,
        metavar="DATE",
        help="the day undated activities and party rows are answered for (default: today)",
    )
    cmd.add_argument("--json", action="store_true", help="print one JSON document")


def run_coverage(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print the coverage table of CASE, as text or as one JSON document."""
    from desktop_app.cli.textout_coverage import coverage_text  # noqa: PLC0415
    from desktop_app.core.coverage import (  # noqa: PLC0415 - the rules load on demand
        MAX_PAIRS,
        MatterFacts,
        coverage_table,
        every_item_answered,
    )
    from desktop_app.core.present_coverage import table_plain  # noqa: PLC0415
    from desktop_app.reference.country_groups import groups_of  # noqa: PLC0415 - on demand

    library = open_for_reading(paths)
    try:
        record = library.reads.record_of(args.case)
        calendar = library.reads.holiday_calendar()
    finally:
        library.close()
    as_of = args.as_of or date.today()
    facts = MatterFacts.of(record, calendar)
    if not every_item_answered(facts):
        print(
            f"compliance-desk: warning: {len(facts.parties):,} parties × {len(facts.items):,} items"
            f" is more than {MAX_PAIRS:,} pairs: each party is answered for its row's item only",
            file=sys.stderr,
        )
    rows = coverage_table(facts, as_of, group_of=groups_of)
    document = table_plain(record.matter.number, as_of, rows, facts)
    if args.json:
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
        sys.stdout.write("\n")
    else:
        print(coverage_text(document))
    return EXIT_OK
