"""A full or failing disk is said as such by every dialog, never as a bug (issue 17)."""

from __future__ import annotations

import errno
import sqlite3

import pytest

from desktop_app.gui.errors import message_for


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (
            sqlite3.OperationalError("database or disk is full"),
            "The disk holding the library is full",
        ),
        (OSError(errno.ENOSPC, "No space left on device"), "The disk is full"),
        (OSError(errno.EROFS, "Read-only file system"), "The disk is read-only"),
    ],
)
def test_a_form_save_on_a_full_or_read_only_disk_says_so(error: BaseException, said: str) -> None:
    message = message_for(error)  # a form's save passes no library folder
    assert message is not None
    assert message.startswith(said)
    assert "bug" not in message


def test_a_programming_error_is_still_a_bug() -> None:
    assert message_for(sqlite3.OperationalError("no such column: x")) is None
    assert message_for(OSError(errno.EBADF, "Bad file descriptor")) is None
    assert message_for(KeyError("x")) is None
