"""``void CASE --reason TEXT``: void a matter opened in error (only while it holds nothing kept).

What may be voided and why is `core.retention_void`; the command asks, on a terminal, for the
matter's number before it deletes anything (``--yes`` skips the question).
"""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from desktop_app.cli.common import add_command, confirm_by_number
from desktop_app.cli.opening import open_for_writing
from desktop_app.errors import EXIT_OK
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register ``void``."""
    void = add_command(
        sub, "void", run_void, "void a matter opened in error (it must hold nothing to keep)"
    )
    void.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0004")
    void.add_argument("--reason", required=True, help="why it was opened in error (audited)")
    void.add_argument("--yes", action="store_true", help="do not ask for confirmation")


def run_void(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Void a matter: refused, naming what it holds, when it holds anything the rules keep."""
    from desktop_app.core.retention_service import RetentionService  # noqa: PLC0415 - on use

    library = open_for_writing(paths)
    try:
        matter = library.reads.matter(args.case)
        if not args.yes:
            confirm_by_number(
                matter.number,
                "void",
                "what was typed on it",
                f"Void {matter.number}, opened in error?",
                "voided",
            )
        service = RetentionService(library, getpass.getuser(), library.blobs)
        purged = service.void(matter.id, args.reason)
    finally:
        library.close()
    print(f"voided {matter.number}: {purged.rows} records deleted; its number is not reused")
    return EXIT_OK
