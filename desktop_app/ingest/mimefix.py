"""Messages the parser took apart, put back together: serializing, and re-parsing a multipart.

The standard parser keeps no copy of an attached message's original bytes, so an attached
message is stored as its re-serialization (headers left as they were, not refolded). A
multipart whose boundary the parser could not use (unquoted, containing "=") is parsed again
with the boundary quoted.
"""

from __future__ import annotations

import io
import re
from email.generator import BytesGenerator
from email.message import Message
from email.parser import BytesParser
from email.policy import EmailPolicy, Policy, default

from desktop_app.ingest.headers import GUARDED, raw_values

_SERIALIZE_ERRORS: tuple[type[Exception], ...] = (*GUARDED, RecursionError)
_RAW_BOUNDARY = re.compile(r"boundary\s*=\s*(\"[^\"]{1,200}\"|[^;\s]{1,200})", re.IGNORECASE)


def serialize(msg: Message, linesep: str) -> bytes:
    """A message as bytes (for attached messages, whose original bytes the parser drops)."""
    buffer = io.BytesIO()
    if isinstance(msg.policy, EmailPolicy):
        rules: Policy = msg.policy.clone(linesep=linesep, refold_source="none")
    else:
        rules = msg.policy.clone(linesep=linesep)
    BytesGenerator(buffer, mangle_from_=False, policy=rules).flatten(msg)
    return buffer.getvalue()


def body_bytes(part: Message) -> bytes:
    """The body of a part the parser split into header blocks (message/delivery-status).

    That is the serialized part without its own header block.
    """
    try:
        whole = serialize(part, "\n")
    except _SERIALIZE_ERRORS:
        return b""
    head, sep, body = whole.partition(b"\n\n")
    return body if sep else head


def reparse_multipart(part: Message, kind: str, data: bytes) -> Message | None:
    """Parse a multipart body again with its boundary quoted, or None if that cannot help."""
    raw = " ".join(raw_values(part, "content-type"))
    match = _RAW_BOUNDARY.search(raw)
    if not match:
        return None
    boundary = match.group(1).strip().strip('"')
    if (
        not boundary
        or ('"' in boundary)
        or (b"--" + boundary.encode("ascii", "replace")) not in data
    ):
        return None
    head = f'Content-Type: {kind}; boundary="{boundary}"\n\n'
    try:
        return BytesParser(policy=default).parsebytes(head.encode("ascii", "replace") + data)
    except _SERIALIZE_ERRORS:
        return None


def line_separator(data: bytes) -> str:
    """CRLF when the first line of ``data`` ends with one, else LF."""
    head = data[:65536]
    return "\r\n" if b"\r\n" in head[: head.find(b"\n") + 1 or None] else "\n"
