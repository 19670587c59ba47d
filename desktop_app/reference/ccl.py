"""The Commerce Control List edition shipped in resources/reference/ccl.json."""

from __future__ import annotations

import re
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


_LOST_POWER = re.compile(r"(?<![\d.])\b10 (\d{1,2})\b(?![\d.])")
"""A power of ten whose superscript the text extraction dropped: "utilizing 10 26 or more"."""


def shown_heading(text: str) -> str:
    """A heading as written, with its powers of ten readable again (``10^26``, ``10^6 m``).

    The shipped text comes from the eCFR's markup with the ``<sup>`` tags stripped, so
    4E091's 10^26 operations read "10 26"; nothing else in the heading is changed.
    """
    return _LOST_POWER.sub(r"10^\1", text)


@cache
def load_ccl() -> CclEdition:
    """Read the shipped CCL once."""
    data = read_json("reference/ccl.json")
    headings = {e["eccn"]: shown_heading(e.get("heading", "")) for e in data["entries"]}
    return CclEdition(data["ecfrIssueDate"], data["citation"], headings)
