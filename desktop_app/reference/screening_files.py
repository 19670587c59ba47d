"""Reading an edition of the Consolidated Screening List from the files it comes in.

Three shapes are read: the compact JSON the app ships (resources/reference/screening-list.json,
with its short field keys and tables), and trade.gov's two bulk downloads — the consolidated
JSON (``{"sources_used": […], "results": […]}``) and the consolidated CSV (one row per entry,
several values in a cell separated by ``;``). Anything else, a truncated file, or a file with
no entries is refused with a message that says which, and nothing is read from it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from desktop_app.core.screening_lists import ListEdition, ListEntry, entry_key, list_code
from desktop_app.errors import UserError

MAX_BYTES = 512 * 1024 * 1024
"""The largest list file read (the whole CSL is about 40 MB as JSON)."""
_CSV_NEEDS = {"source", "name"}
Read = tuple[list[ListEntry], date | None, str]
"""The entries of a file, the date it says it was published (if any), and its source."""


class ListFileError(UserError):
    """A file that is not an edition of the screening list the app can read."""


def read_edition(path: Path, published: date | None = None) -> tuple[bytes, ListEdition]:
    """The bytes of the list file ``path`` and the edition they hold.

    ``published`` is needed only when the file carries no date (trade.gov's CSV).
    """
    data = _read_bytes(path)
    return data, parse_edition(data, Path(path.name), published)


def parse_edition(data: bytes, path: Path, published: date | None = None) -> ListEdition:
    """The edition held in ``data``, the bytes of a file named ``path``."""
    sha = hashlib.sha256(data).hexdigest()
    if path.suffix.lower() == ".csv":
        entries, found = _from_csv(data, path), None
        source = "trade.gov consolidated CSV"
    else:
        document = _json(data, path)
        entries, found, source = _from_json(document, path)
    unique = tuple(_unique(entries))
    if not unique:
        raise ListFileError(f"{path.name} holds no list entries; nothing was imported.")
    when = published or found
    if when is None:
        raise ListFileError(
            f"{path.name} does not say when the list was published; give the edition's date "
            "with --published YYYY-MM-DD."
        )
    return ListEdition(when, sha, source, unique, file_name=path.name)


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ListFileError(f"{path.name} is {size:,} bytes, more than a list file can be.")
        return path.read_bytes()
    except OSError as exc:
        raise ListFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None


def _json(data: bytes, path: Path) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ListFileError(f"{path.name} is not UTF-8 text; it is not a list file.") from None
    except json.JSONDecodeError as exc:
        at = f"line {exc.lineno}, column {exc.colno}"
        raise ListFileError(
            f"{path.name} is not whole JSON (it stops or breaks at {at}): truncated or not a "
            "list file. Nothing was imported."
        ) from None


def _from_json(document: Any, path: Path) -> Read:
    if isinstance(document, dict) and isinstance(document.get("entries"), list):
        return _from_compact(document, path)
    if isinstance(document, dict) and isinstance(document.get("results"), list):
        return _from_trade_gov(document, path)
    raise ListFileError(
        f"{path.name} is JSON but not the Consolidated Screening List (neither the trade.gov "
        "download, with its 'results', nor the app's own list file, with its 'entries')."
    )


def _from_compact(document: Mapping[str, Any], path: Path) -> Read:
    tables = document.get("tables")
    if not isinstance(tables, dict):
        raise ListFileError(f"{path.name} lacks the tables its entries refer to.")
    entries = [_compact_entry(row, tables, path) for row in document["entries"]]
    expected = document.get("entryCount")
    if isinstance(expected, int) and expected != len(entries):
        raise ListFileError(
            f"{path.name} says it holds {expected:,} entries but holds {len(entries):,}: "
            "it is truncated. Nothing was imported."
        )
    source = str(document.get("citation") or "Consolidated Screening List")
    return entries, _day(document.get("sourceGeneratedAt")), source


def _compact_entry(row: Any, tables: Mapping[str, Any], path: Path) -> ListEntry:
    if not isinstance(row, dict) or not isinstance(row.get("n"), str):
        raise ListFileError(f"{path.name} has an entry without a name; it is damaged.")

    def pick(table: str, key: str) -> str:
        index = row.get(key)
        values = tables.get(table) or []
        return str(values[index]) if isinstance(index, int) and 0 <= index < len(values) else ""

    name_of_list = pick("sources", "s")
    code = list_code(name_of_list)
    number = str(row.get("e") or "")
    programs = pick("programmes", "pg")
    return ListEntry(
        key=entry_key(code, number, row["n"]),
        list_code=code,
        list_name=name_of_list,
        name=row["n"],
        aliases=_texts(row.get("a")),
        kind=str(row.get("t") or ""),
        countries=_texts(row.get("c")),
        entity_number=number,
        federal_register=str(row.get("fr") or ""),
        license_requirement=pick("licenceRequirements", "lr"),
        license_policy=pick("licencePolicies", "lp"),
        programs=tuple(p.strip() for p in programs.split(";") if p.strip()),
        url=pick("urls", "u"),
    )


def _from_trade_gov(document: Mapping[str, Any], path: Path) -> Read:
    results = document["results"]
    total = document.get("total")
    if isinstance(total, int) and total != len(results):
        raise ListFileError(
            f"{path.name} says it holds {total:,} entries but holds {len(results):,}: "
            "it is truncated. Nothing was imported."
        )
    entries = [_trade_gov_entry(row, path) for row in results]
    updated = [
        _day(s.get("source_last_updated") or s.get("last_imported"))
        for s in document.get("sources_used") or []
        if isinstance(s, dict)
    ]
    known = [d for d in updated if d is not None]
    return entries, max(known) if known else None, "trade.gov consolidated JSON"


def _trade_gov_entry(row: Any, path: Path) -> ListEntry:
    if not isinstance(row, dict) or not isinstance(row.get("name"), str):
        raise ListFileError(f"{path.name} has an entry without a name; it is damaged.")
    return _entry(
        source=str(row.get("source") or ""),
        name=row["name"],
        aliases=_texts(row.get("alt_names")),
        kind=str(row.get("type") or ""),
        countries=_countries(row.get("addresses")),
        number=str(row.get("entity_number") or ""),
        federal_register=str(row.get("federal_register_notice") or ""),
        requirement=str(row.get("license_requirement") or ""),
        policy=str(row.get("license_policy") or ""),
        programs=_texts(row.get("programs")),
        url=str(row.get("source_list_url") or ""),
    )


def _from_csv(data: bytes, path: Path) -> list[ListEntry]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ListFileError(f"{path.name} is not UTF-8 text; it is not a list file.") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = set(reader.fieldnames or ())
    if not header >= _CSV_NEEDS:
        raise ListFileError(
            f"{path.name} is not the Consolidated Screening List CSV (it has no "
            f"{', '.join(sorted(_CSV_NEEDS - header))} column)."
        )
    width = len(reader.fieldnames or ())
    entries = []
    for number, row in enumerate(reader, start=2):
        if None in row or len([v for v in row.values() if v is not None]) < width:
            raise ListFileError(
                f"{path.name} breaks off at line {number}: truncated. Nothing was imported."
            )
        if (row.get("name") or "").strip():
            entries.append(_csv_entry(row))
    if text and not text.endswith(("\n", "\r")):
        raise ListFileError(f"{path.name} does not end with a whole line: truncated.")
    return entries


def _csv_entry(row: Mapping[str, str]) -> ListEntry:
    return _entry(
        source=row.get("source", ""),
        name=row["name"],
        aliases=_split(row.get("alt_names", "")),
        kind=row.get("type", ""),
        countries=tuple(
            c for c in (_csv_country(a) for a in _split(row.get("addresses", ""))) if c
        ),
        number=row.get("entity_number", ""),
        federal_register=row.get("federal_register_notice", ""),
        requirement=row.get("license_requirement", ""),
        policy=row.get("license_policy", ""),
        programs=_split(row.get("programs", "")),
        url=row.get("source_list_url", ""),
    )


def _entry(
    *,
    source: str,
    name: str,
    aliases: tuple[str, ...],
    kind: str,
    countries: tuple[str, ...],
    number: str,
    federal_register: str,
    requirement: str,
    policy: str,
    programs: tuple[str, ...],
    url: str,
) -> ListEntry:
    code = list_code(source)
    return ListEntry(
        key=entry_key(code, number, name),
        list_code=code,
        list_name=source.strip(),
        name=name.strip(),
        aliases=aliases,
        kind=kind.strip(),
        countries=tuple(dict.fromkeys(countries)),
        entity_number=number.strip(),
        federal_register=federal_register.strip(),
        license_requirement=requirement.strip(),
        license_policy=policy.strip(),
        programs=programs,
        url=url.strip(),
    )


def _unique(entries: Iterable[ListEntry]) -> Iterator[ListEntry]:
    """Each entry once: a second entry under a key already seen gets ``#2``, a third ``#3``."""
    seen: dict[str, int] = {}
    for entry in entries:
        count = seen.get(entry.key, 0) + 1
        seen[entry.key] = count
        if count == 1:
            yield entry
        else:
            yield ListEntry(**{**entry.__dict__, "key": f"{entry.key}#{count}"})


def _texts(value: Any) -> tuple[str, ...]:
    if isinstance(value, str):
        return _split(value)
    if not isinstance(value, list):
        return ()
    return tuple(dict.fromkeys(str(v).strip() for v in value if str(v).strip()))


def _split(cell: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(p.strip() for p in cell.split(";") if p.strip()))


def _countries(addresses: Any) -> tuple[str, ...]:
    if not isinstance(addresses, list):
        return ()
    found = (str(a.get("country") or "").strip().upper() for a in addresses if isinstance(a, dict))
    return tuple(dict.fromkeys(c for c in found if len(c) == 2 and c.isalpha()))


def _csv_country(address: str) -> str:
    last = address.rsplit(",", 1)[-1].strip().upper()
    return last if len(last) == 2 and last.isalpha() else ""


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00")).date()
    except ValueError:
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
