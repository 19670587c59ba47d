"""The one accessor for files shipped in resources/ (importlib.resources; no compiled .qrc).

An unknown name fails loudly: a missing asset is a packaging bug, not something to paper over.
"""

from __future__ import annotations

import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

KNOWN = {
    "sample/matters.json",
    "reference/ccl.json",
    "reference/country-groups.json",
}
KNOWN_FOLDERS = {"sample/correspondence", "fonts"}


def asset(name: str) -> Traversable:
    """The shipped file ``name`` (a path under resources/)."""
    if name not in KNOWN and name.rpartition("/")[0] not in KNOWN_FOLDERS:
        raise KeyError(f"unknown asset {name!r}")
    found = files("desktop_app.resources").joinpath(name)
    if not found.is_file():
        raise FileNotFoundError(f"asset {name!r} is missing from this installation")
    return found


def read_bytes(name: str) -> bytes:
    """The bytes of a shipped file."""
    return asset(name).read_bytes()


def read_json(name: str) -> Any:
    """Parse a shipped JSON file."""
    return json.loads(asset(name).read_text(encoding="utf-8"))
