"""Reading the properties of an open Outlook item, every access guarded.

extract-msg raises many kinds of error on damaged files; each property read here yields None
(or "") instead, so one bad field never loses the rest of the item. Emails get `EmailHeaders`
(transport headers first: they keep the date's original offset and the threading ids; MAPI
properties otherwise). Items that are not emails (appointments, contacts, sticky notes, tasks)
get a few "Label: value" lines, since what a person looks for is not in their body.
"""

from __future__ import annotations

import re
from datetime import datetime
from email import policy
from email.parser import Parser
from typing import Any

from extract_msg.enums import RecipientType

from desktop_app.core.documents import EmailHeaders
from desktop_app.ingest.eml import read_headers
from desktop_app.ingest.html_text import html_to_text
from desktop_app.ingest.text import decode_declared

_META_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
UNREADABLE = (Exception,)  # extract-msg and olefile raise anything; one bad field must not stop us

EMAIL_CLASSES: tuple[str, ...] = ("ipm.note", "report.", "ipm.schedule.meeting", "ipm.post")
"""Message classes (lower case prefixes) read as emails with headers."""

_FIELDS: tuple[tuple[str, str], ...] = (
    ("subject", "Subject"),
    ("displayName", "Name"),
    ("companyName", "Company"),
    ("jobTitle", "Job title"),
    ("email1EmailAddress", "Email"),
    ("email2EmailAddress", "Email"),
    ("businessTelephoneNumber", "Business phone"),
    ("mobileTelephoneNumber", "Mobile phone"),
    ("startDate", "Start"),
    ("endDate", "End"),
    ("location", "Location"),
    ("organizer", "Organizer"),
    ("taskStartDate", "Start"),
    ("taskDueDate", "Due"),
)


def email_fields(item: Any) -> EmailHeaders:
    """The headers of an Outlook email: transport headers where present, else MAPI properties."""
    header_text = get(item, "headerText")
    parsed = EmailHeaders()
    if isinstance(header_text, str) and header_text.strip():
        source = header_text.removeprefix("Microsoft Mail Internet Headers Version 2.0").lstrip()
        try:
            parsed = read_headers(Parser(policy=policy.default).parsestr(source, headersonly=True))
        except UNREADABLE:
            parsed = EmailHeaders()
    recipients = get(item, "recipients") or []
    return EmailHeaders(
        sender=parsed.sender or text_of(get(item, "sender")),
        to=parsed.to or _recipients(recipients, RecipientType.TO),
        cc=parsed.cc or _recipients(recipients, RecipientType.CC),
        date=parsed.date or iso_of(get(item, "date")),
        subject=text_of(get(item, "subject")) or parsed.subject,
        message_id=parsed.message_id or text_of(get(item, "messageId")),
        in_reply_to=parsed.in_reply_to or text_of(get(item, "inReplyTo")),
        references=parsed.references,
    )


def _recipients(recipients: list[Any], kind: RecipientType) -> tuple[str, ...]:
    """The recipients of one kind (To, Cc), each as "Name <address>"."""
    found = [text_of(get(r, "formatted")) for r in recipients if get(r, "type") == kind]
    return tuple(f for f in found if f)


def body_text(item: Any) -> str:
    """The plain body; HTML (as text) only when there is no plain one and an HTML stream exists.

    extract-msg makes a missing HTML body out of the RTF one, which takes a second: a
    whitespace-only plain body is kept as it is rather than paying for that.
    """
    body = get(item, "body")
    if isinstance(body, str):
        return body.rstrip("\x00").replace("\r\n", "\n").strip()
    html = get(item, "htmlBody") if _has_stream(item, "__substg1.0_10130102") else None
    if isinstance(html, bytes) and html.strip():
        match = _META_CHARSET.search(html[:4096])
        charset = match.group(1).decode("ascii") if match else None
        return html_to_text(decode_declared(html, charset)[0])
    return ""


def _has_stream(item: Any, name: str) -> bool:
    """True when the item has the named stream (without converting anything)."""
    try:
        return bool(item.exists(name))
    except UNREADABLE:
        return False


def get(obj: Any, attribute: str) -> Any:
    """``obj.attribute``, or None when extract-msg cannot produce it."""
    try:
        return getattr(obj, attribute)
    except UNREADABLE:
        return None


def text_of(value: object) -> str:
    """A property as text; the NUL terminators some writers leave are dropped."""
    return value.rstrip("\x00") if isinstance(value, str) else ""


def iso_of(value: object) -> str:
    """A zone-aware datetime as ISO 8601 with offset; anything else as ""."""
    return value.isoformat() if isinstance(value, datetime) and value.tzinfo else ""


def item_summary(item: Any) -> str:
    """Lines of "Label: value" for the properties an item has, in a fixed order."""
    lines: list[str] = []
    for attribute, label in _FIELDS:
        shown = _shown(get(item, attribute))
        if shown and f"{label}: {shown}" not in lines:
            lines.append(f"{label}: {shown}")
    return "\n".join(lines)


def _shown(value: object) -> str:
    """A property value as one line of text, or ""."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, str):
        return " ".join(value.rstrip("\x00").split())
    return ""
