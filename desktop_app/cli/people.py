"""``history CASE``: a matter's audit entries in words; ``person``: your name and title.

The same words as the window's History (`desktop_app.core.history_text`), newest first, each
change by the name its person gave (``person --name``) with the account it was made under.
"""

from __future__ import annotations

import argparse
import getpass
from typing import Any

from desktop_app.cli.common import add_command, print_json
from desktop_app.cli.opening import open_for_reading, open_for_writing
from desktop_app.core.text import visible
from desktop_app.errors import EXIT_OK
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register ``history`` and ``person``."""
    history = add_command(
        sub, "history", run_history, "a matter's changes, newest first", json_flag=True
    )
    history.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    history.add_argument("--limit", type=int, default=0, metavar="N", help="only the newest N")
    person = add_command(
        sub, "person", run_person, "show or set your name and title", json_flag=True
    )
    person.add_argument("--name", help="your name as the History and memos give it")
    person.add_argument("--title", help="your title (e.g. Senior Counsel, Export Controls)")


def run_history(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Print a matter's audit entries in words."""
    from desktop_app.core.history_text import (  # noqa: PLC0415 - on demand
        details,
        headline,
        record_names,
        when_text,
        who,
    )
    from desktop_app.core.people import names  # noqa: PLC0415
    from desktop_app.core.serialize import to_plain  # noqa: PLC0415

    library = open_for_reading(paths)
    try:
        matter = library.reads.matter(args.case)
        entries = library.reads.history(matter.id)
        called = record_names(library.reads.record(matter))
        people = names(library.reads.people())
    finally:
        library.close()
    total = len(entries)
    if args.limit > 0:
        entries = entries[: args.limit]
    if args.json:
        print_json(
            [
                {
                    **to_plain(e),
                    "who": who(e.actor, people),
                    "did": headline(e),
                    "changed": details(e, called),
                }
                for e in entries
            ]
        )
        return EXIT_OK
    shown_part = f", the newest {len(entries)} shown" if len(entries) < total else ""
    print(f"{matter.number}: {total} change{'s' if total != 1 else ''}{shown_part}, newest first")
    for entry in entries:
        said = details(entry, called)
        line = f"#{entry.seq}  {when_text(entry.at)}  {who(entry.actor, people)}: {headline(entry)}"
        print(visible(line))
        if said:
            print(visible(f"    {said}"))
    return EXIT_OK


def run_person(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Show the signed-in account's name and title, or set them."""
    from desktop_app.core.people import PeopleService  # noqa: PLC0415 - on demand

    account = getpass.getuser()
    if args.name is None and args.title is None:
        library = open_for_reading(paths)
        try:
            me = library.reads.people().get(account)
        finally:
            library.close()
    else:
        library = open_for_writing(paths)
        try:
            known = library.reads.people().get(account)
            name = args.name if args.name is not None else (known.name if known else "")
            title = args.title if args.title is not None else (known.title if known else "")
            me = PeopleService(library, account).set_me(name, title)
        finally:
            library.close()
    shown = {"account": account, "name": me.name if me else "", "title": me.title if me else ""}
    if args.json:
        print_json(shown)
    else:
        for label in ("account", "name", "title"):
            print(visible(f"{label + ':':<9}{shown[label] or '—'}"))
    return EXIT_OK
