"""A table's columns with withdrawn rows marked: greyed, and a Withdrawn column (when, why)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from typing import Any, TypeVar

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QStyle

from desktop_app.core.withdrawal import is_withdrawn, marking
from desktop_app.gui.widgets.table_model import Column
from desktop_app.i18n import _

T = TypeVar("T")
GREY = "#6b6b6b"


def with_withdrawal(columns: Sequence[Column[T]], record_of: Callable[[T], Any]) -> list[Column[T]]:
    """``columns`` greyed on a withdrawn row, then a Withdrawn column ("2026-12-08: reason")."""
    marked = [replace(c, foreground=_greyed(record_of, c.foreground)) for c in columns]
    if marked:
        first = marked[0]
        marked[0] = replace(
            first,
            decoration=_marked(record_of, first.decoration),
            tooltip=_told(record_of, first.tooltip),
        )
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


def _marked(
    record_of: Callable[[T], Any], own: Callable[[T], QIcon | None] | None
) -> Callable[[T], QIcon | None]:
    """The withdrawn mark before the first cell of a withdrawn row (seen without scrolling)."""

    def icon(row: T) -> QIcon | None:
        if is_withdrawn(record_of(row)):
            return _withdrawn_icon()
        return own(row) if own is not None else None

    return icon


def _told(record_of: Callable[[T], Any], own: Callable[[T], str] | None) -> Callable[[T], str]:
    """The first cell's tooltip: "Withdrawn on D: reason" on a withdrawn row."""

    def tip(row: T) -> str:
        said = marking(record_of(row))
        return said or (own(row) if own is not None else "")

    return tip


@cache
def _withdrawn_icon() -> QIcon:
    style = QApplication.style()
    return style.standardIcon(QStyle.StandardPixmap.SP_DialogCancelButton)
