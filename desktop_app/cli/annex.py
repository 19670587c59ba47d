"""The ``annex`` command: a matter's Annex A rows, how each is linked, and counsel's link.

``compliance-desk annex CASE [--letter ID] [--json]`` lists every row with its link (confirmed,
suggested, unlinked) and, for a row not confirmed, the parties it may be (name score, country,
address). ``link ROW [PARTY]`` confirms row ROW's link to PARTY (a party's id, name or alias)
or, without PARTY, to the suggested party; ``unlink ROW`` leaves it linked to no one. Only a
confirmed link decides coverage.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from typing import Any

from desktop_app.cli.opening import open_for_reading, open_for_writing
from desktop_app.core.authorizations import AnnexRow, AuthorizationLetter
from desktop_app.core.models import MatterRecord, Party
from desktop_app.core.text import visible
from desktop_app.errors import EXIT_OK, ValidationError
from desktop_app.paths import LibraryPaths


def register(sub: Any) -> None:
    """Register ``annex`` on the command line's subparsers."""
    text = "list a matter's Annex A rows with their links, or confirm or clear one"
    usage = "compliance-desk annex CASE [link ROW [PARTY] | unlink ROW] [--letter ID] [--json]"
    cmd: argparse.ArgumentParser = sub.add_parser("annex", help=text, description=text, usage=usage)
    cmd.set_defaults(handler=run_annex, command="annex")
    cmd.add_argument("case", metavar="CASE", help="matter number, e.g. EC-2026-0001")
    cmd.add_argument("action", nargs="?", choices=("link", "unlink"), help="link or unlink a row")
    cmd.add_argument(
        "what",
        nargs="*",
        metavar="ROW [PARTY]",
        help="the row number, and for link the party's id, name or alias (default: the "
        "suggested party)",
    )
    cmd.add_argument("--letter", type=int, metavar="ID", help="the letter (id as listed)")
    cmd.add_argument("--json", action="store_true", help="print one JSON document")


def run_annex(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """List the Annex A rows of CASE, after linking or unlinking one if asked."""
    from desktop_app.core.decisions import DecisionService  # noqa: PLC0415 - rapidfuzz loads
    from desktop_app.core.present_annex import annex_plain  # noqa: PLC0415

    library = open_for_writing(paths) if args.action else open_for_reading(paths)
    try:
        record = library.reads.record_of(args.case)
        wanted = args.letter
        if args.action:
            row, party_id = _link_asked(args, record)
            DecisionService(library, getpass.getuser()).link_annex_row(row.id, party_id)
            record = library.reads.record(record.matter)
            wanted = row.letter_id
    finally:
        library.close()
    letters = _letters(record, wanted)
    document = annex_plain(record, letters)
    if args.json:
        json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(annex_text(document))
    return EXIT_OK


def _letters(record: MatterRecord, wanted: int | None) -> list[AuthorizationLetter]:
    letters = list(record.decisions.letters)
    if wanted is None:
        return letters
    found = [x for x in letters if x.id == wanted]
    if not found:
        ids = ", ".join(str(x.id) for x in letters) or "none"
        number = record.matter.number
        raise ValidationError({"letter": f"{number} has no letter {wanted} (letters: {ids})."})
    return found


def _link_asked(args: argparse.Namespace, record: MatterRecord) -> tuple[AnnexRow, int | None]:
    """The row and party (None: unlink) that ``link ROW [PARTY]`` or ``unlink ROW`` names."""
    usage = "annex CASE link ROW [PARTY] | unlink ROW [--letter ID]"
    most = 2 if args.action == "link" else 1
    if not 1 <= len(args.what) <= most or not args.what[0].isdecimal():
        raise ValidationError({"row": usage})
    row = _row(record, args.letter, int(args.what[0]))
    if args.action == "unlink":
        return row, None
    if len(args.what) == 2:
        return row, _party(record.parties, args.what[1]).id
    if row.party_id is None:
        raise ValidationError(
            {"party": f"Row {row.row_no} has no suggested party; name one: link ROW PARTY."}
        )
    return row, row.party_id


def _row(record: MatterRecord, letter_id: int | None, row_no: int) -> AnnexRow:
    rows = record.decisions.annex_rows
    with_rows = sorted({r.letter_id for r in rows})
    if letter_id is None:
        if len(with_rows) != 1:
            ids = ", ".join(str(i) for i in with_rows) or "none"
            why = f"Name the letter with --letter ID (letters with an Annex A: {ids})."
            raise ValidationError({"letter": why})
        letter_id = with_rows[0]
    found = [r for r in rows if r.letter_id == letter_id and r.row_no == row_no]
    if not found:
        raise ValidationError({"row": f"Letter {letter_id} has no Annex A row {row_no}."})
    return found[0]


def _party(parties: tuple[Party, ...], named: str) -> Party:
    """The party with this id, or whose name or alias is ``named`` (accents and case aside)."""
    from desktop_app.core.annex import fold  # noqa: PLC0415 - loaded with the command

    if named.isdecimal():
        by_id = [p for p in parties if p.id == int(named)]
        if by_id:
            return by_id[0]
    wanted = fold(named)
    found = [p for p in parties if wanted in {fold(x) for x in (p.name, *p.aliases)}]
    if len(found) == 1:
        return found[0]
    why = "is the name of several parties; give the id" if found else "is no party of the matter"
    raise ValidationError({"party": f"{visible(named)!r} {why}."})


def annex_text(document: dict[str, Any]) -> str:
    """The listing as counsel read it in a terminal."""
    lines: list[str] = []
    for letter in document["letters"]:
        reference = f" ({visible(letter['reference'])})" if letter["reference"] else ""
        count = len(letter["rows"])
        rows = f"{count} row{'s' if count != 1 else ''}" if count else "none"
        lines.append(
            f"{document['matter']} · letter {letter['id']} dated {letter['dated']}{reference}"
            f" · Annex A: {rows}"
        )
        lines += [line for row in letter["rows"] for line in _row_lines(row)]
        if any(row["link"] != "confirmed" for row in letter["rows"]):
            lines.append(
                f"  Only a confirmed link decides coverage: annex {document['matter']} "
                f"--letter {letter['id']} link ROW [PARTY] (default: the suggested party)"
            )
        lines.append("")
    return "\n".join(lines).rstrip() or f"{document['matter']} has no letters."


def _row_lines(row: dict[str, Any]) -> list[str]:
    written = " · ".join(
        visible(x) for x in (row["name_as_written"], row["address_as_written"], row["country"]) if x
    )
    party = row["party"]
    linked = f" → {visible(party['name'])} (party {party['id']})" if party else ""
    lines = [f"  row {row['row_no']:<4} {written}", f"           {row['link'].upper()}{linked}"]
    for found in row["suggestions"]:
        lines.append(f"           maybe {_suggestion_text(found)}")
    return lines


def _suggestion_text(found: dict[str, Any]) -> str:
    party = found["party"]
    match = found["country_match"]
    country = "country ?" if match is None else f"country {'agrees' if match else 'differs'}"
    address = found["address_score"]
    where = "address ?" if address is None else f"address {address:.0f}"
    name = f"{visible(party['name'])} (party {party['id']}"
    name += f", {party['country']})" if party["country"] else ")"
    return f"{name}: name {found['name_score']:.0f} · {country} · {where}"
