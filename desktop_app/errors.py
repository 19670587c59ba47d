"""The two kinds of failure: the person's or the environment's (UserError), and our bugs.

A UserError carries a message a person can act on. The command line prints it without a
traceback and exits with its ``exit_code``; the window shows it in a dialog. Anything else is a
bug: logged with its traceback and reported once.
"""

from __future__ import annotations

from collections.abc import Mapping

EXIT_OK = 0
EXIT_PROBLEM = 1
EXIT_BAD_INPUT = 2
EXIT_LIBRARY = 3
EXIT_FOUND = 4
"""`verify` ran and found a problem (not a bug of the program, which is `EXIT_PROBLEM`)."""


class UserError(Exception):
    """A failure a person can understand and fix."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(UserError):
    """Input that cannot be stored; ``fields`` maps a field name to what is wrong with it."""

    def __init__(self, fields: Mapping[str, str]) -> None:
        self.fields = dict(fields)
        text = "; ".join(why for why in self.fields.values() if why)
        super().__init__(text or "The input is not valid.")


class ConfirmationNeededError(UserError):
    """A change that may be right but needs counsel's yes first; ``message`` is the question.

    The command line asks for ``--yes``; the window asks and submits again, confirmed.
    """


class NotFoundError(UserError):
    """A matter, party or item the person named does not exist."""


class NotUndoableError(UserError):
    """A change that Undo may not reverse (it filed originals, or touched retention)."""


class ChangedSinceError(UserError):
    """A record was changed again after the change to be undone: undoing it would lose that."""


class TrashedMatterError(UserError):
    """The matter is in the trash: nothing new is filed on it until it is restored."""


class LibraryError(UserError):
    """The library cannot be used as asked: locked, damaged, too new, read-only."""

    exit_code = EXIT_LIBRARY


class LibraryLockedError(LibraryError):
    """Another Compliance Desk process is writing to this library."""


class LibraryDamagedError(LibraryError):
    """The library file fails SQLite's checks or is not a library at all."""


class LibraryTooNewError(LibraryError):
    """The library was changed by a newer build of Compliance Desk."""


class ReadOnlyLibraryError(LibraryError):
    """A change was asked of a library opened for reading only."""
