"""A table's columns with withdrawn rows marked: greyed, and a Withdrawn column (when, why)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Any, TypeVar

from desktop_app.core.withdrawal import is_withdrawn, marking
from desktop_app.gui.widgets.table_model import Column
from desktop_app.i18n import _

T = TypeVar("T")
GREY = "#6b6b6b"


def with_withdrawal(columns: Sequence[Column[T]], record_of: Callable[[T], Any]) -> list[Column[T]]:
    """``columns`` greyed on a withdrawn row, then a Withdrawn column ("2026-12-08: reason")."""
    marked = [replace(c, foreground=_greyed(record_of, c.foreground)) for c in columns]
    withdrawn: Column[T] = Column(
        _("Withdrawn"),
        lambda r: marking(record_of(r)).removeprefix("Withdrawn on "),
        tooltip=lambda r: marking(record_of(r)),
    )
    return [*marked, withdrawn]


def _greyed(
    record_of: Callable[[T], Any], own: Callable[[T], str | None] | None
) -> Callable[[T], str | None]:
    """Grey on a withdrawn row; else the column's own colour."""

    def colour(row: T) -> str | None:
        if is_withdrawn(record_of(row)):
            return GREY
        return own(row) if own is not None else None

    return colour
