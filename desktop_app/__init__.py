"""Compliance Desk: a desktop case manager for US export-control matters."""

__version__ = "0.1.0"
