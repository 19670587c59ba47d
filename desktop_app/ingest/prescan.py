"""Checks on an email's raw bytes before the standard parser sees them (docs/reliability.md T21).

Two inputs make ``BytesParser(policy=policy.default)`` itself slow, before any of our guards
can run: thousands of MIME parts (seconds for 10,000, minutes for 100,000) and a MIME header
with thousands of parameters (its structured parser is quadratic: 20,000 parameters take
seconds). Both are found here in one linear pass each, and the file is refused with a reason.
"""

from __future__ import annotations

import re

from desktop_app.ingest.limits import LimitExceeded, Limits

MAX_MIME_HEADER = 16_384  # characters in one Content-* header; real mail stays under 1,000
_BOUNDARY = re.compile(rb'boundary\s*=\s*(?:"([^"\r\n]{1,200})"|([^\s;"]{1,200}))', re.I)
_DELIMITER = re.compile(rb"^--([^\r\n]{1,210}?)[ \t]*\r?$", re.M)
_MIME_HEADER = re.compile(rb"^content-[a-z0-9-]{0,40}:[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*", re.I | re.M)


def prescan_email(data: bytes, limits: Limits) -> None:
    """Refuse an email whose raw form would stall the standard parser."""
    check_part_count(data, limits.max_parts)
    check_mime_headers(data)


def check_part_count(data: bytes, max_parts: int) -> None:
    """Refuse a message whose multipart delimiter lines exceed ``max_parts``."""
    if data.count(b"\n--") <= max_parts:
        return
    boundaries = {m.group(1) or m.group(2) for m in _BOUNDARY.finditer(data)}
    opened = 0
    for match in _DELIMITER.finditer(data):
        if match.group(1) in boundaries:
            opened += 1
            if opened > max_parts:
                raise LimitExceeded(f"too many parts: more than {max_parts:,}")


def check_mime_headers(data: bytes) -> None:
    """Refuse a message with a Content-* header longer than `MAX_MIME_HEADER` characters."""
    if len(data) <= MAX_MIME_HEADER:
        return
    for match in _MIME_HEADER.finditer(data):
        size = match.end() - match.start()
        if size > MAX_MIME_HEADER:
            name = match.group(0).split(b":", 1)[0].decode("ascii", "replace")
            raise LimitExceeded(
                f"a MIME header is too long: {name} has {size:,} characters "
                f"(the limit is {MAX_MIME_HEADER:,})"
            )
