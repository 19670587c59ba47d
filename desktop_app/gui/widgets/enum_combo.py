"""A combo box over an enum's members (or some of them), optionally with an "any" entry first."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar

from PySide6.QtWidgets import QComboBox, QWidget

from desktop_app.core.enums import LabeledEnum

E = TypeVar("E", bound=LabeledEnum)


class EnumCombo(QComboBox, Generic[E]):
    """Choose one member of ``enum``; with ``any_label`` the first entry means "none chosen".

    ``only`` narrows the choice to some members, in the order given.
    """

    def __init__(
        self,
        enum: type[E],
        any_label: str | None = None,
        parent: QWidget | None = None,
        *,
        only: Iterable[E] | None = None,
    ) -> None:
        super().__init__(parent)
        self._members: list[E | None] = [None] if any_label else []
        if any_label:
            self.addItem(any_label)
        for member in enum if only is None else only:
            self._members.append(member)
            self.addItem(member.label)

    def value(self) -> E | None:
        """The chosen member (None for the "any" entry)."""
        index = self.currentIndex()
        return self._members[index] if index >= 0 else None

    def set_value(self, member: E | None) -> None:
        """Select ``member``."""
        self.setCurrentIndex(self._members.index(member))
