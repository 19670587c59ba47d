"""The screening lists: ``lists`` (the editions held), ``lists import FILE``, ``screen --name``.

``compliance-desk lists`` shows every edition of the Consolidated Screening List the library
holds, the one in force first; ``lists import FILE [--published DATE]`` adds a newer edition
(trade.gov's consolidated JSON or CSV, or the app's own list file) and says what changed against
the edition before it, and carries every matter's screenings to it. ``screen CASE`` screens every
party of a matter on the record; ``screen --name NAME [--country CC] [--type …]`` screens one
name and records nothing; ``disposition HIT STATE --rationale TEXT`` records counsel's decision
on a potential match. A library that holds no edition is given the one shipped with the app the
first time it is needed.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_app.cli.common import add_command, iso_day, print_json
from desktop_app.cli.opening import open_for_reading, open_for_writing
from desktop_app.core.screening_lists import Edition, changes
from desktop_app.core.serialize import to_plain
from desktop_app.core.text import visible
from desktop_app.errors import EXIT_OK, ValidationError
from desktop_app.paths import LibraryPaths

if TYPE_CHECKING:
    from desktop_app.core.screening_match import Hit
    from desktop_app.core.screening_service import PartyScreened
    from desktop_app.screening import Screened

MAX_NAME = 10_000
"""The longest name ``screen --name`` takes (longer text is refused, not cut silently)."""


def register(sub: Any) -> None:
    """Register ``lists`` and ``screen``."""
    lists = add_command(
        sub, "lists", run_lists, "show the screening-list editions held, or import one", True
    )
    lists.add_argument("action", nargs="?", choices=("import",), help="import a new edition")
    lists.add_argument("file", nargs="?", type=Path, metavar="FILE", help="the list file")
    lists.add_argument(
        "--published",
        type=iso_day,
        metavar="DATE",
        help="the edition's date, for a file that does not carry one (trade.gov's CSV)",
    )
    screen = add_command(
        sub, "screen", run_screen, "screen a name against the restricted-party lists", True
    )
    screen.add_argument("case", nargs="?", metavar="CASE", help="screen every party of a matter")
    screen.add_argument("--name", help="screen this one name instead (nothing is recorded)")
    screen.add_argument("--country", metavar="CC", help="the party's country (ISO code)")
    screen.add_argument("--type", dest="kind", choices=("entity", "individual"))
    screen.add_argument(
        "--threshold",
        type=float,
        help="the score from which a hit is a potential match (--name only; by default the "
        "screener's own, which the output names)",
    )
    decide = add_command(
        sub, "disposition", run_disposition, "record counsel's decision on a potential match", True
    )
    decide.add_argument("hit", type=int, metavar="HIT", help="the hit's number (screen CASE)")
    decide.add_argument("state", choices=sorted(_STATES), help="what counsel decided")
    decide.add_argument("--rationale", required=True, help="why (kept on the record)")


def run_lists(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Show the editions held, or import the edition in FILE."""
    if args.action == "import":
        if args.file is None:
            raise ValidationError({"file": "Name the list file: lists import FILE."})
        return _import(args, paths)
    from desktop_app.screening import ensure_edition  # noqa: PLC0415 - the lists load on demand

    library = open_for_writing(paths)
    try:
        ensure_edition(library, getpass.getuser())
        held = library.reads.editions()
    finally:
        library.close()
    if args.json:
        print_json([_edition_plain(e, i == 0) for i, e in enumerate(held)])
    else:
        print("\n".join(_edition_line(e, i == 0) for i, e in enumerate(held)))
    return EXIT_OK


def _import(args: argparse.Namespace, paths: LibraryPaths) -> int:
    from desktop_app.core.screening_service import ListService, in_force  # noqa: PLC0415
    from desktop_app.reference.screening_files import read_edition  # noqa: PLC0415
    from desktop_app.screening import carry_to, ensure_edition, read_held  # noqa: PLC0415

    data, parsed = read_edition(args.file, args.published)  # a bad file changes nothing
    library = open_for_writing(paths)
    try:
        actor = getpass.getuser()
        ensure_edition(library, actor)
        before = in_force(library.reads.editions())
        previous = read_held(library, before) if before is not None else None
        added = ListService(library, library.blobs, actor).add_edition(data, parsed)
        newest = in_force(library.reads.editions())
        carried = None
        if added.new and before is not None and newest == added.edition:
            carried = carry_to(library, before, added.edition, actor)
    finally:
        library.close()
    diff = changes(previous, parsed) if previous is not None and added.new else None
    said = {
        "edition": _edition_plain(added.edition, None),
        "new": added.new,
        "against": before.published.isoformat() if before is not None and diff else None,
        "added": len(diff.added) if diff else None,
        "removed": len(diff.removed) if diff else None,
        "changed": len(diff.changed) if diff else None,
        "parties_rescreened": carried.rescreened if carried else 0,
        "parties_carried": carried.carried if carried else 0,
        "dispositions_reopened": carried.reopened if carried else 0,
    }
    if args.json:
        print_json(said)
    elif not added.new:
        print(f"this edition is held already: {_edition_line(added.edition, None)}")
    else:
        print(f"added {_edition_line(added.edition, None)}")
        if diff is not None and before is not None:
            print(
                f"against the edition of {before.published}: {len(diff.added):,} entries added, "
                f"{len(diff.removed):,} removed, {len(diff.changed):,} changed"
            )
        if carried is not None:
            print(
                f"screenings carried to it: {carried.rescreened} parties screened again, "
                f"{carried.carried} unchanged, {carried.reopened} decisions reopened"
            )
    return EXIT_OK


def run_screen(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Screen a matter's parties on the record, or one name with nothing recorded."""
    if (args.case is None) == (args.name is None):
        raise ValidationError({"case": "Give a matter (screen CASE) or a name (--name NAME)."})
    if args.case is not None:
        return _screen_case(args, paths)
    from desktop_app.core.screening_match import THRESHOLD  # noqa: PLC0415
    from desktop_app.screening import edition_in_force, ensure_edition  # noqa: PLC0415

    if len(args.name) > MAX_NAME:
        raise ValidationError({"name": f"A name is at most {MAX_NAME:,} characters."})
    library = open_for_reading(paths)
    try:
        ensure_edition(library, getpass.getuser())
        held = edition_in_force(library)
    finally:
        library.close()
    threshold = THRESHOLD if args.threshold is None else args.threshold
    hits = held.screener.screen(args.name, args.country, args.kind, threshold)
    if args.json:
        print_json(
            {
                "name": args.name,
                "edition": _edition_plain(held.edition, True),
                "threshold": threshold,
                "hits": [_hit_plain(h) for h in hits],
            }
        )
        return EXIT_OK
    edition = held.edition
    print(f"screened {visible(args.name)[:200]!r} against the lists of {edition.published}")
    if not hits:
        print(f"no potential match at score {threshold:g} or more")
    for hit in hits:
        print("\n".join(_hit_lines(hit)))
    sys.stdout.flush()
    return EXIT_OK


_STATES = {
    "false-positive": "false_positive",
    "confirmed": "confirmed",
    "escalated": "escalated",
}


def _screen_case(args: argparse.Namespace, paths: LibraryPaths) -> int:
    from desktop_app.screening import screen_case  # noqa: PLC0415 - the lists load on demand

    library = open_for_writing(paths)
    try:
        done = screen_case(library, args.case, getpass.getuser())
    finally:
        library.close()
    edition = done.held.edition
    parties = [_party_plain(p, done) for p in done.parties]
    if args.json:
        print_json(
            {"case": args.case, "edition": _edition_plain(edition, True), "parties": parties}
        )
        return EXIT_OK
    print(f"{args.case} screened against the lists of {edition.published}")
    for party in parties:
        print(f"\n{visible(party['name'])}: {party['result']}")
        for hit in party["hits"]:
            print("\n".join(_recorded_lines(hit)))
    return EXIT_OK


def run_disposition(args: argparse.Namespace, paths: LibraryPaths) -> int:
    """Record counsel's disposition of hit HIT, with the rationale."""
    from desktop_app.core.screening_records import Disposition  # noqa: PLC0415
    from desktop_app.core.screening_service import ScreeningService  # noqa: PLC0415

    library = open_for_writing(paths)
    try:
        service = ScreeningService(library, getpass.getuser())
        hit = service.decide(args.hit, Disposition(_STATES[args.state]), args.rationale)
    finally:
        library.close()
    if args.json:
        print_json(to_plain(hit))
    else:
        print(
            f"hit {hit.id} ({visible(hit.entry_name)}, {hit.list_code}): "
            f"{hit.disposition.label} — {visible(hit.rationale)}"
        )
    return EXIT_OK


def _party_plain(screened: PartyScreened, done: Screened) -> dict[str, Any]:
    published = done.held.edition.published
    hits = []
    for hit in screened.hits:
        entry = done.entry(hit.entry_key)
        hits.append(
            {
                "hit_id": hit.id,
                "entry_id": hit.entry_key,
                "list": hit.list_code,
                "name": hit.entry_name,
                "matched_alias": hit.alias,
                "score": hit.score,
                "features": list(hit.features),
                "disposition": hit.disposition.value or "undecided",
                "rationale": hit.rationale,
                "decided_by": hit.decided_by,
                "decided_at": hit.decided_at,
                "reopened": hit.reopened,
                "license_requirement": entry.license_requirement if entry else "",
                "license_policy": entry.license_policy if entry else "",
                "federal_register": entry.federal_register if entry else "",
            }
        )
    result = (
        f"{len(hits)} potential match{'es' if len(hits) > 1 else ''} in edition {published}"
        if hits
        else f"no match in edition {published}"
    )
    return {
        "party_id": screened.party.id,
        "name": screened.party.name,
        "screening_id": screened.screening.id,
        "new": screened.new,
        "result": result,
        "hits": hits,
    }


def _recorded_lines(hit: dict[str, Any]) -> list[str]:
    state = hit["disposition"].replace("_", " ")
    lines = [
        f"  hit {hit['hit_id']}  {hit['score']:5.1f}  {hit['list']}  {visible(hit['name'])}"
        f"  [{state}]",
        f"       matched alias: {visible(hit['matched_alias'])}",
        "       " + "; ".join(visible(s) for s in hit["features"]),
    ]
    if hit["license_requirement"]:
        lines.append(f"       license requirement: {visible(hit['license_requirement'])}")
    if hit["license_policy"]:
        lines.append(f"       license policy: {visible(hit['license_policy'])}")
    if hit["rationale"]:
        lines.append(f"       {hit['decided_by']} {hit['decided_at']}: {visible(hit['rationale'])}")
    if hit["reopened"]:
        lines.append(f"       reopened: {visible(hit['reopened'])}")
    return lines


def _edition_line(edition: Edition, in_force: bool | None) -> str:
    counts = json.loads(edition.counts or "{}")
    lists = ", ".join(f"{code} {n:,}" for code, n in counts.items())
    mark = "  (in force)" if in_force else ""
    return (
        f"{edition.published}{mark}  {edition.entry_count:,} entries ({lists})  "
        f"{edition.file_name}  SHA-256 {edition.sha256[:16]}…"
    )


def _edition_plain(edition: Edition, in_force: bool | None) -> dict[str, Any]:
    plain: dict[str, Any] = {
        "published": edition.published.isoformat(),
        "sha256": edition.sha256,
        "source": edition.source,
        "file_name": edition.file_name,
        "entry_count": edition.entry_count,
        "counts": json.loads(edition.counts or "{}"),
        "imported_at": edition.imported_at,
    }
    if in_force is not None:
        plain["in_force"] = in_force
    return plain


def _hit_plain(hit: Hit) -> dict[str, Any]:
    entry, features = hit.entry, hit.features
    return {
        "entry_id": entry.key,
        "list": entry.list_code,
        "list_name": entry.list_name,
        "name": entry.name,
        "matched_alias": hit.alias,
        "score": hit.score,
        "features": {
            "tokens": [
                {"name": t.query, "listed": t.alias, "how": t.how, "similarity": t.similarity}
                for t in features.tokens
            ],
            "not_in_listed_name": list(features.unmatched_query),
            "not_in_name_screened": list(features.unmatched_alias),
            "letters_alike": round(features.joined_similarity, 1),
            "country": features.country,
            "type": features.kind,
        },
        "type": entry.kind,
        "countries": list(entry.countries),
        "entity_number": entry.entity_number,
        "federal_register": entry.federal_register,
        "license_requirement": entry.license_requirement,
        "license_policy": entry.license_policy,
        "programs": list(entry.programs),
        "source_list_url": entry.url,
    }


def _hit_lines(hit: Hit) -> list[str]:
    entry = hit.entry
    number = f", entry {entry.entity_number}" if entry.entity_number else ""
    lines = [
        "",
        f"{hit.score:5.1f}  {entry.list_code}  {visible(entry.name)}{number}",
        f"       matched alias: {visible(hit.alias)}",
        "       " + "; ".join(visible(s) for s in hit.features.sentences()),
    ]
    if entry.countries:
        lines.append(f"       countries: {', '.join(entry.countries)}")
    if entry.federal_register:
        lines.append(f"       Federal Register: {entry.federal_register}")
    if entry.license_requirement:
        lines.append(f"       license requirement: {visible(entry.license_requirement)}")
    if entry.license_policy:
        lines.append(f"       license policy: {visible(entry.license_policy)}")
    return lines
