"""``original CASE DOC -o FILE``: write a filed original back out, byte for byte.

DOC is the document's number as ``show`` and the memo's index give it. The bytes are checked
against the SHA-256 recorded when the document was filed before anything is written, and the
file is written through a temporary one beside it, so a damaged original or a full disk never
leaves a half-written or wrong copy.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path
from typing import Any

from desktop_app.cli.common import add_command
from desktop_app.cli.opening import open_for_reading
from desktop_app.core.filenames import safe_filename
from desktop_app.core.text import visible
from desktop_app.errors import EXIT_OK, NotFoundError, UserError
from desktop_app.paths import LibraryPaths
from desktop_app.storage.files import write_replacing


def register(sub: Any) -> None:
    """Register ``original``."""
    original = add_command(sub, "original", run_original, "write a filed original to a file")
    original.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    original.add_argument("document", metavar="DOC", type=int, help="the document's number")
    original.add_argument(
        "-o", "--out", type=Path, metavar="FILE", help="where to write it (default: its name)"
    )


def run_original(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Write one original of a matter, checked against its SHA-256, where asked."""
    library = open_for_reading(paths)
    try:
        record = library.reads.record_of(args.case)
        document = next((d for d in record.documents if d.id == args.document), None)
        if document is None:
            raise NotFoundError(
                f"{record.matter.number} has no document {args.document} (see `show "
                f"{record.matter.number}`)"
            )
        data = library.blobs.read(document.sha256)
    finally:
        library.close()
    if hashlib.sha256(data).hexdigest() != document.sha256:
        raise UserError(
            f"The original of document {document.id} no longer matches its SHA-256 "
            f"{document.sha256}; nothing was written. Run `verify`, then restore it from a backup."
        )
    out = args.out or Path(safe_filename(document.filename, document.sha256))
    try:
        write_replacing(data, out)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
    print(f"{visible(str(out))}: {len(data):,} bytes, SHA-256 {document.sha256}")
    return EXIT_OK
