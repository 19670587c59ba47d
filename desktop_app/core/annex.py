"""Reading an Annex A table that counsel paste or import, keeping each row as written.

Accepts CSV, tab- or semicolon-separated text (as copied from a PDF or a spreadsheet), with or
without a header and with or without a row-number column. Each row is matched to a party of the
matter by name (rapidfuzz, accents and case ignored); a row that matches no party, or two, is
kept unmatched for counsel to resolve.
"""

from __future__ import annotations

import csv
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from desktop_app.core.models import Party
from desktop_app.errors import ValidationError

MATCH_SCORE = 92.0
MAX_ROWS = 100_000
HEADER_WORDS = {"row", "no", "no.", "#", "name", "entity", "address", "country"}


@dataclass(frozen=True)
class AnnexLine:
    """One row of the table as written: its number, name, address and country."""

    row_no: int
    name: str
    address: str = ""
    country: str = ""


def parse_annex(text: str) -> list[AnnexLine]:
    """Read the rows of an Annex A table; ValidationError when there are none or rows clash."""
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValidationError({"annex": "The Annex A table is empty."})
    try:
        rows = [r for r in csv.reader(lines, _dialect(lines)) if any(c.strip() for c in r)]
    except csv.Error as exc:
        raise ValidationError({"annex": f"The Annex A table cannot be read: {exc}."}) from None
    if rows and _is_header(rows[0]):
        rows = rows[1:]
    parsed = [_line(index, row) for index, row in enumerate(rows, start=1)]
    numbers = [p.row_no for p in parsed]
    if len(set(numbers)) != len(numbers):
        raise ValidationError({"annex": "Two rows of the Annex A table have the same number."})
    return parsed


def _dialect(lines: list[str]) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",\t;|")
    except csv.Error:
        return csv.excel_tab if "\t" in lines[0] else csv.excel


def _is_header(row: Sequence[str]) -> bool:
    cells = {cell.strip().casefold() for cell in row if cell.strip()}
    return bool(cells) and cells <= HEADER_WORDS | {"entity name", "name of entity"}


def _line(position: int, row: Sequence[str]) -> AnnexLine:
    cells = [cell.strip() for cell in row]
    number = position
    if cells and cells[0].rstrip(".").isdecimal() and len(cells) > 1:
        number = int(cells[0].rstrip("."))
        cells = cells[1:]
        if number > MAX_ROWS:
            raise ValidationError({"annex": f"Row number {number:,} is not an Annex A row."})
    name = cells[0] if cells else ""
    if not name:
        raise ValidationError({"annex": f"Row {number} of the Annex A table has no name."})
    rest = cells[1:]
    country = ""
    if len(rest) >= 2 and len(rest[-1]) == 2 and rest[-1].isalpha():
        country, rest = rest[-1], rest[:-1]
    address = ", ".join(c for c in rest if c)
    return AnnexLine(number, name, address, country.upper())


def match_party(name: str, parties: Sequence[Party]) -> Party | None:
    """The one party whose name or alias matches ``name``; None when none or several do."""
    choices: dict[str, Party] = {}
    for party in parties:
        for label in (party.name, *party.aliases):
            choices[_fold(label)] = party
    found = process.extract(_fold(name), list(choices), scorer=fuzz.ratio, limit=3)
    hits = {choices[label].id: choices[label] for label, score, _ in found if score >= MATCH_SCORE}
    return next(iter(hits.values())) if len(hits) == 1 else None


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())
