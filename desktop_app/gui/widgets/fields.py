"""Field widgets that know their kind of value: dates, country codes, optional numbers."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from desktop_app.core.validation import country_name, is_country, parse_date
from desktop_app.errors import ValidationError
from desktop_app.i18n import _


class DateField(QLineEdit):
    """An optional ISO date (2026-06-26); empty means none."""

    def __init__(self, value: date | None, parent: QWidget | None = None) -> None:
        super().__init__(value.isoformat() if value else "", parent)
        self.setPlaceholderText("YYYY-MM-DD")
        self.setMinimumWidth(105)
        self.setMaximumWidth(140)

    def value(self, name: str) -> date | None:
        """The date typed, or ValidationError naming field ``name``."""
        return parse_date(self.text(), name)


class CountryField(QWidget):
    """A two-letter country code with the country's name shown beside it as you type."""

    def __init__(self, code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit(code)
        self.edit.setPlaceholderText(_("e.g. DE"))
        self.edit.setMaximumWidth(70)
        self.name = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit)
        layout.addWidget(self.name, 1)
        self.edit.textChanged.connect(self._show_name)
        self._show_name(code)

    def value(self) -> str:
        """The code as typed, upper-cased and trimmed (validated by the core)."""
        return self.edit.text().strip().upper()

    def _show_name(self, text: str) -> None:
        code = text.strip().upper()
        self.name.setText(country_name(code) if is_country(code) else "")


class NumberField(QLineEdit):
    """An optional non-negative number, written plainly or as 3.1e26."""

    def __init__(self, value: float | None, parent: QWidget | None = None) -> None:
        super().__init__("" if value is None else f"{value:g}", parent)
        self.setPlaceholderText(_("e.g. 3.1e26"))
        self._original = value
        self._shown = self.text()

    def value(self, name: str) -> float | None:
        """The number typed (the stored one if untouched), or ValidationError for ``name``."""
        text = self.text().strip()
        if text == self._shown:
            return self._original
        if not text:
            return None
        try:
            return float(text.replace(",", ""))
        except ValueError:
            raise ValidationError(
                {name: _("{text!r} is not a number.").format(text=text)}
            ) from None


class IntField(QLineEdit):
    """An optional whole number such as an Annex A row."""

    def __init__(self, value: int | None, parent: QWidget | None = None) -> None:
        super().__init__("" if value is None else str(value), parent)
        self.setMaximumWidth(100)

    def value(self, name: str) -> int | None:
        """The whole number typed, or ValidationError for ``name``."""
        text = self.text().strip()
        if not text:
            return None
        if not text.isascii() or not text.isdecimal() or len(text) > 9:
            raise ValidationError({name: _("{text!r} is not a whole number.").format(text=text)})
        return int(text)


def read_date(field: DateField, name: str, errors: dict[str, str]) -> date | None:
    """The field's date, or None with the problem added to ``errors``."""
    try:
        return field.value(name)
    except ValidationError as exc:
        errors.update(exc.fields)
        return None


def read_required_date(
    field: DateField, name: str, errors: dict[str, str], missing: str
) -> date | None:
    """The field's date; when it is empty or unreadable, None with ``missing`` or the problem."""
    day = read_date(field, name, errors)
    if day is None and name not in errors:
        errors[name] = missing
    return day
