"""The ``load`` and ``export`` commands: a matter in and out of the library as a matter file.

``compliance-desk load FILE.json [--new-number]`` creates a matter from a matter file
(docs/matter-file.md), whole or not at all: a bad file is refused with every problem by its
JSON path (exit 2) and the library is not touched. ``compliance-desk export CASE [-o FILE.json]
[--force]`` writes one matter in the same format, to stdout or atomically to a new file.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from desktop_app.cli.opening import open_for_reading, open_for_writing
from desktop_app.core.text import visible
from desktop_app.errors import EXIT_OK, UserError
from desktop_app.paths import LibraryPaths
from desktop_app.storage.files import write_replacing

SCHEMA = "schema/matter-file.schema.json"


def register(sub: Any) -> None:
    """Register ``load`` and ``export`` on the command line's subparsers."""
    text = "create a matter from a matter file (JSON; docs/matter-file.md), all or nothing"
    load: argparse.ArgumentParser = sub.add_parser("load", help=text, description=text)
    load.set_defaults(handler=run_load, command="load")
    load.add_argument("file", metavar="FILE.json", type=Path, help="the matter file")
    load.add_argument(
        "--new-number",
        action="store_true",
        help="when the library already has the file's matter number, give the next free one",
    )
    text = "write one matter as a matter file (to stdout, or to -o FILE.json)"
    export: argparse.ArgumentParser = sub.add_parser("export", help=text, description=text)
    export.set_defaults(handler=run_export, command="export")
    export.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    export.add_argument("-o", "--out", type=Path, metavar="FILE.json", help="where to write it")
    export.add_argument("--force", action="store_true", help="replace FILE.json if it exists")


def run_load(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Read and check FILE.json whole, then store its matter in one transaction."""
    from desktop_app.assets import read_json  # noqa: PLC0415 - loaded on demand
    from desktop_app.core.matter_file import draft_warnings, read_matter_file  # noqa: PLC0415
    from desktop_app.core.matter_file_service import MatterFileService  # noqa: PLC0415
    from desktop_app.reference.ccl import load_ccl  # noqa: PLC0415 - on demand
    from desktop_app.reference.country_groups import is_group  # noqa: PLC0415 - on demand

    draft = read_matter_file(read_limited(args.file), read_json(SCHEMA), is_group)
    for path, why in draft_warnings(draft, load_ccl().heading).items():
        print(f"compliance-desk: warning: {path}: {why}", file=sys.stderr)
    library = open_for_writing(paths)
    try:
        matter = MatterFileService(library, getpass.getuser()).load(
            draft, new_number=args.new_number
        )
    finally:
        library.close()
    decided = draft.decisions
    counts = [
        (len(draft.parties), "party", "parties"),
        (len(draft.items), "item", "items"),
        (len(draft.activities), "activity", "activities"),
        (len(decided.determinations), "determination", "determinations"),
        (len(decided.licenses), "license", "licenses"),
        (len(decided.letters), "letter", "letters"),
        (len(decided.annex_rows), "Annex A row", "Annex A rows"),
        (len(decided.conditions), "condition", "conditions"),
        (len(decided.clock_events), "clock event", "clock events"),
        (len(draft.notes), "note", "notes"),
    ]
    print(f"loaded {matter.number}  {visible(matter.title)}")
    print(", ".join(f"{n:,} {one if n == 1 else many}" for n, one, many in counts))
    return EXIT_OK


def read_limited(path: Path) -> bytes:
    """The bytes of a matter file, refused before reading when over the size limit."""
    from desktop_app.core.matter_file_format import MAX_BYTES  # noqa: PLC0415
    from desktop_app.core.matter_file_json import too_large  # noqa: PLC0415

    try:
        if path.is_dir():
            raise UserError(f"cannot load {path}: it is a folder, not a matter file")
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise UserError(f"cannot load {path}: {too_large(size)}; nothing was loaded")
        with path.open("rb") as stream:
            data = stream.read(MAX_BYTES + 1)  # a file that grows, or a pipe, is cut off too
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_BYTES:
        raise UserError(f"cannot load {path}: {too_large(len(data))}; nothing was loaded")
    return data


def run_export(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Write CASE as a matter file: to stdout, or to a file that does not exist yet (--force)."""
    from desktop_app.core.matter_file import export_matter_file  # noqa: PLC0415
    from desktop_app.core.matter_file_format import MAX_BYTES  # noqa: PLC0415

    if args.out is not None and args.out.exists() and not args.force:
        raise UserError(f"{args.out} exists; nothing was written (--force replaces it)")
    library = open_for_reading(paths)
    try:
        record = library.reads.record_of(args.case)
    finally:
        library.close()
    data = export_matter_file(record)
    if len(data) > MAX_BYTES:
        print(
            f"compliance-desk: warning: the file is {len(data):,} bytes, over the "
            f"{MAX_BYTES // 2**20} MiB that load accepts",
            file=sys.stderr,
        )
    if args.out is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomically(args.out, data)
        print(args.out)
    return EXIT_OK


def write_atomically(out: Path, data: bytes) -> None:
    """Write ``data`` to ``out`` through a temporary file beside it, then rename it into place."""
    try:
        write_replacing(data, out)
    except OSError as exc:
        raise UserError(f"cannot write {out}: {exc.strerror or exc}") from None
