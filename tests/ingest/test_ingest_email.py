"""Emails made here: limits, hostile names, headers, bodies, nesting.

The threats: docs/reliability.md T21 (limits) and T20 (hostile names).
"""

from __future__ import annotations

import time
from email import policy
from email.message import EmailMessage

import pytest

from desktop_app.core.documents import ParsedFile, Rejected
from desktop_app.ingest.headers import split_addresses
from desktop_app.ingest.html_text import html_to_text
from desktop_app.ingest.limits import Limits
from desktop_app.ingest.parse import parse_bytes

CRLF = b"\r\n"
DEFAULT = Limits()


def message(headers: dict[str, str], body: bytes = b"body\r\n") -> bytes:
    head = b"".join(f"{k}: {v}".encode() + CRLF for k, v in headers.items())
    return head + CRLF + body


def parsed(data: bytes, name: str = "x.eml", limits: Limits = DEFAULT) -> ParsedFile:
    result = parse_bytes(name, data, limits)
    assert isinstance(result, ParsedFile), getattr(result, "reason", "")
    assert result.data == data
    return result


def nested(levels: int) -> bytes:
    data = message({"From": "leaf@example.com", "Subject": "leaf"})
    for level in range(levels):
        data = message(
            {
                "From": "x@example.com",
                "Subject": f"level {level}",
                "Content-Type": "message/rfc822",
            },
            data,
        )
    return data


def test_headers_are_read_with_their_offsets_and_ids() -> None:
    data = message(
        {
            "From": '"Doe, Jane" <jane@example.com>',
            "To": "a@example.com, =?utf-8?q?Zo=C3=AB?= <zoe@example.com>",
            "Cc": "Team: b@example.com, c@example.com;",
            "Date": "Fri, 12 Jun 2026 09:30:00 -0400",
            "Subject": "=?utf-8?b?TGljZW5zZSBEMTIzNDU2?=",
            "Message-ID": "<m1@example.com>",
            "In-Reply-To": "<m0@example.com>",
            "References": "<a@example.com> <m0@example.com>\r\n <m0@example.com>",
        }
    )
    headers = parsed(data).email
    assert headers is not None
    assert headers.sender == '"Doe, Jane" <jane@example.com>'
    assert headers.to == ("a@example.com", "Zoë <zoe@example.com>")
    assert headers.cc == ("b@example.com", "c@example.com")
    assert headers.date == "2026-06-12T09:30:00-04:00"
    assert headers.subject == "License D123456"
    assert headers.message_id == "<m1@example.com>"
    assert headers.in_reply_to == "<m0@example.com>"
    assert headers.references == ("<a@example.com>", "<m0@example.com>")


def test_a_bad_date_is_empty_and_minus_zero_is_utc() -> None:
    bad = parsed(message({"From": "a@b.c", "Date": "Tue, 32 Foo 2010 59:10:99"}))
    assert bad.date == ""
    utc = parsed(message({"From": "a@b.c", "Date": "Tue, 1 Jun 2010 10:00:00 -0000"}))
    assert utc.date == "2010-06-01T10:00:00+00:00"


def test_markup_in_a_subject_is_literal_text() -> None:
    result = parsed(message({"From": "a@b.c", "Subject": '<font color="[[["> & <b>'}))
    assert result.email is not None
    assert result.email.subject == '<font color="[[["> & <b>'


def test_html_bodies_become_text_without_scripts_or_fetching() -> None:
    html = (
        b"<html><head><title>t</title><style>p{}</style></head><body>"
        b"<p>Dear counsel,</p><script>alert(1)</script><img src='http://x/a.png'>"
        b"<ul><li>one</li><li>two</li></ul><table><tr><td>a</td><td>b</td></tr></table>"
        b"Fish &amp; chips</body></html>"
    )
    result = parsed(message({"From": "a@b.c", "Content-Type": "text/html"}, html))
    assert result.text == "Dear counsel,\n\n- one\n- two\n\na b\n\nFish & chips"
    assert html_to_text("<p>a<br>b</p><div>c</div>") == "a\nb\n\nc"


def test_plain_text_is_preferred_among_alternatives() -> None:
    msg = EmailMessage()
    msg["From"] = "a@b.c"
    msg.set_content("the plain words")
    msg.add_alternative("<p>the <b>html</b> words</p>", subtype="html")
    result = parsed(msg.as_bytes())
    assert result.text == "the plain words"
    assert result.children == ()


def test_charsets_unknown_or_wrong_fall_back() -> None:
    latin = parsed(
        message({"From": "a@b.c", "Content-Type": "text/plain; charset=x-unknown"}, "Zoë".encode())
    )
    assert latin.text == "Zoë"
    mislabelled = parsed(
        message({"From": "a@b.c", "Content-Type": "text/plain; charset=us-ascii"}, b"caf\xe9")
    )
    assert mislabelled.text == "café"


def test_attachments_keep_their_exact_bytes_and_nested_messages_recurse() -> None:
    inner = EmailMessage()
    inner["From"] = "inner@example.com"
    inner["Subject"] = "inner"
    inner.set_content("inner body")
    inner.add_attachment(b"%PDF-1.4 not really", maintype="application", subtype="pdf",
                         filename="memo.pdf")  # fmt: skip
    outer = EmailMessage()
    outer["From"] = "outer@example.com"
    outer.set_content("outer body")
    payload = bytes(range(256)) * 4
    outer.add_attachment(payload, maintype="image", subtype="png", filename="scan.png")
    outer.add_attachment(inner)
    result = parsed(outer.as_bytes(policy=policy.SMTP))
    png, attached = result.children
    assert (png.filename, png.media_type, png.data) == ("scan.png", "image/png", payload)
    assert attached.media_type == "message/rfc822"
    assert attached.email is not None
    assert attached.email.subject == "inner"
    assert attached.text == "inner body"
    assert b"Subject: inner" in attached.data
    assert [c.filename for c in attached.children] == ["memo.pdf"]


HOSTILE_NAMES = [
    "../../x", "..\\..\\x", "/etc/passwd", "C:\\x.exe", "\\\\server\\share\\x", "CON",
    "nul.txt", "COM1.pdf", "CONIN$", "a" * 300, "trail. ", "invoice\u202efdp.exe",
    "a\x00b.txt", ".", "..", "Zoë.txt", "Zoe\u0308.txt", "ZOË.TXT",
]  # fmt: skip


def test_hostile_attachment_names_are_kept_exactly_as_metadata() -> None:
    msg = EmailMessage()
    msg["From"] = "a@b.c"
    msg.set_content("see attached")
    for name in HOSTILE_NAMES:
        msg.add_attachment(b"x", maintype="application", subtype="octet-stream", filename=name)
    result = parsed(msg.as_bytes(policy=policy.SMTP))
    assert [c.filename for c in result.children] == HOSTILE_NAMES


def test_names_in_raw_headers_and_encoded_words() -> None:
    body = (
        b"--B\r\nContent-Type: text/plain\r\n\r\nhi\r\n"
        b"--B\r\nContent-Type: application/pdf\r\n"
        b"Content-Disposition: attachment; filename==?utf-8?B?VGhpcyBpcyBhIHRlc3QucGRm?=\r\n\r\n"
        b"x\r\n"
        b"--B\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment\r\n\r\n"
        b"y\r\n--B--\r\n"
    )
    result = parsed(message({"From": "a@b.c", "Content-Type": "multipart/mixed; boundary=B"}, body))
    assert [c.filename for c in result.children] == ["This is a test.pdf", ""]


def test_thirty_nested_messages_are_quarantined() -> None:
    data = nested(30)
    result = parse_bytes("deep.eml", data)
    assert isinstance(result, Rejected)
    assert "nested" in result.reason
    assert result.data == data
    assert isinstance(parse_bytes("ok.eml", nested(19)), ParsedFile)


def test_ten_thousand_levels_are_quarantined_not_crashed() -> None:
    result = parse_bytes("abyss.eml", nested(10_000))
    assert isinstance(result, Rejected)
    assert "nested" in result.reason


def test_twelve_thousand_parts_are_quarantined_quickly() -> None:
    parts = b"".join(b"--B\r\nContent-Type: text/plain\r\n\r\npart\r\n" for _ in range(12_000))
    data = message({"From": "a@b.c", "Content-Type": 'multipart/mixed; boundary="B"'},
                   parts + b"--B--\r\n")  # fmt: skip
    started = time.monotonic()
    result = parse_bytes("parts.eml", data)
    assert time.monotonic() - started < 2
    assert isinstance(result, Rejected)
    assert "parts" in result.reason
    assert result.data == data


def test_a_mime_header_with_thousands_of_parameters_is_quarantined_quickly() -> None:
    params = "; ".join(f"p{i}=v" for i in range(20_000))
    data = message({"From": "a@b.c", "Content-Type": f"text/plain; {params}"})
    started = time.monotonic()
    result = parse_bytes("params.eml", data)
    assert time.monotonic() - started < 2
    assert isinstance(result, Rejected)
    assert result.reason.startswith("a MIME header is too long: Content-Type has ")


def test_the_parts_limit_also_counts_parsed_parts() -> None:
    parts = b"".join(b"--B\r\n\r\npart\r\n" for _ in range(50))
    data = message({"From": "a@b.c", "Content-Type": "multipart/mixed; boundary=B"}, parts)
    result = parse_bytes("parts.eml", data, Limits(max_parts=20))
    assert isinstance(result, Rejected)
    assert "too many parts" in result.reason


def test_decompressed_bytes_are_limited() -> None:
    msg = EmailMessage()
    msg["From"] = "a@b.c"
    msg.set_content("x")
    msg.add_attachment(b"\0" * 5000, maintype="application", subtype="octet-stream", filename="z")
    result = parse_bytes("big.eml", msg.as_bytes(), Limits(max_decompressed=4000))
    assert isinstance(result, Rejected)
    assert "too large" in result.reason


def test_a_hundred_thousand_recipients_are_read_in_linear_time() -> None:
    addresses = ", ".join(f"User {i} <u{i}@example.com>" for i in range(100_000))
    started = time.monotonic()
    result = parsed(message({"From": "a@b.c", "To": addresses}))
    assert time.monotonic() - started < 5
    assert result.email is not None
    assert len(result.email.to) == 100_000
    assert result.email.to[-1] == "User 99999 <u99999@example.com>"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Doe, J" <j@x>, k@y', ['"Doe, J" <j@x>', "k@y"]),
        ("undisclosed-recipients:;", []),
        ("a@x (Smith, A), <b@y>", ["a@x (Smith, A)", "<b@y>"]),
        ("=?utf-8?q?a:b?= <c@d>", ["=?utf-8?q?a:b?= <c@d>"]),
        ('"unterminated, x', ['"unterminated, x']),
    ],
)
def test_address_lists_split_as_written(text: str, expected: list[str]) -> None:
    assert split_addresses(text) == expected
