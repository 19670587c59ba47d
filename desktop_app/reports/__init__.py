"""PDF memos and reports (ARCHITECTURE §7): pure data assembly apart from reportlab rendering.

reportlab is imported only inside this package, and this package only when a memo is made.
"""
