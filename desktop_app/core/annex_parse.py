"""Reading the text of an Annex A table as it comes out of a PDF, a spreadsheet or an email.

Two shapes are read. A *numbered list* — each row a line beginning "1." or "1)", the name with
its country in brackets ("1. Northwind Research Ltd. (GB)"), a row that wrapped onto the next
line joined back — takes the name up to a ";" or " — " and the address after it. A *table* —
CSV, tab-, semicolon- or bar-separated — takes its columns from a header when it has one (row,
name or entity, address, country, in any order) and by position when it has none (an optional
row number, the name, the address, a two-letter country last). A name written with its country
in brackets gives that country when no column does. Each row is kept as written otherwise.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Sequence
from dataclasses import dataclass

from desktop_app.errors import ValidationError

MAX_ROWS = 100_000
HEADER_WORDS = {"row", "no", "no.", "#", "name", "entity", "address", "country"}
_COLUMN_OF = {
    "row": "row",
    "no": "row",
    "no.": "row",
    "#": "row",
    "number": "row",
    "name": "name",
    "entity": "name",
    "entity name": "name",
    "name of entity": "name",
    "address": "address",
    "country": "country",
}
_NUMBERED = re.compile(r"^\s*(\d{1,6})\s*[.)]\s+(\S.*?)\s*$")
_BRACKETED = re.compile(r"^(.*?\S)\s*\(([A-Za-z]{2})\)\s*$")
_NAME_END = re.compile(r"\s*(?:;|\s—\s|\s–\s)\s*")


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
    parsed = _numbered_list(lines) if _is_numbered(lines) else _table(lines)
    if not parsed:
        raise ValidationError({"annex": "The Annex A table has no rows."})
    numbers = [p.row_no for p in parsed]
    if len(set(numbers)) != len(numbers):
        raise ValidationError({"annex": "Two rows of the Annex A table have the same number."})
    return parsed


def _is_numbered(lines: list[str]) -> bool:
    """A numbered list: no tabs, and most lines begin with a row number and a dot or bracket."""
    if any("\t" in line for line in lines):
        return False
    numbered = sum(1 for line in lines if _NUMBERED.match(line))
    return numbered >= max(1, (len(lines) + 1) // 2)


def _numbered_list(lines: list[str]) -> list[AnnexLine]:
    entries: list[tuple[int, str]] = []
    for line in lines:
        found = _NUMBERED.match(line)
        if found:
            entries.append((_row_number(found.group(1)), found.group(2)))
        elif entries:  # a row that wrapped: the rest of the line before
            number, written = entries[-1]
            entries[-1] = (number, f"{written} {line.strip()}")
        # lines before the first numbered one are a heading ("Annex A"), not a row
    return [_numbered_line(number, written) for number, written in entries]


def _numbered_line(number: int, written: str) -> AnnexLine:
    country = ""
    bracketed = _BRACKETED.match(written)
    if bracketed:
        written, country = bracketed.group(1), bracketed.group(2).upper()
    name, _sep, address = (part.strip() for part in _split_name(written))
    return AnnexLine(number, name, address, country)


def _split_name(written: str) -> tuple[str, str, str]:
    found = _NAME_END.search(written)
    if found is None:
        return written, "", ""
    return written[: found.start()], found.group(0), written[found.end() :]


def _table(lines: list[str]) -> list[AnnexLine]:
    try:
        rows = [r for r in csv.reader(lines, _dialect(lines)) if any(c.strip() for c in r)]
    except csv.Error as exc:
        raise ValidationError({"annex": f"The Annex A table cannot be read: {exc}."}) from None
    columns = _header(rows[0]) if rows else None
    if columns is not None:
        return [_by_header(index, row, columns) for index, row in enumerate(rows[1:], start=1)]
    return [_by_position(index, row) for index, row in enumerate(rows, start=1)]


def _dialect(lines: list[str]) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff("\n".join(lines[:20]), delimiters=",\t;|")
    except csv.Error:
        return csv.excel_tab if "\t" in lines[0] else csv.excel


def _header(row: Sequence[str]) -> dict[str, int] | None:
    """Which column holds what, when ``row`` is a header (every cell a column's name)."""
    cells = [cell.strip().casefold() for cell in row]
    named = [cell for cell in cells if cell]
    if not named or any(cell not in _COLUMN_OF for cell in named):
        return None
    columns: dict[str, int] = {}
    for index, cell in enumerate(cells):
        if cell:
            columns.setdefault(_COLUMN_OF[cell], index)
    return columns if "name" in columns else None


def _by_header(position: int, row: Sequence[str], columns: dict[str, int]) -> AnnexLine:
    def cell(kind: str) -> str:
        index = columns.get(kind)
        return row[index].strip() if index is not None and index < len(row) else ""

    written = cell("row").rstrip(".")
    number = _row_number(written) if written.isdecimal() else position
    return _checked(number, cell("name"), cell("address"), cell("country"))


def _by_position(position: int, row: Sequence[str]) -> AnnexLine:
    cells = [cell.strip() for cell in row]
    number = position
    if cells and cells[0].rstrip(".").isdecimal() and len(cells) > 1:
        number = _row_number(cells[0].rstrip("."))
        cells = cells[1:]
    name = cells[0] if cells else ""
    rest = cells[1:]
    country = ""
    if len(rest) >= 2 and len(rest[-1]) == 2 and rest[-1].isalpha():
        country, rest = rest[-1], rest[:-1]
    return _checked(number, name, ", ".join(c for c in rest if c), country)


def _checked(number: int, name: str, address: str, country: str) -> AnnexLine:
    if not country and (bracketed := _BRACKETED.match(name)):
        name, country = bracketed.group(1), bracketed.group(2)
    if not name:
        raise ValidationError({"annex": f"Row {number} of the Annex A table has no name."})
    return AnnexLine(number, name, address, country.upper())


def _row_number(written: str) -> int:
    number = int(written)
    if number > MAX_ROWS:
        raise ValidationError({"annex": f"Row number {number:,} is not an Annex A row."})
    return number
