"""The refs of a matter file: unique within each list, and every link naming one that exists.

Read tolerantly: a file the schema refuses is still searched for reference problems wherever
its shape allows, so one pass reports both kinds.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from desktop_app.core.matter_file_format import BY_KEY, LINKS, LISTS, NESTED, json_path, show

Refs = dict[str, dict[str, int]]


def refs_of(document: Any) -> Refs:
    """For each list, every ref given and the 1-based position of its (first) record."""
    found: Refs = {}
    for kind in LISTS:
        seen: dict[str, int] = {}
        for index, entry in _entries(document, kind.key):
            ref = entry.get("ref")
            if isinstance(ref, str):
                seen.setdefault(ref, index + 1)
        found[kind.key] = seen
    return found


def ref_problems(document: Any) -> dict[str, str]:
    """{JSON path: message} for every ref given twice and every link naming no record."""
    refs = refs_of(document)
    problems: dict[str, str] = {}
    for kind in LISTS:
        for index, entry in _entries(document, kind.key):
            ref = entry.get("ref")
            first = refs[kind.key].get(ref) if isinstance(ref, str) else None
            if first is not None and first != index + 1:
                problems[json_path([kind.key, index, "ref"])] = (
                    f"{show(ref)} is already the ref of {json_path([kind.key, first - 1])}; "
                    f"each {kind.noun} needs its own"
                )
            problems.update(_dangling(kind.record, entry, [kind.key, index], refs))
            for sub_index, sub in _nested(kind.record, entry):
                key, sub_type, _parent = NESTED[kind.record]
                problems.update(_dangling(sub_type, sub, [kind.key, index, key, sub_index], refs))
    return problems


def _dangling(
    record_type: type, entry: dict[str, Any], at: list[str | int], refs: Refs
) -> Iterator[tuple[str, str]]:
    for key, target in LINKS.get(record_type, {}).values():
        value = entry.get(key)
        named = [(json_path([*at, key]), value)] if isinstance(value, str) else []
        if isinstance(value, list):
            named = [(json_path([*at, key, i]), v) for i, v in enumerate(value)]
        for path, ref in named:
            if isinstance(ref, str) and ref not in refs[target]:
                noun = BY_KEY[target].noun
                yield path, f"no {noun} of this file has the ref {show(ref)}"


def _entries(document: Any, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    entries = document.get(key) if isinstance(document, dict) else None
    if isinstance(entries, list):
        yield from ((i, e) for i, e in enumerate(entries) if isinstance(e, dict))


def _nested(record_type: type, entry: dict[str, Any]) -> Iterator[tuple[int, dict[str, Any]]]:
    if record_type in NESTED:
        yield from _entries(entry, NESTED[record_type][0])
