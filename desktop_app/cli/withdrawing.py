"""``withdraw CASE KIND ID --reason TEXT`` and ``reinstate CASE KIND ID``.

KIND is determination, license, letter, condition or document; ID the number ``show CASE``
prints after ``#``. The record stays in the library, marked, and leaves every answer; what is
refused and why is `core.withdrawals`.
"""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from desktop_app.cli.common import add_command
from desktop_app.cli.opening import open_for_writing
from desktop_app.errors import EXIT_OK
from desktop_app.paths import LibraryPaths

if TYPE_CHECKING:
    from desktop_app.core.withdrawals import WithdrawalService

KINDS = ("determination", "license", "letter", "condition", "document")


def register(sub: Any) -> None:
    """Register ``withdraw`` and ``reinstate``."""
    withdraw = add_command(
        sub, "withdraw", run_withdraw, "withdraw a record entered in error (it is kept, marked)"
    )
    _record_arguments(withdraw)
    withdraw.add_argument("--reason", required=True, help="why it is withdrawn (kept with it)")
    reinstate = add_command(sub, "reinstate", run_reinstate, "put a withdrawn record back in force")
    _record_arguments(reinstate)


def _record_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0004")
    parser.add_argument("kind", metavar="KIND", choices=KINDS, help=" | ".join(KINDS))
    parser.add_argument("id", metavar="ID", type=int, help="the record's number (#N in show)")


def run_withdraw(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Withdraw one record of the matter."""
    done = _run(
        args, paths, lambda service, kind, mid: service.withdraw(kind, args.id, args.reason, mid)
    )
    print(f"withdrew {done}; it is kept, and no longer in force")
    return EXIT_OK


def run_reinstate(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Put one withdrawn record of the matter back in force."""
    done = _run(args, paths, lambda service, kind, mid: service.reinstate(kind, args.id, mid))
    print(f"put {done} back in force")
    return EXIT_OK


Act = Callable[["WithdrawalService", type, int], object]
"""What to do with the service, the record's kind and the matter's id."""


def _run(args: argparse.Namespace, paths: LibraryPaths, act: Act) -> str:
    """Open the library, act on one record of the matter, and name what was done."""
    from desktop_app.core.in_force import KIND_NAMES, named  # noqa: PLC0415 - on use
    from desktop_app.core.withdrawals import WithdrawalService  # noqa: PLC0415 - on use

    kind = next(k for k, name in KIND_NAMES.items() if name == args.kind)
    library = open_for_writing(paths)
    try:
        matter = library.reads.matter(args.case)
        done = act(WithdrawalService(library, getpass.getuser()), kind, matter.id)
    finally:
        library.close()
    return f"{named(done)} of {matter.number}"
