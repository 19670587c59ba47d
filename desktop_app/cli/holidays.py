"""The ``holidays`` command: which holidays extend a license's validity (15 CFR 750.7(g)).

``compliance-desk holidays`` prints the library's choice ("federal", or a State's code);
``compliance-desk holidays CA`` adds California's holidays to the federal ones from now on, and
``compliance-desk holidays federal`` goes back to the federal holidays alone. Like ``paper``, the
choice is the library's, so every window and command reads the same expiry dates.
"""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from desktop_app.cli.opening import open_for_reading, open_for_writing
from desktop_app.errors import EXIT_OK
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register ``holidays`` on the command line's subparsers."""
    text = (
        "show or set the holidays that extend a license's validity (15 CFR 750.7(g)): "
        "federal, or federal and one State's"
    )
    cmd: argparse.ArgumentParser = sub.add_parser("holidays", help=text, description=text)
    cmd.set_defaults(handler=run_holidays, command="holidays")
    cmd.add_argument(
        "state",
        nargs="?",
        metavar="STATE|federal",
        help="a US State or territory code (e.g. CA, NY, PR), or 'federal'",
    )


def run_holidays(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print the library's holiday calendar, or set it when one is named."""
    from desktop_app.core.holiday_calendar import (  # noqa: PLC0415 - only here
        calendar_named,
        set_calendar,
    )

    if args.state:
        calendar = calendar_named(args.state)
        library = open_for_writing(paths)
        try:
            set_calendar(library, getpass.getuser(), calendar)
        finally:
            library.close()
    library = open_for_reading(paths)
    try:
        print(library.reads.holiday_calendar().name)
    finally:
        library.close()
    return EXIT_OK
