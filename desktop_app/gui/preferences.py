"""Edit → Preferences: the name and title of the person signed in, kept in the library.

The History and the command line name the person so instead of by the account; the account the
change was made under is still what the audit chain records (`desktop_app.core.people`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QLineEdit, QWidget

from desktop_app.core.people import PeopleService, Person, person_errors
from desktop_app.gui.gateway import Gateway
from desktop_app.gui.widgets.form import FormDialog, TextBinding
from desktop_app.i18n import _


class PreferencesDialog(FormDialog[Person]):
    """The signed-in person's name and title."""

    def __init__(self, gateway: Gateway, parent: QWidget | None = None) -> None:
        account = gateway.actor
        me = gateway.people().get(account, Person(account))
        super().__init__(_("Preferences"), _submitter(gateway), parent, check=person_errors)
        self._account = account
        self.name = TextBinding(QLineEdit(), me.name)
        self.name.widget.setPlaceholderText(_("e.g. Jane Doe"))
        self.title_field = TextBinding(QLineEdit(), me.title)
        self.title_field.widget.setPlaceholderText(_("e.g. Senior Counsel, Export Controls"))
        hint = _(
            "Shown in the History instead of the account {account}, which the audit chain "
            "still records; kept in this library."
        ).format(account=account)
        self.add_row("name", _("Your &name"), self.name.widget, hint)
        self.add_row("title", _("Your &title"), self.title_field.widget)
        self.resize(520, 260)

    def build(self) -> Person:
        """The person as typed."""
        return Person(self._account, self.name.value().strip(), self.title_field.value().strip())


def _submitter(gateway: Gateway) -> Callable[..., None]:
    def submit(
        person: Person,
        on_done: Callable[[Person], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        actor = gateway.actor
        gateway.run(
            lambda library: PeopleService(library, actor).set_me(person.name, person.title),
            on_done,
            on_error,
        )

    return submit
