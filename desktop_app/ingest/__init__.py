"""Turning files into records: email (.eml, .msg), PDF, DOCX, text; quarantine with a reason.

No Qt, no SQL, no storage: bytes (or a path) in, a `ParsedFile` or a `Rejected` out. Use
`IsolatedParser` for imports (a child process with a hard per-file timeout) and `parse_bytes`
where isolation is not wanted (tests, tools).
"""

from __future__ import annotations

from desktop_app.ingest.isolated import IsolatedParser
from desktop_app.ingest.limits import LimitExceeded, Limits
from desktop_app.ingest.parse import parse_bytes, parse_path, read_path
from desktop_app.ingest.parsers import FileParser, InProcessParser, parse_in_process
from desktop_app.ingest.references import find_references

__all__ = [
    "FileParser",
    "InProcessParser",
    "IsolatedParser",
    "LimitExceeded",
    "Limits",
    "find_references",
    "parse_bytes",
    "parse_in_process",
    "parse_path",
    "read_path",
]
