"""What one write changed, as the audit entries it appended say: kinds of record and matters.

The window reloads only the views a change touches (docs/architecture.md, "How a change reaches
the screen"). Entities are the audit chain's names for record kinds (the table names).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """The kinds of record written and their matters; ``everything`` after a restore."""

    entities: frozenset[str] = frozenset()
    matters: frozenset[int] = frozenset()
    everything: bool = False

    @classmethod
    def all(cls) -> Change:
        """A change that touches every view (the library was replaced or reopened)."""
        return cls(everything=True)

    @property
    def empty(self) -> bool:
        """True when nothing was written."""
        return not (self.everything or self.entities)

    def touches(self, kinds: frozenset[str]) -> bool:
        """True when a record of one of ``kinds`` was written."""
        return self.everything or not self.entities.isdisjoint(kinds)

    def concerns(self, matter_id: int | None) -> bool:
        """True when something on matter ``matter_id`` was written."""
        return self.everything or (matter_id is not None and matter_id in self.matters)
