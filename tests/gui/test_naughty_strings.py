"""Every naughty string survives the edit dialogs: untouched fields come back exactly, typed
text is stored exactly as the field holds it, and tables show it without breaking."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QEvent
from pytestqt.qtbot import QtBot

from desktop_app.core.enums import ItemKind, MatterKind, PartyRole, TransactionType
from desktop_app.core.models import Activity, Item, Matter, Note, Party
from desktop_app.core.validation import text_errors
from desktop_app.gui.main_window import MainWindow
from desktop_app.gui.matter.activity_dialog import ActivityDialog
from desktop_app.gui.matter.item_dialog import ItemDialog
from desktop_app.gui.matter.matter_dialog import MatterDialog
from desktop_app.gui.matter.note_dialog import NoteDialog
from desktop_app.gui.matter.party_dialog import PartyDialog
from desktop_app.gui.widgets.form import FormDialog
from desktop_app.reference.ccl import load_ccl
from desktop_app.storage import queries

WriteWaiter = Callable[[MainWindow], None]
EXTRA = ["\x00", "\r", "\n", "\r\n", "\u202e", "👩‍👩‍👧‍👦", "Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇", "x" * 10_000]


def _never(*_args: Any) -> None:
    raise AssertionError("the dialog must not save")


def _storable(blns: list[str]) -> list[str]:
    return [s for s in blns + EXTRA if not text_errors(Note(1, s))]


def _matter(s: str) -> Matter:
    return Matter(
        title=s if s.strip() else "title",
        kind=MatterKind.INTERNAL_REVIEW,
        number="EC-2026-0001",
        summary=s,
        acn=s,
        license_number=s,
        counsel=s,
        tags=(s,) if s.strip() and "\n" not in s else (),
        opened=date(2026, 6, 12),
        id=1,
    )


@pytest.mark.exhaustive
def test_untouched_dialogs_give_back_every_string(qtbot: QtBot, blns: list[str]) -> None:
    ccl = load_ccl()
    for s in _storable(blns):
        name = s if s.strip() else "name"
        matter = _matter(s)
        party = Party(
            1, name, PartyRole.OTHER, address=s, aliases=matter.tags, visa_type=s, notes=s, id=2
        )
        item = Item(
            1,
            name,
            ItemKind.TECHNOLOGY,
            description=s,
            model_name=s,
            model_version=s,
            hosting_location=s,
            id=3,
        )
        activity = Activity(1, TransactionType.EXPORT, description=s, id=5)
        dialogs: list[FormDialog[Any]] = [
            MatterDialog(matter, _never),
            PartyDialog(party, [], _never),
            ItemDialog(item, ccl, _never),
            NoteDialog(Note(1, s, id=4), _never),
            ActivityDialog(activity, [], [], _never),
        ]
        expected: list[object] = [matter, party, item, Note(1, s, id=4), activity]
        for dialog, record in zip(dialogs, expected, strict=True):
            assert dialog.build() == record, repr(s)[:80]
            dialog.deleteLater()
        _flush()


def _flush() -> None:
    """Deliver the events the dialogs posted, then delete them, as the event loop would.

    With no loop running, the posted events pile up and each new dialog is slower than the last
    (the whole test took 24-32 s instead of 7).
    """
    QCoreApplication.sendPostedEvents()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.mark.exhaustive
def test_typed_strings_are_stored_as_the_field_holds_them(
    sample_window: MainWindow, wait_writes: WriteWaiter, blns: list[str]
) -> None:
    sample_window.docket.table.selectRow(0)
    record = sample_window.workspace.record
    assert record is not None
    strings = [s for s in _storable(blns) if s.strip()][::10] + EXTRA[4:]
    for s in strings:
        sample_window.workspace.edit_matter()
        dialog = sample_window.workspace.dialog
        assert isinstance(dialog, MatterDialog)
        dialog.title.widget.setText(s)
        dialog.summary.widget.setPlainText(s)
        typed = (dialog.title.widget.text(), dialog.summary.widget.toPlainText())
        dialog.save()
        wait_writes(sample_window)
        db = sample_window.workspace._gateway.reader.db
        stored = queries.matter_by_id(db, record.matter.id)
        assert (stored.title, stored.summary) == typed
        assert stored.title == s, repr(s)[:80]


def test_tables_show_naughty_names_escaped(
    sample_window: MainWindow, wait_writes: WriteWaiter
) -> None:
    sample_window.docket.table.selectRow(0)
    record = sample_window.workspace.record
    assert record is not None
    renamed = replace(record.matter, title="<b>bold</b>\u202egnp.exe\nline two")
    sample_window.workspace._gateway.write(lambda service: service.update_matter(renamed))
    wait_writes(sample_window)
    shown = sample_window.docket.proxy.index(0, 4).data()  # the title, after the deadline
    assert shown == "<b>bold</b>\\u202egnp.exe\\u000aline two"
