"""Matter files: one matter as a JSON document (docs/matter-file.md), read and written.

``read_matter_file`` takes the bytes of a file and gives the draft of the matter it states, or
raises MatterFileError listing every problem by JSON path: first what the file is (JSON, the
format and its version), then every schema and reference problem together, then every check the
window would apply to the records. ``export_matter_file`` gives the bytes of a stored matter.
Nothing here touches a library; MatterFileService stores a draft.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from desktop_app.core import validation as v
from desktop_app.core.letter_checks import group_shaped
from desktop_app.core.matter_file_build import draft_of
from desktop_app.core.matter_file_checks import draft_problems
from desktop_app.core.matter_file_export import document_of
from desktop_app.core.matter_file_format import FORMAT, VERSION, MatterFileError, key_of, show
from desktop_app.core.matter_file_json import decode_json, dump_json, shape_problems
from desktop_app.core.matter_file_refs import ref_problems
from desktop_app.core.matter_file_schema import schema_problems
from desktop_app.core.models import MatterRecord
from desktop_app.core.validity import license_warnings

Heading = Callable[[str], str | None]


def read_matter_file(
    data: bytes, schema: Mapping[str, Any], is_group: Callable[[str], bool] = group_shaped
) -> MatterRecord:
    """The draft of the matter a file states (ids are positions); MatterFileError if bad.

    ``is_group`` says whether a code is a Country Group of the edition in use (a letter's
    excluded destinations); by default any code shaped like one passes.
    """
    document = decode_json(data)
    problems = _head_problems(document) or shape_problems(document)
    if not problems:
        problems = schema_problems(document, schema)
        for path, why in ref_problems(document).items():
            problems[path] = f"{problems[path]}; {why}" if path in problems else why
    if problems:
        raise MatterFileError(problems)
    draft = draft_of(document)
    problems = draft_problems(draft, is_group)
    if problems:
        raise MatterFileError(problems)
    return draft


def export_matter_file(record: MatterRecord) -> bytes:
    """The bytes of a matter file for a stored matter (the same matter, the same bytes)."""
    return dump_json(document_of(record))


def draft_warnings(draft: MatterRecord, heading: Heading) -> dict[str, str]:
    """What the window would warn about (kept as typed), by JSON path.

    ``heading(eccn)`` is the Commerce Control List heading of an ECCN, None when unlisted.
    """
    found = {f"$.matter.{field}": why for field, why in v.matter_warnings(draft.matter).items()}
    for i, item in enumerate(draft.items):
        for field, why in v.item_warnings(item, heading).items():
            found[f"$.items[{i}].{key_of(type(item), field)}"] = why
    for i, lic in enumerate(draft.decisions.licenses):
        for field, why in license_warnings(lic, draft.items).items():
            found[f"$.licenses[{i}].{key_of(type(lic), field) or field}"] = why
    return found


def _head_problems(document: Any) -> dict[str, str]:
    """What stops reading before the schema: not an object, not this format, a newer version."""
    if not isinstance(document, dict):
        return {"$": "a matter file is a JSON object with format, version and matter"}
    if document.get("format") != FORMAT:
        given = show(document["format"]) if "format" in document else "nothing"
        why = f"not a Compliance Desk matter file: format must be {show(FORMAT)}, not {given}"
        return {"$.format": why}
    version = document.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > VERSION:
        return {
            "$.version": f"the file is version {version} of the format; this Compliance Desk "
            f"reads version {VERSION}: load it with a newer one"
        }
    return {}
