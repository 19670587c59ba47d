"""RFC 822 email (.eml) with the standard library: headers, body text, attachments, nesting.

The message is parsed once with ``BytesParser(policy=policy.default)``; headers are read through
the guarded wrappers of `headers`. The body is the message's inline text parts in order; of
a multipart/alternative only one is read, plain text before HTML (converted to text, never
rendered). Every other leaf part (inline images included) becomes a child
`ParsedFile` with its exact decoded bytes, handed to ``parse_child`` so an attached PDF gets its
text too; attached messages (message/rfc822) are read recursively from the parsed tree and
carry their serialized bytes, since the parser keeps no copy of the original ones.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from email import policy
from email.message import Message
from email.parser import BytesParser

from desktop_app.core.documents import EmailHeaders, ParsedFile
from desktop_app.ingest import headers, mimefix, mimeparts
from desktop_app.ingest.html_text import html_to_text
from desktop_app.ingest.limits import Budget, LimitExceeded, nesting_reason
from desktop_app.ingest.prescan import prescan_email
from desktop_app.ingest.text import cut_text

EMAIL_TYPE = "message/rfc822"
ChildParser = Callable[[str, bytes, str, int], ParsedFile]
"""Reads an attachment: ``(filename, data, declared media type, depth) -> ParsedFile``."""

_MESSAGE_TYPES = frozenset({"message/rfc822", "message/global"})


def parse_email(
    filename: str, data: bytes, budget: Budget, depth: int, parse_child: ChildParser
) -> ParsedFile:
    """Read an .eml file; raises `LimitExceeded` past the limits, never on malformed mail."""
    budget.check_depth(depth)
    budget.check_size(len(data))
    prescan_email(data, budget.limits)
    source = data[len(codecs.BOM_UTF8) :] if data.startswith(codecs.BOM_UTF8) else data
    try:
        msg = BytesParser(policy=policy.default).parsebytes(source)
    except RecursionError:
        raise LimitExceeded(nesting_reason(budget.limits, "MIME parts")) from None
    reader = _MessageReader(budget, depth, parse_child, mimefix.line_separator(source))
    return reader.read(filename, msg, data)


def read_headers(msg: Message) -> EmailHeaders:
    """The headers of a parsed message, each read through the guarded wrappers."""
    senders = headers.address_header(msg, "From") or headers.address_header(msg, "Sender")
    return EmailHeaders(
        sender=", ".join(senders),
        to=headers.address_header(msg, "To"),
        cc=headers.address_header(msg, "Cc"),
        date=headers.date_header(msg),
        subject=headers.text_header(msg, "Subject"),
        message_id=headers.id_header(msg, "Message-ID"),
        in_reply_to=headers.id_header(msg, "In-Reply-To"),
        references=headers.ids_header(msg, "References"),
    )


class _MessageReader:
    """Walks one message's MIME tree, collecting body text, children and notes."""

    def __init__(self, budget: Budget, depth: int, parse_child: ChildParser, linesep: str) -> None:
        """A reader for one message at ``depth``, sharing the file's budget."""
        self.budget = budget
        self.depth = depth
        self.parse_child = parse_child
        self.linesep = linesep
        self.body: list[str] = []
        self.children: list[ParsedFile] = []
        self.notes: list[str] = []

    def read(self, filename: str, msg: Message, data: bytes) -> ParsedFile:
        """The `ParsedFile` of ``msg``, whose bytes are ``data``."""
        self.budget.check_depth(self.depth)
        self._visit(msg, level=0, body=True)
        text = "\n\n".join(t.strip("\n") for t in self.body if t.strip())
        fields = read_headers(msg)
        return ParsedFile(
            filename=filename,
            media_type=EMAIL_TYPE,
            data=data,
            text=cut_text(text, self.budget, self.notes),
            date=fields.date,
            email=fields,
            children=tuple(self.children),
            notes=tuple(dict.fromkeys(self.notes)),
        )

    def _visit(self, part: Message, level: int, body: bool, repaired: bool = False) -> None:
        """Visit one part: recurse into containers, collect body text, split out the rest."""
        self.budget.add_part()
        self.budget.check_time()
        if level > self.budget.limits.max_depth:
            raise LimitExceeded(nesting_reason(self.budget.limits, "MIME parts"))
        kind = mimeparts.content_type(part)
        payload = _payload(part)
        if kind.startswith("multipart/") and isinstance(payload, list):
            chosen = (
                mimeparts.preferred_alternative(payload) if kind == "multipart/alternative" else -1
            )
            for index, sub in enumerate(payload):
                if isinstance(sub, Message):
                    self._visit(sub, level + 1, body and chosen in (-1, index))
        elif kind.startswith("multipart/"):
            self._broken_multipart(part, level, body, repaired)
        elif kind in _MESSAGE_TYPES and isinstance(payload, list) and payload:
            if isinstance(payload[0], Message):
                self._attached_message(part, payload[0])
        elif kind in ("text/plain", "text/html") and not mimeparts.is_attachment(part):
            if body:
                self._body_text(part, kind)
        else:
            self._attachment(part, kind)

    def _broken_multipart(self, part: Message, level: int, body: bool, repaired: bool) -> None:
        """A multipart the parser could not split: re-parse it, else show its raw text.

        An unquoted boundary containing "=" defeats the standard parser; with the boundary
        quoted the part usually reads fine.
        """
        data = mimeparts.payload_bytes(part)
        if not data.strip():
            return
        fixed = (
            None
            if repaired
            else mimefix.reparse_multipart(part, mimeparts.content_type(part), data)
        )
        if fixed is not None:
            self._visit(fixed, level + 1, body, repaired=True)
        elif body:
            self.notes.append("the MIME structure is damaged: part of the body is shown raw")
            self.budget.add_bytes(len(data))
            self.body.append(mimeparts.part_text(part, data)[0].replace("\r\n", "\n"))

    def _body_text(self, part: Message, kind: str) -> None:
        """Add an inline text/plain or text/html part to the body (HTML as text)."""
        data = mimeparts.payload_bytes(part)
        self.budget.add_bytes(len(data))
        text, note = mimeparts.part_text(part, data)
        if note:
            self.notes.append(note)
        text = text.replace("\r\n", "\n")
        self.body.append(text if kind == "text/plain" else html_to_text(text))

    def _attachment(self, part: Message, kind: str) -> None:
        """Split out a leaf part as a child, read by ``parse_child``."""
        data = mimeparts.payload_bytes(part)
        self.budget.add_bytes(len(data))
        name = mimeparts.filename(part)
        self.children.append(self.parse_child(name, data, kind, self.depth + 1))

    def _attached_message(self, part: Message, inner: Message) -> None:
        """Read an attached message (message/rfc822) as a child email, recursively."""
        name = mimeparts.filename(part)
        try:
            data = mimefix.serialize(inner, self.linesep)
        except headers.GUARDED as error:
            data = b""
            self.notes.append(f"an attached message could not be re-serialized: {error!r:.80}")
        self.budget.add_bytes(len(data))
        reader = _MessageReader(self.budget, self.depth + 1, self.parse_child, self.linesep)
        self.children.append(reader.read(name, inner, data))


def _payload(part: Message) -> object:
    """The part's payload (a list of parts, a string, or None when unreadable)."""
    try:
        return part.get_payload()
    except headers.GUARDED:
        return None
