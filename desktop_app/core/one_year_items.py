"""The items whose licenses 15 CFR 750.7(g) limits to one year of validity.

750.7(g): one year for the firearms ECCNs 0A501, 0A502 and 0A504 through 0A509 (any paragraph),
and for the items listed in 742.6(a)(6)(iii)(A), the advanced-computing paragraphs whose RS
control reaches "any destination worldwide". That list is read from the Commerce Control List of
the eCFR of 2026-07-23 (resources/reference/ccl.json, each entry's RS line citing
742.6(a)(6)(iii)(A)); a test keeps the two in step. The AI Diffusion rule that added the last
category was announced as rescinded on 13 May 2025 while the text still stands, so the app only
warns; counsel decide (docs/domain.md#editions).

Where the recorded ECCN is less precise than the listed paragraph (3A090 for 3A090.a), or names a
software or technology entry only part of which is for listed commodities (3D001, 4E001, …), the
item "may" be listed: the warning says so and asks for the paragraph.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from desktop_app.core.models import Item

Listing = Literal["listed", "may be listed"]

FIREARMS = frozenset({"0A501", "0A502", "0A504", "0A505", "0A506", "0A507", "0A508", "0A509"})

WORLDWIDE_ADVANCED_COMPUTING = frozenset(
    {
        "3A001.z.1.a", "3A001.z.2.a", "3A001.z.3.a", "3A001.z.4.a",
        "3A090.a",
        "4A003.z.1.a", "4A003.z.2.a", "4A004.z.1", "4A005.z.1",
        "4A090.a",
        "5A002.z.1.a", "5A002.z.2.a", "5A002.z.3.a", "5A002.z.4.a", "5A002.z.5.a",
        "5A004.z.1.a", "5A004.z.2.a",
        "5A992.z.1",
        "5D002.z.1.a", "5D002.z.2.a", "5D002.z.3.a", "5D002.z.4.a", "5D002.z.5.a",
        "5D002.z.6.a", "5D002.z.7.a", "5D002.z.8.a", "5D002.z.9.a",
        "5D992.z.1",
    }
)  # fmt: skip
"""Paragraphs listed in 742.6(a)(6)(iii)(A) by their own number."""

FOR_LISTED_COMMODITIES = frozenset({"3D001", "4D001", "4D090", "4E001", "5E002", "5E992"})
"""Software and technology entries listed only in part: what is "for" a listed commodity."""

ONE_YEAR_RULE = "15 CFR 750.7(g), 742.6(a)(6)(iii)(A)"


def _normal(eccn: str) -> str:
    """``3a090.A`` -> ``3A090.a``: the five-character ECCN upper case, its paragraphs lower."""
    head, _, rest = eccn.strip().partition(".")
    return f"{head.upper()}.{rest.lower()}" if rest else head.upper()


def one_year_listing(eccn: str) -> tuple[Listing, str] | None:
    """Whether ``eccn`` gets one-year validity, and the rule that says so (None: it does not).

    >>> one_year_listing("3A090.a.1")
    ('listed', '15 CFR 750.7(g), 742.6(a)(6)(iii)(A)')
    >>> one_year_listing("4A090")[0]
    'may be listed'
    """
    code = _normal(eccn)
    if not code:
        return None
    base = code[:5]
    if base in FIREARMS:
        return "listed", "15 CFR 750.7(g) (firearms, 0A501, 0A502, 0A504-0A509)"
    if any(code == p or code.startswith(p + ".") for p in WORLDWIDE_ADVANCED_COMPUTING):
        return "listed", ONE_YEAR_RULE
    if base in FOR_LISTED_COMMODITIES:
        return "may be listed", ONE_YEAR_RULE
    if any(p.startswith(code + ".") for p in WORLDWIDE_ADVANCED_COMPUTING):
        return "may be listed", ONE_YEAR_RULE
    return None


def one_year_notes(items: Iterable[Item]) -> list[str]:
    """One sentence per item that gets (or may get) one-year validity, naming the rule."""
    notes = []
    for item in items:
        found = one_year_listing(item.eccn)
        if found is None:
            continue
        listing, rule = found
        ask = "" if listing == "listed" else " (record the paragraph to be sure)"
        notes.append(f"{item.name} ({item.eccn.strip()}) {listing} under {rule}{ask}")
    return notes
