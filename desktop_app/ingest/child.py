"""The reader process's side of the pipe, and the format of what crosses it.

Down the pipe: a file name (pickled str) then the file's bytes (raw). Back: the result pickled
WITHOUT its top-level bytes (the parent has them). The parent unpickles with an allow-list of
our three record classes, so even a child taken over by a malicious file cannot make the parent
run code through pickle.
"""

from __future__ import annotations

import dataclasses
import io
import pickle
import signal
from collections.abc import Callable
from multiprocessing.connection import Connection

from desktop_app.core.documents import EmailHeaders, ParsedFile, Rejected
from desktop_app.ingest.limits import Limits
from desktop_app.ingest.parse import short_error

Result = ParsedFile | Rejected
Target = Callable[[str, bytes, Limits], Result]
READY = b"ready"
_ALLOWED = frozenset(
    ("desktop_app.core.documents", cls.__name__) for cls in (ParsedFile, Rejected, EmailHeaders)
)


def serve(conn: Connection, limits: Limits, target: Target) -> None:
    """The child's loop: a name and bytes in, a result without the bytes out, until told."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent to handle
    conn.send_bytes(READY)
    while True:
        try:
            filename = conn.recv()
            if filename is None:
                return
            data = conn.recv_bytes()
        except (EOFError, OSError):
            return  # the parent went away
        try:
            result: Result = target(filename, data, limits)
        except Exception as error:  # the child must answer every file
            result = Rejected(filename, f"could not be read: {short_error(error)}")
        conn.send_bytes(dumps(result))


def dumps(result: Result) -> bytes:
    """A result pickled for the trip to the parent, its top-level bytes left out."""
    return pickle.dumps(dataclasses.replace(result, data=b""), pickle.HIGHEST_PROTOCOL)


def loads(payload: bytes, data: bytes) -> Result:
    """A result from the child, with the parent's copy of the bytes put back.

    Raises `pickle.UnpicklingError` (or TypeError) for anything but our record classes.
    """
    result = _AllowList(io.BytesIO(payload)).load()
    if not isinstance(result, ParsedFile | Rejected):
        raise TypeError("the reader sent something that is not a result")
    return dataclasses.replace(result, data=data)


class _AllowList(pickle.Unpickler):
    """Unpickles only our record classes and plain values."""

    def find_class(self, module: str, name: str) -> type:
        """Refuse every class but ParsedFile, Rejected and EmailHeaders."""
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)  # type: ignore[no-any-return]
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed from the reader")
