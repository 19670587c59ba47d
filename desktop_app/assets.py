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
    "reference/screening-list.json",
    "schema/matter-file.schema.json",
}
KNOWN_FOLDERS = {"sample/correspondence", "fonts", "icons"}


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


def font_licenses() -> list[tuple[str, str, str]]:
    """(font, licence, file) for every LICENSE-*.txt shipped in fonts/, in name order.

    The files are Debian copyright files: the font is their ``Upstream-Name`` and the licence
    the ``License`` of their ``Files: *`` stanza.
    """
    found = []
    for entry in sorted(files("desktop_app.resources").joinpath("fonts").iterdir(), key=_name):
        if not (entry.name.startswith("LICENSE-") and entry.name.endswith(".txt")):
            continue
        name, licence, in_main = entry.name[8:-4], "", False
        for line in entry.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition(":")
            if key == "Upstream-Name":
                name = value.strip()
            elif key == "Files":
                in_main = value.strip() == "*"
            elif key == "License" and in_main and not licence:
                licence = value.strip()
        found.append((name, licence, f"fonts/{entry.name}"))
    return found


def _name(entry: Traversable) -> str:
    return entry.name
