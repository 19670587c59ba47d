"""The Country Groups edition shipped in resources/reference/country-groups.json.

15 CFR Part 740, Supplement No. 1 lists its members by name ("China (PRC)", "Korea, North");
the app stores ISO 3166-1 alpha-2 codes. This module maps one to the other so that
``load_country_groups().groups_of("CN")`` answers ``{"D:1", "D:3", "D:4", "D:5"}``. Hong Kong
counts as China (the JSON's aliases say so); Macau is listed on its own and is not in D:5.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from iso3166 import countries

from desktop_app.assets import read_json

# Codes whose ISO name does not match the name the supplement uses, even through its aliases.
_AS_WRITTEN: dict[str, tuple[str, ...]] = {
    "BA": ("Bosnia & Herzegovina",),
    "BN": ("Brunei",),
    "BO": ("Bolivia",),
    "BS": ("The Bahamas",),
    "CD": ("Congo (Democratic Republic of)", "Congo (Democratic Republic of the)"),
    "CG": ("Congo (Republic of the)",),
    "CI": ("Cote d'lvoire",),
    "CV": ("Cape Verde",),
    "GB": ("United Kingdom",),
    "GM": ("Gambia, The",),
    "IR": ("Iran",),
    "KN": ("Saint Kitts & Nevis",),
    "KP": ("Korea, North",),
    "LA": ("Laos",),
    "MD": ("Moldova",),
    "NR": ("Nauru",),
    "ST": ("Sao Tome & Principe",),
    "SX": ("Sint Maarten (the Dutch two-fifths of the island of Saint Martin)",),
    "SY": ("Syria",),
    "TT": ("Trinidad & Tobago",),
    "TZ": ("Tanzania",),
    "VA": ("Vatican City",),
    "VE": ("Venezuela",),
}


@dataclass(frozen=True)
class CountryGroups:
    """The Country Groups of one eCFR edition, keyed by group code and by ISO country code."""

    edition: str
    citation: str
    labels: dict[str, str]
    members: dict[str, tuple[str, ...]]
    names_by_code: dict[str, tuple[str, ...]]

    def groups_of(self, code: str) -> frozenset[str]:
        """The groups (``"A:1"``, ``"D:5"`` …) a country code belongs to; empty if none."""
        names = self.names_by_code.get(code.upper(), ())
        return frozenset(
            group for group, listed in self.members.items() if set(names) & set(listed)
        )

    def in_group(self, code: str, group: str) -> bool:
        """True when the country ``code`` is a member of ``group``."""
        return group in self.groups_of(code)


def _names_by_code(listed: set[str], aliases: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """Map every ISO alpha-2 code to the names the supplement lists it under."""
    found: dict[str, tuple[str, ...]] = {}
    for country in countries:
        named = _AS_WRITTEN.get(country.alpha2)
        if named is None:
            for candidate in (country.name, country.apolitical_name):
                name = candidate if candidate in listed else aliases.get(candidate.casefold())
                if name in listed:
                    named = (name,)
                    break
        if named:
            found[country.alpha2] = named
    return found


@cache
def load_country_groups() -> CountryGroups:
    """Read the shipped Country Groups once."""
    data = read_json("reference/country-groups.json")
    members = {group: tuple(names) for group, names in data["groups"].items()}
    aliases = {alias.casefold(): name for alias, name in data["aliases"].items()}
    listed = {name for names in members.values() for name in names}
    return CountryGroups(
        edition=data["ecfrIssueDate"],
        citation=data["citation"],
        labels=dict(data["labels"]),
        members=members,
        names_by_code=_names_by_code(listed, aliases),
    )


@lru_cache(maxsize=1024)
def groups_of(code: str) -> frozenset[str]:
    """The Country Groups of an ISO code in the shipped edition (loaded on first use).

    Cached: coverage asks it for every nationality of every person of a matter.
    """
    return load_country_groups().groups_of(code)


def is_group(code: str) -> bool:
    """True for a Country Group code of the shipped edition (``D:5``, ``B``)."""
    return code in load_country_groups().members
