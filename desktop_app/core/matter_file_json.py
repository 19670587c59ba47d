"""Reading and writing the JSON text of a matter file, strictly and in one spelling.

Reading refuses what JSON parsers disagree on or what cannot be a fact: bytes that are not
UTF-8, a key given twice in one object, NaN and Infinity, numbers too large to be finite,
nesting deeper than Python's parser goes. A UTF-8 byte-order mark at the start is allowed (some
editors write one). `shape_problems` bounds the time the schema check takes: no list of more
than MAX_RECORDS entries is looked into, and no document of more than MAX_VALUES values is
checked at all (a 20 MiB file of seven million empty strings would otherwise take minutes), and
a file with more than MAX_VALUES brackets and braces is not even parsed (seven million empty
objects would take half a gigabyte).
Writing gives one spelling per document: keys in the order given, two-space
indent, UTF-8, a final newline, so the same matter always exports to the same bytes.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

from desktop_app.core.matter_file_format import MAX_BYTES, MAX_RECORDS, MatterFileError, json_path

_BOM = "\ufeff"
MAX_DIGITS = 30
MAX_VALUES = 2_000_000
TOO_MANY = f"the file holds more than {MAX_VALUES:,} values; no matter file does"


class _Twice(dict[str, Any]):
    """An object in which some keys were given more than once (the last value is kept)."""

    twice: tuple[str, ...] = ()


class _RefusedError(ValueError):
    """A value the strict reader does not accept, with what to say about it."""


def decode_json(data: bytes) -> Any:
    """The JSON value in ``data``; MatterFileError (at ``$``) naming what is wrong."""
    if len(data) > MAX_BYTES:
        raise MatterFileError({"$": too_large(len(data))})
    if data.count(b"[") + data.count(b"{") > MAX_VALUES:  # bounds what parsing allocates
        raise MatterFileError({"$": TOO_MANY})
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MatterFileError(
            {"$": f"the file is not UTF-8 text (byte {exc.start:,} is not UTF-8); save it as UTF-8"}
        ) from None
    marked: list[_Twice] = []
    try:
        document = json.loads(
            text.removeprefix(_BOM),
            object_pairs_hook=lambda pairs: _object(pairs, marked),
            parse_constant=_no_constant,
            parse_float=_finite,
            parse_int=_short_int,
        )
    except json.JSONDecodeError as exc:
        why = f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
    except _RefusedError as exc:
        why = str(exc)
    except RecursionError:
        why = "the JSON is nested too deeply to be a matter file"
    else:
        if marked:
            raise MatterFileError(dict(_keys_twice(document)))
        return document
    raise MatterFileError({"$": why})


def too_large(size: int) -> str:
    """What to say about a file of ``size`` bytes, over the limit."""
    return (
        f"the file is {size:,} bytes ({size / 2**20:.1f} MiB); a matter file may be at most "
        f"{MAX_BYTES:,} bytes ({MAX_BYTES // 2**20} MiB)"
    )


def shape_problems(document: Any) -> dict[str, str]:
    """{path: why} for every list too long to be one of a matter file, or the file too big.

    Visits each value once and never looks into a list it refuses.
    """
    found: dict[str, str] = {}
    count = 1
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), document)]
    while stack:
        parts, value = stack.pop()
        if isinstance(value, list) and len(value) > MAX_RECORDS:
            found[json_path(parts)] = (
                f"has {len(value):,} entries; at most {MAX_RECORDS:,} are allowed"
            )
            continue
        items = value.items() if isinstance(value, dict) else enumerate(value)
        count += len(value)
        if count > MAX_VALUES:
            return {"$": TOO_MANY}
        stack.extend(
            ((*parts, key), v) for key, v in reversed(list(items)) if isinstance(v, list | dict)
        )
    return found


def dump_json(document: Any) -> bytes:
    """The one spelling of a matter-file document, as UTF-8 bytes with a final newline."""
    text = json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False)
    return (text + "\n").encode("utf-8")


def _object(pairs: list[tuple[str, Any]], marked: list[_Twice]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    counts = Counter(key for key, _value in pairs)
    twice = _Twice(found)
    twice.twice = tuple(key for key, count in counts.items() if count > 1)
    marked.append(twice)
    return twice


def _keys_twice(document: Any) -> list[tuple[str, str]]:
    """(path, why) for every key given twice in one object, in document order."""
    found: list[tuple[str, str]] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), document)]
    while stack:
        parts, value = stack.pop()
        if isinstance(value, _Twice):
            why = "this key appears more than once in the same object; keep one"
            found += [(json_path((*parts, key)), why) for key in value.twice]
        if isinstance(value, dict):
            children = [((*parts, k), v) for k, v in value.items()]
        elif isinstance(value, list):
            children = [((*parts, i), v) for i, v in enumerate(value)]
        else:
            continue
        stack.extend(reversed(children))
    return found


def _no_constant(name: str) -> Any:
    raise _RefusedError(f"{name} is not a number a matter file can hold (JSON has no {name})")


def _short_int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise _RefusedError(f"a number with {len(text):,} digits is not one a matter file can hold")
    return int(text)


def _finite(text: str) -> float:
    value = float(text)
    if len(text) > MAX_DIGITS * 2 or not math.isfinite(value):
        raise _RefusedError(f"the number {text[:40]} is not one a matter file can hold")
    return value
