"""``search``: words in records and documents, best first, with a snippet each."""

from __future__ import annotations

import argparse
from typing import Any

from desktop_app.cli import textout
from desktop_app.cli.common import MAX_RESULTS, add_command, iso_day, print_json
from desktop_app.cli.opening import open_for_reading
from desktop_app.core.search_query import (
    KIND_OF_ENTITY,
    KINDS,
    Query,
    SearchFilters,
    parse_literal,
    parse_query,
)
from desktop_app.core.serialize import to_plain
from desktop_app.errors import EXIT_OK, TrashedMatterError, ValidationError
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register ``search``."""
    find = add_command(
        sub, "search", run_search, "find words in records and documents", json_flag=True
    )
    find.add_argument(
        "query",
        metavar="QUERY",
        nargs="*",
        help='words (all must match), "a phrase", prefix*, a OR b, -excluded',
    )
    find.add_argument("--case", help="only this matter")
    find.add_argument("--kind", choices=sorted(KINDS), help="only this kind of record")
    find.add_argument(
        "--from", dest="date_from", type=iso_day, metavar="DATE", help="dated on or after"
    )
    find.add_argument("--to", dest="date_to", type=iso_day, metavar="DATE", help="dated up to")
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
    if not 1 <= args.limit <= MAX_RESULTS:
        raise ValidationError({"limit": f"--limit is a number from 1 to {MAX_RESULTS}."})
    text = " ".join(args.query)
    query = parse_literal(args.query) if args.literal else parse_query(text)
    if query.empty:
        raise ValidationError({"query": _nothing_to_find(text, query)})
    library = open_for_reading(paths)
    try:
        matter_id = library.reads.matter(args.case).id if args.case else None
        if matter_id is not None and matter_id in library.reads.trashed_ids():
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
        hits = library.reads.search(query, filters, args.limit, literal=args.literal)
    finally:
        library.close()
    if args.json:
        print_json([{**to_plain(h), "kind": KIND_OF_ENTITY[h.entity]} for h in hits])
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
