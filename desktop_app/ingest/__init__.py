"""Turning files into records: email (.eml, .msg), PDF, DOCX, text; quarantine with a reason.

No Qt, no SQL, no storage: bytes (or a path) in, a `ParsedFile` or a `Rejected` out. Use
`IsolatedParser` for imports (a child process with a hard per-file timeout) and `parse_bytes`
where isolation is not wanted (tests, tools).

The package itself imports nothing: importing a small part (say `references`) must not load
the readers and their libraries.
"""
