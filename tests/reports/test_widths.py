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


def test_words_that_cannot_all_fit_keep_the_shares() -> None:
    word = "Rechtsschutzversicherungsgesellschaften"
    table = Table(("A", "B", "C"), ((word, word, word),), (1, 1, 1))
    assert fitted_widths(table, 150, pad=3) == [50, 50, 50]


def test_the_docket_report_prints_counsel_names_whole(sample_record: MatterRecord) -> None:
    summary = MatterSummary(replace(sample_record.matter, counsel=NAME))
    report = docket_report([summary], date(2026, 12, 31), (7, "ab" * 32), GENERATED_AT)
    assert "Adebayo-Stone" in pdf_text(build(report, invariant=True)).split()
