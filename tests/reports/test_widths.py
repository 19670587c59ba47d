"""Names never break mid-word: a column widens to its longest word when the page has room."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from reportlab.pdfbase.pdfmetrics import stringWidth

from desktop_app.core.models import MatterRecord, MatterSummary
from desktop_app.reports.docket_data import docket_report
from desktop_app.reports.model import Table
from desktop_app.reports.render import build
from desktop_app.reports.styles import CELL
from desktop_app.reports.widths import fitted_widths
from tests.reports.conftest import GENERATED_AT, pdf_text

NAME = "Miriam Adebayo-Stone"


def test_a_narrow_column_widens_to_its_longest_word() -> None:
    table = Table(("No.", "Counsel", "Notes"), (("1", NAME, "short"),), (0.3, 0.4, 8.0))
    widths = fitted_widths(table, 400, pad=3)
    assert widths[1] - 6 >= stringWidth("Adebayo-Stone", CELL.fontName, CELL.fontSize)
    assert abs(sum(widths) - 400) < 0.01  # the room came from the wide column
    assert widths[2] < 400 * 8.0 / 8.7


def test_a_hash_column_keeps_its_share_and_breaks() -> None:
    digest = "ab" * 32
    table = Table(("Doc.", "SHA-256"), (("1", digest),), (1, 1), mono=(1,))
    assert fitted_widths(table, 200, pad=3) == [100, 100]


def test_when_not_every_word_fits_the_short_ones_stay_whole() -> None:
    word = "Rechtsschutzversicherungsgesellschaften"  # wider than any column here
    table = Table(("Doc.", "B", "C"), (("Adebayo-Stone", word, word),), (0.2, 1, 1))
    widths = fitted_widths(table, 300, pad=3)
    assert widths[0] - 6 >= stringWidth("Adebayo-Stone", CELL.fontName, CELL.fontSize)
    assert widths[1] == widths[2]  # the two long words share what is left, and break
    assert abs(sum(widths) - 300) < 0.01


def test_the_docket_report_prints_counsel_names_whole(sample_record: MatterRecord) -> None:
    summary = MatterSummary(replace(sample_record.matter, counsel=NAME))
    report = docket_report([summary], date(2026, 12, 31), (7, "ab" * 32), GENERATED_AT)
    assert "Adebayo-Stone" in pdf_text(build(report, invariant=True)).split()
