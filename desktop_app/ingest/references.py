"""References found in a document's text, offered as suggestions for its metadata.

Three kinds, in order of first appearance and without repeats: BIS application control numbers
("ACN Z123456": a capital letter and six digits), license numbers ("License D123456": D and six
digits; a D number is reported as a license only, though it also fits the ACN form) and ECCNs
("ECCN 4E091", "ECCN 3A090.a", "ECCN EAR99"), using the ECCN pattern of core validation.
"""

from __future__ import annotations

import re

from desktop_app.core.validation import ECCN_FULL

_ECCN = ECCN_FULL.pattern.removeprefix("^").removesuffix("$")
_REFERENCE = re.compile(
    rf"(?<![\w.])(?:(?P<license>D[0-9]{{6}})|(?P<acn>[A-Z][0-9]{{6}})|(?P<eccn>{_ECCN}|EAR99))"
    r"(?![\w])",
    re.ASCII,
)
_LABELS = {"license": "License", "acn": "ACN", "eccn": "ECCN"}


def find_references(text: str) -> tuple[str, ...]:
    """Every ACN, license number and ECCN in ``text``, labelled, first appearance first."""
    found: dict[str, None] = {}
    for match in _REFERENCE.finditer(text):
        kind = match.lastgroup or "acn"
        found.setdefault(f"{_LABELS[kind]} {match.group(kind)}", None)
    return tuple(found)
