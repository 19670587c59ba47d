"""Outlook .msg with extract-msg: headers, body, attachments, embedded messages.

Every property access is guarded (extract-msg raises many kinds of error on damaged files) and
the message object is always closed. Transport headers, when the file carries them, give the
date with its original offset and the threading ids; otherwise the MAPI properties do. Items
that are not emails (appointments, contacts, sticky notes, tasks) are kept with whatever text
they have. Non-Unicode files without a code page property are decoded in the Windows code page
that matches their internet code page (a Japanese message in cp932, not Latin-9).
"""

from __future__ import annotations

import contextlib
import io
import logging
from typing import Any

import extract_msg
from extract_msg.enums import AttachmentType, ErrorBehavior
from extract_msg.exceptions import UnrecognizedMSGTypeError, UnsupportedMSGTypeError

from desktop_app.core.documents import ParsedFile
from desktop_app.ingest.eml import ChildParser
from desktop_app.ingest.limits import Budget, LimitExceeded
from desktop_app.ingest.msg_fields import (
    EMAIL_CLASSES,
    UNREADABLE,
    body_text,
    email_fields,
    get,
    iso_of,
    item_summary,
    text_of,
)
from desktop_app.ingest.text import cut_text

MSG_TYPE = "application/vnd.ms-outlook"
_OPTIONS: dict[str, Any] = {
    "errorBehavior": ErrorBehavior.ATTACH_SUPPRESS_ALL
    | ErrorBehavior.RTFDE
    | ErrorBehavior.STANDARDS_VIOLATION
    | ErrorBehavior.NAMED_NAME_STREAM,
}
_ANSI_FOR_INTERNET = {50220: "cp932", 50221: "cp932", 50222: "cp932", 51932: "cp932",
                      932: "cp932", 936: "gbk", 54936: "gb18030", 949: "cp949", 51949: "cp949",
                      950: "cp950", 20127: "cp1252", 28591: "cp1252", 65001: "utf-8"}  # fmt: skip

logging.getLogger("extract_msg").setLevel(logging.ERROR)


def parse_msg(
    filename: str, data: bytes, budget: Budget, depth: int, parse_child: ChildParser
) -> ParsedFile:
    """Read an Outlook .msg file; raises if the bytes are not one, or `LimitExceeded`."""
    budget.check_depth(depth)
    budget.check_size(len(data))
    item = open_msg(data)
    try:
        return read_item(filename, item, data, budget=budget, depth=depth, parse_child=parse_child)
    finally:
        _close(item)


def open_msg(data: bytes) -> Any:
    """Open .msg bytes (never as a path), with the right code page for non-Unicode files."""
    item = _open(data)
    encoding = _ansi_encoding(item)
    if encoding is None:
        return item
    _close(item)
    try:
        fixed = _open(data, overrideEncoding=encoding)
        _ = (fixed.subject, fixed.body)  # fails early if the code page does not fit
        return fixed
    except UNREADABLE:
        return _open(data)


def _open(data: bytes, **extra: Any) -> Any:
    """Open .msg bytes as the item class they declare (a bare MSGFile if unknown)."""
    try:
        return extract_msg.openMsg(io.BytesIO(data), **_OPTIONS, **extra)
    except (UnsupportedMSGTypeError, UnrecognizedMSGTypeError):
        return extract_msg.openMsg(io.BytesIO(data), strict=False, **_OPTIONS, **extra)


def _ansi_encoding(item: Any) -> str | None:
    """The code page to force for a non-Unicode file lacking one, or None."""
    props = get(item, "props")
    if get(item, "areStringsUnicode") is not False or props is None or "3FFD0003" in props:
        return None
    cpid = item.getPropertyVal("3FDE0003") if "3FDE0003" in props else None
    return _ANSI_FOR_INTERNET.get(cpid) if isinstance(cpid, int) else None


def read_item(
    filename: str,
    item: Any,
    data: bytes,
    *,
    budget: Budget,
    depth: int,
    parse_child: ChildParser,
) -> ParsedFile:
    """The `ParsedFile` of an open message object whose bytes are ``data``."""
    budget.check_depth(depth)
    budget.check_time()
    notes: list[str] = []
    class_type = str(get(item, "classType") or "").lower()
    is_email = class_type.startswith(EMAIL_CLASSES)
    fields = email_fields(item) if is_email else None
    text = body_text(item)
    if not is_email:
        label = class_type.removeprefix("ipm.") or "unknown"
        notes.append(f"an Outlook {label} item, not an email")
        text = "\n".join(line for line in (item_summary(item), text) if line)
    children = _attachments(item, budget, depth, parse_child, notes)
    return ParsedFile(
        filename=filename,
        media_type=MSG_TYPE,
        data=data,
        text=cut_text(text, budget, notes),
        date=fields.date if fields else iso_of(get(item, "date")),
        email=fields,
        children=tuple(children),
        notes=tuple(notes),
    )


def _attachments(
    item: Any, budget: Budget, depth: int, parse_child: ChildParser, notes: list[str]
) -> list[ParsedFile]:
    """Every attachment as a child; unreadable ones become notes."""
    children: list[ParsedFile] = []
    for attachment in get(item, "attachments") or []:
        budget.add_part()
        name = text_of(get(attachment, "name"))
        payload = get(attachment, "data")
        if get(attachment, "type") == AttachmentType.MSG and payload is not None:
            children.append(
                _embedded(
                    name,
                    payload,
                    budget=budget,
                    depth=depth + 1,
                    parse_child=parse_child,
                    notes=notes,
                )
            )
        elif isinstance(payload, bytes):
            budget.add_bytes(len(payload))
            declared = text_of(get(attachment, "mimetype")).lower()
            children.append(parse_child(name, payload, declared, depth + 1))
        else:
            notes.append(f"attachment {name or '(unnamed)'!r} could not be read")
    return children


def _embedded(
    name: str,
    inner: Any,
    *,
    budget: Budget,
    depth: int,
    parse_child: ChildParser,
    notes: list[str],
) -> ParsedFile:
    """An embedded message as a child: its exported bytes and its own fields."""
    try:
        data = inner.exportBytes()
    except LimitExceeded:
        raise
    except UNREADABLE:
        data = b""
        notes.append(f"embedded message {name!r}: its bytes could not be exported")
    budget.add_bytes(len(data))
    return read_item(name, inner, data, budget=budget, depth=depth, parse_child=parse_child)


def _close(item: Any) -> None:
    """Close an item, whatever state it is in."""
    with contextlib.suppress(Exception):
        item.close()
