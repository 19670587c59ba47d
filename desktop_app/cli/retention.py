"""Recordkeeping (15 CFR 762): ``hold``, ``retention``, ``trash``, ``untrash`` and ``purge``."""

from __future__ import annotations

import argparse
import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import TYPE_CHECKING, Any

from desktop_app.cli import textout
from desktop_app.cli.common import add_command, confirm_by_number, iso_day, print_json
from desktop_app.cli.opening import open_for_reading, open_for_writing
from desktop_app.core.present import summary_view
from desktop_app.core.retention import LegalHold, RetentionTrigger, TriggerKind, hold_names
from desktop_app.core.retention_state import RetentionState, counted
from desktop_app.core.text import visible as printable
from desktop_app.core.validation import parse_date
from desktop_app.errors import EXIT_OK, ConfirmationNeededError, UserError, ValidationError
from desktop_app.paths import LibraryPaths

if TYPE_CHECKING:
    from desktop_app.core.retention_service import RetentionService
    from desktop_app.storage.library import Library


def register(sub: Any) -> None:
    """Recordkeeping (15 CFR 762): retention events, legal holds, the trash and purge."""
    hold = add_command(sub, "hold", run_hold, "show, place or release a legal hold (762.6(b))")
    hold.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    hold.add_argument("state", nargs="?", choices=("on", "off"), help="place or release a hold")
    hold.add_argument("--by", metavar="AGENCY", help="who asked for the records (on); whose off")
    hold.add_argument("--on", dest="day", type=iso_day, metavar="DATE", help="(default: today)")
    hold.add_argument("--note", default="", help="the request, or the written authorization")
    keep = add_command(
        sub, "retention", run_retention, "show or record the events retention runs from"
    )
    keep.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    keep.add_argument("action", nargs="?", choices=("add", "remove"), help="add or remove one")
    keep.add_argument("what", nargs="*", metavar="KIND DATE | ID", help=_KIND_HELP)
    keep.add_argument("--note", default="", help="what the event was")
    keep.add_argument(
        "--yes", action="store_true", help="record an event dated before the matter was opened"
    )
    trash = add_command(
        sub, "trash", run_trash, "move a matter to the trash, or list it", json_flag=True
    )
    trash.add_argument("case", metavar="CASE", nargs="?", help="without it: list the trash")
    trash.add_argument(
        "--no-ofac-party",
        action="store_true",
        help="confirm no party is on an OFAC list (asked within ten years, 31 CFR 501.601)",
    )
    untrash = add_command(sub, "untrash", run_untrash, "restore a matter from the trash")
    untrash.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    purge = add_command(sub, "purge", run_purge, "delete a trashed matter and its records for good")
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
    from desktop_app.core.retention_service import RetentionService  # noqa: PLC0415 - on use

    return RetentionService(library, getpass.getuser(), library.blobs)


def retention_lines(state: RetentionState, as_of: date) -> list[str]:
    """The recordkeeping lines ``show`` and ``hold`` print for a matter."""
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
        matter = library.reads.matter(args.case)
        day = args.day or date.today()
        if args.state == "on":
            if not args.by:
                raise ValidationError({"by": "Say who asked for the records: --by AGENCY."})
            held = LegalHold(matter.id, args.by, day, note=args.note)
            _retention_service(library).place_hold(held)
        elif args.state == "off":
            hold = library.reads.retention_state(matter).hold_to_release(args.by)
            _retention_service(library).release_hold(hold.id, day, args.note)
        state = library.reads.retention_state(matter)
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
        matter = library.reads.matter(args.case)
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
            stored = library.reads.retention_state(matter).triggers
            if int(args.what[0]) not in {t.id for t in stored}:
                raise ValidationError({"event": f"{matter.number} has no event {args.what[0]}."})
            _retention_service(library).remove_trigger(int(args.what[0]))
        state = library.reads.retention_state(matter)
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
            rows = library.reads.trashed()
        finally:
            library.close()
        if args.json:
            print_json([summary_view(s) for s in rows])
        else:
            print(textout.docket_table(rows) if rows else "The trash is empty.")
        return EXIT_OK
    library = open_for_writing(paths)
    try:
        matter = library.reads.matter(args.case)
        with _asks_for("--no-ofac-party to confirm"):
            entry = _retention_service(library).trash(matter.id, no_ofac_party=args.no_ofac_party)
    finally:
        library.close()
    if args.json:
        print_json({"number": matter.number, "trashed_at": entry.trashed_at})
    else:
        print(f"moved {matter.number} to the trash (`untrash` restores it, `purge` deletes it)")
    return EXIT_OK


def run_untrash(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Restore CASE from the trash to the docket, agenda and search."""
    library = open_for_writing(paths)
    try:
        matter = library.reads.matter(args.case)
        _retention_service(library).restore(matter.id)
    finally:
        library.close()
    print(f"restored {matter.number} from the trash")
    return EXIT_OK


def run_purge(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Delete a trashed matter, its records and its unshared originals, after confirmation."""
    library = open_for_writing(paths)
    try:
        matter = library.reads.matter(args.case)
        if not args.yes:
            confirm_by_number(
                matter.number,
                "purge",
                "all its records for good",
                f"Delete {matter.number} and all its records for good?",
                "purged",
            )
        purged = _retention_service(library).purge(matter.id)
    finally:
        library.close()
    print(
        f"purged {matter.number}: {purged.rows} records deleted, "
        f"{len(purged.blobs_removed)} originals removed"
    )
    return EXIT_OK
