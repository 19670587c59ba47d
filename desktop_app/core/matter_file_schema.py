"""Checking a matter file against its JSON Schema, every problem said so a person understands it.

The schema (docs/matter-file.schema.json, shipped as resources/schema/) is the contract; this
module runs it with the jsonschema library (draft 2020-12, formats checked) and rewrites each
error as ``$.parties[3].nationalities[0].since: <what is wrong>``. Values are quoted short and
with invisible characters written out, so a hostile file cannot hide or flood the message.

Every pattern of the schema is anchored (``^…$``) and is matched against the whole string, as
JSON Schema's ECMA-262 regular expressions read ``$``: Python's ``re.search`` would let a final
newline through, and a destination written "D:5" and a newline would silently exclude nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from jsonschema import Draft202012Validator, validators
from jsonschema.exceptions import ValidationError as SchemaError

from desktop_app.core.matter_file_format import json_path, show

_TYPES = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
    "array": "a list",
    "object": "an object",
}
_PATTERNS = {
    "date": "is not a date YYYY-MM-DD between 1900 and 2200",
    "country": "is not an ISO 3166 country code in capitals, such as US, DE or JP",
    "optional_country": "is not an ISO 3166 country code in capitals (US, DE, JP) or empty",
    "destination": (
        "is not a country code (US, DE) or a Country Group (A:1 to A:6, B, D:1 to D:5, E:1, E:2)"
    ),
    "matter_number": "is not a matter number like EC-2026-0001 (or empty)",
    "timestamp": "is not a time like 2026-06-26T09:30:00+00:00 (or empty)",
}


def schema_problems(document: Any, schema: Mapping[str, Any]) -> dict[str, str]:
    """Every way ``document`` breaks ``schema``, as {JSON path: message}, in document order."""
    validator = _Strict(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    patterns = _pattern_names(schema)
    found: dict[str, str] = {}
    for error in sorted(validator.iter_errors(document), key=lambda e: _place(e, document)):
        for path, why in _said(error, patterns):
            if path not in found:
                found[path] = why
            elif error.validator != "format":  # a date already refused by its pattern
                found[path] = f"{found[path]}; {why}"
    return found


def _whole_pattern(
    validator: Any, pattern: str, instance: Any, _schema: Mapping[str, Any]
) -> Iterator[SchemaError]:
    if validator.is_type(instance, "string") and not re.fullmatch(pattern, instance):
        yield SchemaError(f"{instance!r} does not match {pattern!r}")


# the stubs leave extend untyped; it returns a validator class like the one it extends
_Strict: type[Draft202012Validator] = validators.extend(  # type: ignore[no-untyped-call]
    Draft202012Validator, {"pattern": _whole_pattern}
)


def _place(error: SchemaError, document: Any) -> list[int]:
    """Where the error is in the document: the position of each key and index on its path."""
    place, here = [], document
    for part in error.absolute_path:
        keys = list(here) if isinstance(here, dict) else []
        place.append(keys.index(part) if part in keys else part if isinstance(part, int) else 0)
        here = here[part]
    return place


def _pattern_names(schema: Mapping[str, Any]) -> dict[str, str]:
    defs = schema.get("$defs", {})
    found = {defs[name]["pattern"]: why for name, why in _PATTERNS.items() if name in defs}
    found[defs["optional_date"]["pattern"]] = _PATTERNS["date"]
    return found


def _said(error: SchemaError, patterns: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    parts = list(error.absolute_path)
    here = json_path(parts)
    value, rule = error.instance, error.validator_value
    schema: Mapping[str, Any] = error.schema if isinstance(error.schema, Mapping) else {}
    noun = str(schema.get("title", "object"))
    known = schema.get("properties", {})
    if error.validator == "additionalProperties" and isinstance(value, dict):
        allowed = ", ".join(known)
        for key in value:
            if key not in known:
                yield json_path([*parts, key]), f"unknown key; {_a(noun)} has: {allowed}"
    elif error.validator == "required" and isinstance(value, dict):
        for key in rule if isinstance(rule, list) else []:
            if key not in value:
                yield json_path([*parts, key]), f"missing: {_a(noun)} needs it"
    elif error.validator == "pattern" and isinstance(rule, str) and rule in patterns:
        yield here, f"{show(value)} {patterns[rule]}"
    else:
        yield here, _SAYS.get(str(error.validator), _fallback)(value, rule)


def _a(noun: str) -> str:
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def _type(value: Any, rule: Any) -> str:
    wanted = [rule] if isinstance(rule, str) else list(rule)
    return f"must be {' or '.join(_TYPES.get(t, t) for t in wanted)}, not {_type_of(value)}"


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    names: dict[type, str] = {str: "text", list: "a list", dict: "an object"}
    return names.get(type(value), "something else")


def _enum(value: Any, rule: Any) -> str:
    listed = ", ".join("null" if v is None else str(v) for v in rule)
    return f"{show(value)} is not one of: {listed}"


def _const(value: Any, rule: Any) -> str:
    return f"must be {show(rule)}, not {show(value)}"


def _fallback(value: Any, rule: Any) -> str:
    return f"{show(value)} does not fit the schema ({show(rule)})"


_SAYS: dict[str, Callable[[Any, Any], str]] = {
    "type": _type,
    "enum": _enum,
    "const": _const,
    "maxItems": lambda value, rule: f"has {len(value):,} entries; at most {rule:,} are allowed",
    "maxLength": lambda value, rule: f"is {len(value):,} characters long; at most {rule:,}",
    "minLength": lambda _value, _rule: "must not be empty",
    "minimum": lambda value, rule: f"{show(value)} is less than {rule:,}, the least allowed",
    "maximum": lambda value, rule: f"{show(value)} is more than {rule:,}, the most allowed",
    "format": lambda value, rule: f"{show(value)} is not a {rule} of the calendar",
    "pattern": lambda value, _rule: f"{show(value)} is not written as this key needs",
}
