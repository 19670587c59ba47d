"""The library whole: ``backup``, ``restore`` and ``verify``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from desktop_app.cli.common import add_command, print_json, terminal_progress
from desktop_app.errors import EXIT_FOUND, EXIT_OK, UserError
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register ``backup``, ``restore`` and ``verify``."""
    backup = add_command(
        sub, "backup", run_backup, "copy the library into a new folder", json_flag=True
    )
    backup.add_argument("out", metavar="OUT", type=Path, help="a new (or empty) folder")
    restore = add_command(
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
    check = add_command(
        sub, "verify", run_verify, "check the library whole (read-only)", json_flag=True
    )
    check.add_argument("-o", "--out", type=Path, metavar="REPORT.txt", help="also save the report")


def run_backup(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Back up the library (safe while the window writes) and print the manifest summary."""
    from desktop_app.storage.backup import create_backup  # noqa: PLC0415 - only here

    manifest = create_backup(paths, args.out)
    out = args.out.absolute()
    if args.json:
        print_json({"backup": str(out), **manifest.summary()})
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
        print_json(
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


def run_verify(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Check the library read-only (SQLite, originals, stray files, audit chain, records).

    Exit 0 when everything checks out, 4 when anything is wrong, 3 when it cannot be opened.
    """
    from desktop_app.core.integrity import report_lines, report_plain  # noqa: PLC0415
    from desktop_app.errors import LibraryError  # noqa: PLC0415 - only here
    from desktop_app.storage.integrity import verify_library  # noqa: PLC0415 - only here
    from desktop_app.storage.library import Library  # noqa: PLC0415 - only here

    if not paths.database.exists():
        raise LibraryError(f"There is no library in {paths.root} to verify.")
    library = Library.open(paths, write=False)
    try:
        report = verify_library(library, terminal_progress())
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
        print_json(report_plain(report))
    else:
        sys.stdout.write(text)
    return EXIT_OK if report.ok else EXIT_FOUND
