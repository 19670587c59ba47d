"""The window: PySide6 only. app.py is the composition root."""
