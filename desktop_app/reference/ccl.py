"""The Commerce Control List edition shipped in resources/reference/ccl.json."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from desktop_app.assets import read_json


@dataclass(frozen=True)
class CclEdition:
    """The ECCNs of one CCL edition with their headings."""

    edition: str
    citation: str
    headings: dict[str, str]

    def heading(self, eccn: str) -> str | None:
        """The heading of an ECCN's base entry (``4E091`` for ``4E091.a``), if listed."""
        return self.headings.get(eccn.split(".", 1)[0])


@cache
def load_ccl() -> CclEdition:
    """Read the shipped CCL once."""
    data = read_json("reference/ccl.json")
    headings = {e["eccn"]: e.get("heading", "") for e in data["entries"]}
    return CclEdition(data["ecfrIssueDate"], data["citation"], headings)
