"""PDF memos and reports: pure data assembly apart from reportlab rendering.

See docs/development.md#reports.

reportlab is imported only inside this package, and this package only when a memo is made.
"""
