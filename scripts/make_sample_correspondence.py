"""Generate the sample correspondence that ships with Compliance Desk.

Writes into resources/sample/correspondence/:

* matter 1 (Halcyon Reasoning Labs, Meridian 5): the BIS letters of June 12 and June 26, 2026
  (PDF, the second with its Annex A), and a three-message email thread (.eml), the first message
  carrying the June 26 letter and the last a small CSV;
* matter 2 (Pinecrest, Tern Clinical 1): the cover letter of the classification request (PDF);
* matter 3 (Granite Ferry, deemed export): the letter of explanation (PDF) and an Outlook .msg
  from the engineer's manager confirming the technology control plan briefing.

Every company, person, address and reference number is fictional, and every document says so.
The output is deterministic: PDFs are built with reportlab's invariant mode, MIME boundaries and
Message-IDs are fixed, so a rerun produces identical bytes.

Run:  .venv/bin/python scripts/make_sample_correspondence.py
"""

from __future__ import annotations

import csv
import io
import json
import re
import struct
import textwrap
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import extract_msg
from extract_msg import OleWriter
from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "sample"
OUT = SAMPLE / "correspondence"
DISCLAIMER = "Illustrative sample — fictional companies and people."

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"

# File names (also used by the email thread, which attaches the June 26 letter).
JUNE12_PDF = "2026-06-12-bis-letter-imposing-license-requirement.pdf"
JUNE26_PDF = "2026-06-26-bis-letter-lifting-requirement-annex-a.pdf"
EML_A = "2026-06-26-email-annex-a-scope-from-outside-counsel.eml"
EML_B = "2026-06-27-email-annex-a-scope-reply-in-house-counsel.eml"
EML_C = "2026-06-29-email-annex-a-coverage-check.eml"
CCR_PDF = "2026-08-03-classification-request-cover-letter.pdf"
TCP_MSG = "2026-09-11-tcp-briefing-confirmation.msg"
LOE_PDF = "2026-09-15-letter-of-explanation-deemed-export.pdf"

BIS_REF = "BIS ref. IS-2026-0412"
BIS_ADDRESS = [
    "U.S. Department of Commerce",
    "Bureau of Industry and Security",
    "Office of Exporter Services",
    "1401 Constitution Avenue NW",
    "Washington, DC 20230",
]

# People who appear only in the correspondence (the matters' counsel come from matters.json).
OUTSIDE_COUNSEL = ("Graham Pell", "gpell@calderwhitlow.example")
IN_HOUSE_COUNSEL = ("Miriam Adebayo-Stone", "madebayo-stone@halcyonlabs.example")
COMPLIANCE_LEAD = ("Tobias Renwick", "trenwick@halcyonlabs.example")
EDT, PDT, CDT = (timezone(timedelta(hours=h)) for h in (-4, -7, -5))


# ---------------------------------------------------------------------------------------------
# Sample data
# ---------------------------------------------------------------------------------------------


def load_matters() -> list[dict[str, Any]]:
    """The three sample matters, in file order."""
    data = json.loads((SAMPLE / "matters.json").read_text(encoding="utf-8"))
    matters: list[dict[str, Any]] = data["matters"]
    return matters


def annex_a_rows(matter: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(row, name, address) of every Annex A entity of a matter, in row order."""
    rows = [
        (p["annex_row"], p["name"], p["address"])
        for p in matter["parties"]
        if p["role"] == "annex_a_entity"
    ]
    return sorted(rows)


# ---------------------------------------------------------------------------------------------
# PDF letters
# ---------------------------------------------------------------------------------------------


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) as TrueType fonts, once."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
        )


def styles() -> dict[str, ParagraphStyle]:
    """Paragraph styles of the letters."""
    body = ParagraphStyle(
        "body", fontName=FONT, bulletFontName=FONT, fontSize=10, leading=14, spaceAfter=8
    )
    return {
        "body": body,
        "tight": ParagraphStyle("tight", parent=body, spaceAfter=0),
        "bold": ParagraphStyle("bold", parent=body, fontName=FONT_BOLD, spaceAfter=0),
        "subhead": ParagraphStyle(
            "subhead", parent=body, fontName=FONT_BOLD, spaceBefore=4, spaceAfter=2
        ),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT, spaceAfter=0),
        "re": ParagraphStyle(
            "re",
            parent=body,
            fontName=FONT_BOLD,
            leftIndent=36,
            firstLineIndent=-36,
            spaceBefore=6,
            spaceAfter=10,
        ),
        "item": ParagraphStyle("item", parent=body, leftIndent=22, bulletIndent=4, spaceAfter=5),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=FONT_BOLD, fontSize=12, leading=16, spaceAfter=4
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9, leading=12, spaceAfter=0),
        "cellhead": ParagraphStyle(
            "cellhead",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=9,
            leading=12,
            spaceAfter=0,
            textColor=colors.white,
        ),
        "small": ParagraphStyle("small", parent=body, fontSize=8.5, leading=11, spaceAfter=0),
    }


SUPERSCRIPT = str.maketrans(
    "0123456789", "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079"
)


def typeset(text: str) -> str:
    """Escape text for a Paragraph and write powers of ten as superscripts (10^26 -> 10²⁶)."""
    return re.sub(r"10\^(\d+)", lambda m: "10" + m.group(1).translate(SUPERSCRIPT), escape(text))


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text (escaped, so no markup is interpreted)."""
    return Paragraph(typeset(text), style)


def item(label: str, text: str, style: ParagraphStyle, bold_lead: str = "") -> Paragraph:
    """A numbered or bulleted list entry, optionally starting with a bold lead-in."""
    lead = f"<b>{escape(bold_lead)}</b> " if bold_lead else ""
    return Paragraph(lead + typeset(text), style, bulletText=escape(label))


@dataclass
class Letterhead:
    """The sender's letterhead: a bold name, smaller lines below it, an accent colour."""

    name: str
    lines: list[str]
    accent: colors.Color
    mark: str = ""  # short initials drawn in a ring left of the name, if given


@dataclass
class Letter:
    """Everything one letter needs; rendered by build_letter()."""

    filename: str
    title: str
    author: str
    letterhead: Letterhead
    date: str
    refs: list[str]
    addressee: list[str]
    re: str
    salutation: str
    body: list[Flowable]
    closing: str
    signer: list[str]
    running_head: str  # top left of pages 2+, e.g. the addressee
    cc: list[str] = field(default_factory=list)
    enclosures: list[str] = field(default_factory=list)
    annex: list[Flowable] = field(default_factory=list)


class NumberedCanvas(canvas.Canvas):
    """Canvas that knows the page count when it draws the footer ("Page X of Y")."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab API)
        """Keep the finished page's state; it is drawn in save() once the count is known."""
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        """Draw each page's footer with the total page count, then write the file."""
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self.setFont(FONT, 7.5)
            self.setFillColor(colors.HexColor("#555555"))
            self.drawString(0.9 * inch, 0.55 * inch, DISCLAIMER)
            self.drawRightString(
                LETTER[0] - 0.9 * inch, 0.55 * inch, f"Page {self._pageNumber} of {total}"
            )
            super().showPage()
        super().save()


def draw_letterhead(c: canvas.Canvas, head: Letterhead) -> None:
    """Draw the letterhead at the top of the first page."""
    width, height = LETTER
    x, top = 0.9 * inch, height - 0.75 * inch
    if head.mark:
        c.setStrokeColor(head.accent)
        c.setLineWidth(1.6)
        c.circle(x + 22, top - 18, 22)
        c.setLineWidth(0.6)
        c.circle(x + 22, top - 18, 18.5)
        c.setFillColor(head.accent)
        c.setFont(FONT_BOLD, 10)
        c.drawCentredString(x + 22, top - 21.5, head.mark)
        x += 56
    c.setFillColor(head.accent)
    c.setFont(FONT_BOLD, 13)
    c.drawString(x, top - 6, head.name)
    c.setFont(FONT, 8.5)
    c.setFillColor(colors.HexColor("#333333"))
    for i, line in enumerate(head.lines):
        c.drawString(x, top - 20 - 11 * i, line)
    rule_y = top - 26 - 11 * max(len(head.lines), 2)
    c.setStrokeColor(head.accent)
    c.setLineWidth(1.2)
    c.line(0.9 * inch, rule_y, width - 0.9 * inch, rule_y)


def build_letter(letter: Letter) -> Path:
    """Render a Letter to OUT/<filename> and return the path."""
    st = styles()
    # The letterhead sits in the top margin's extra space on page 1 only.
    story: list[Flowable] = [Spacer(1, 0.75 * inch), para(letter.date, st["right"])]
    story += [para(r, st["right"]) for r in letter.refs]
    story.append(Spacer(1, 14))
    story += [para(line, st["tight"]) for line in letter.addressee]
    story.append(Spacer(1, 10))
    story.append(Paragraph("Re:\u00a0\u00a0" + escape(letter.re), st["re"]))
    story.append(para(letter.salutation, st["body"]))
    story += letter.body
    signature = [para(letter.closing, st["body"]), Spacer(1, 26)]
    signature += [
        para(line, st["bold"] if i == 0 else st["tight"]) for i, line in enumerate(letter.signer)
    ]
    story.append(KeepTogether(signature))
    if letter.enclosures:
        story.append(Spacer(1, 12))
        story.append(para("Enclosures:", st["small"]))
        story += [para(f"  {e}", st["small"]) for e in letter.enclosures]
    if letter.cc:
        story.append(Spacer(1, 8 if letter.enclosures else 12))
        story += [
            para(("cc: " if i == 0 else "      ") + line, st["small"])
            for i, line in enumerate(letter.cc)
        ]
    if letter.annex:
        story.append(PageBreak())
        story += letter.annex

    path = OUT / letter.filename
    doc = SimpleDocTemplate(
        str(path),
        pagesize=LETTER,
        invariant=True,
        initialFontName=FONT,
        initialFontSize=10,
        leftMargin=0.9 * inch,
        rightMargin=0.9 * inch,
        topMargin=0.95 * inch,
        bottomMargin=0.9 * inch,
        title=letter.title,
        author=letter.author,
        subject=DISCLAIMER,
        creator="Compliance Desk sample generator",
    )

    def first_page(c: canvas.Canvas, _doc: SimpleDocTemplate) -> None:
        draw_letterhead(c, letter.letterhead)

    def later_pages(c: canvas.Canvas, _doc: SimpleDocTemplate) -> None:
        c.setFont(FONT, 8)
        c.setFillColor(colors.HexColor("#555555"))
        c.drawString(0.9 * inch, LETTER[1] - 0.6 * inch, letter.running_head)
        c.drawRightString(LETTER[0] - 0.9 * inch, LETTER[1] - 0.6 * inch, letter.date)

    doc.build(story, onFirstPage=first_page, onLaterPages=later_pages, canvasmaker=NumberedCanvas)
    return path


BIS_HEAD = Letterhead(
    name="UNITED STATES DEPARTMENT OF COMMERCE",
    lines=[
        "Bureau of Industry and Security · Office of Exporter Services",
        "Washington, D.C. 20230",
    ],
    accent=colors.HexColor("#1f3a60"),
    mark="BIS",
)

SECRETARY_HEAD = Letterhead(
    name="THE SECRETARY OF COMMERCE",
    lines=["United States Department of Commerce", "Washington, D.C. 20230"],
    accent=colors.HexColor("#1f3a60"),
    mark="DOC",
)

HALCYON_ADDRESSEE = [
    "Ms. Miriam Adebayo-Stone",
    "Deputy General Counsel, Trade and Export Controls",
    "Halcyon Reasoning Labs, Inc.",
    "1450 Larkspur Quay, Suite 600",
    "San Francisco, CA 94107",
]

MODELS_LINE = (
    "the Meridian 5 model (version 5.0.2, checkpoint of May 28, 2026) and the Meridian 5 "
    "Swift model (version 5.0.1, checkpoint of May 21, 2026), including their trained "
    "parameters (weights and biases), classified under Export Control Classification "
    "Number (ECCN) 4E091"
)


def june12_letter() -> Letter:
    """BIS "is informed" letter imposing a license requirement on the two Meridian 5 models."""
    st = styles()
    body = [
        para(
            "This letter informs Halcyon Reasoning Labs, Inc. (\u201cHalcyon\u201d) of a license "
            "requirement under the Export Administration Regulations (EAR), 15 CFR parts "
            "730\u2013774. The Bureau of Industry and Security (BIS) has received information "
            "that the models identified below can be induced, by a publicly reported prompting "
            "technique (a \u201cjailbreak\u201d), to give meaningful assistance in the "
            "development and use of offensive cyber capabilities. On the basis of that "
            "information BIS has determined that there is an unacceptable risk that the models "
            "will be used in, or diverted to, activities contrary to the national security and "
            "foreign policy interests of the United States.",
            st["body"],
        ),
        para(
            "You are therefore informed that, effective upon receipt of this letter, a license "
            "is required to export, reexport, or transfer (in-country), including deemed "
            "exports and deemed reexports, the following items to any destination and to any "
            "foreign person, including foreign persons in the United States:",
            st["body"],
        ),
        item(
            "1.",
            "Meridian 5 \u2014 trained parameters of version 5.0.2 (checkpoint of "
            "May 28, 2026) and of any later version or checkpoint derived from it, ECCN 4E091.",
            st["item"],
        ),
        item(
            "2.",
            "Meridian 5 Swift \u2014 trained parameters of version 5.0.1 (checkpoint of "
            "May 21, 2026) and of any later version or checkpoint derived from it, ECCN 4E091.",
            st["item"],
        ),
        para(
            "This requirement is in addition to any other license requirement of the EAR. It "
            "applies whether the parameters are transmitted, made available through cloud "
            "storage, or released through access information such as credentials or decryption "
            "keys (15 CFR 734.15(b)). No license exception may be used to overcome it.",
            st["body"],
        ),
        para(
            "Applications will be reviewed case by case. Submit them through SNAP-R and cite "
            f"this letter ({BIS_REF}) in Block 24, describing the end users, the mode of access "
            "and the safeguards that will apply to the models. The requirement remains in "
            "effect until BIS modifies or rescinds it in writing.",
            st["body"],
        ),
        para(
            "Please keep this letter with your export records (15 CFR part 762). Failure to "
            "comply with a license requirement of which you have been informed may result in "
            "administrative or criminal penalties under 15 CFR part 764. Questions about this "
            "letter may be addressed to the Office of Exporter Services at "
            "oes-informed@bis-sample.example, citing the reference above.",
            st["body"],
        ),
    ]
    return Letter(
        filename=JUNE12_PDF,
        author="Bureau of Industry and Security (fictional sample)",
        title="BIS letter of June 12, 2026 to Halcyon Reasoning Labs (IS-2026-0412)",
        letterhead=BIS_HEAD,
        date="June 12, 2026",
        refs=[BIS_REF],
        addressee=HALCYON_ADDRESSEE,
        re="License requirement for Meridian 5 and Meridian 5 Swift model weights (ECCN 4E091)",
        salutation="Dear Ms. Adebayo-Stone:",
        body=body,
        closing="Sincerely,",
        running_head="Halcyon Reasoning Labs, Inc. \u2014 " + BIS_REF,
        signer=[
            "Harlan J. Whitfield",
            "Director, Office of Exporter Services",
            "Bureau of Industry and Security",
        ],
    )


def june26_letter(matter: dict[str, Any]) -> Letter:
    """The Secretary's letter lifting the requirement for Annex A entities, with Annex A."""
    st = styles()
    safeguards = [
        (
            "Technical safeguards.",
            "The parameters remain encrypted at rest and in transit, with "
            "keys held by Halcyon; the jailbreak mitigations and output classifiers in place on "
            "June 24, 2026 stay deployed on every copy and endpoint of the models.",
        ),
        (
            "Monitoring systems.",
            "Halcyon logs every access to the parameters and every query "
            "from an Annex A entity, runs automated misuse detection on those logs, and keeps the "
            "logs for five years.",
        ),
        (
            "User vetting.",
            "Each Annex A entity and each individual given access is screened "
            "against the U.S. Government restricted party lists before access and at least "
            "quarterly, and access is limited to named, identity-verified individuals.",
        ),
        (
            "Transparency mechanisms.",
            "Halcyon submits to BIS a quarterly access report within "
            "30 days after each calendar quarter, listing each entity and individual with access "
            "(name, nationality, location, mode of access) and any incident; the first report is "
            "due October 30, 2026. Halcyon notifies BIS within 72 hours of any security incident "
            "or newly identified jailbreak affecting the models.",
        ),
        (
            "Government oversight.",
            "Halcyon makes its facilities, systems and records relating "
            "to the models available for review by BIS and other U.S. Government agencies on "
            "reasonable notice, and gives BIS 30 days' notice before releasing a new version or "
            "checkpoint of either model to a party covered by this letter.",
        ),
    ]
    body = [
        para(
            "By letter of June 12, 2026 (" + BIS_REF + "), the Bureau of Industry and Security "
            "informed Halcyon Reasoning Labs, Inc. (\u201cHalcyon\u201d) that a license is "
            "required to export, reexport, or transfer (in-country) " + MODELS_LINE + ". Since "
            "then Halcyon has described to the Department the safeguards it applies to the "
            "models and to their users.",
            st["body"],
        ),
        para(
            "Having reviewed that information, I have determined that appropriate safeguards "
            "are in place. Accordingly, effective on the date of this letter, a license will "
            "no longer be required to export, reexport, or in-country transfer (including "
            "deemed exports and reexports) the Meridian 5 Model and the Meridian 5 Swift Model "
            "to:",
            st["body"],
        ),
        item(
            "(a)",
            "the entities identified in Annex A to this letter, at the addresses listed there;",
            st["item"],
        ),
        item("(b)", "the foreign national employees of those entities; and", st["item"]),
        item("(c)", "the foreign national employees of Halcyon Reasoning Labs, Inc.", st["item"]),
        para(
            "The license requirement of the June 12 letter remains in effect for every other "
            "export, reexport, or transfer (in-country) of the models, including to any other "
            "address of an Annex A entity.",
            st["body"],
        ),
        para(
            "This determination relies on the following safeguards, which are conditions of "
            "this letter and must remain in place for as long as Halcyon or a party covered by "
            "it relies on the letter:",
            st["body"],
        ),
        *[
            item(f"{i}.", text, st["item"], bold_lead=lead)
            for i, (lead, text) in enumerate(safeguards, 1)
        ],
        para(
            "Halcyon must inform each Annex A entity in writing of the scope and conditions of "
            "this letter, and obtain its written acknowledgment, before any release to it. "
            "This letter does not authorize any transaction prohibited by 15 CFR part 744 or "
            "by General Prohibitions 4 through 10 (15 CFR 736.2(b)(4)\u2013(10)), and does not "
            "relieve Halcyon of screening each party at each use. The Department may modify, "
            "suspend or revoke this determination at any time. Please keep this letter with "
            "your export records (15 CFR part 762).",
            st["body"],
        ),
    ]
    rows = annex_a_rows(matter)
    table = Table(
        [
            [
                para("Row", st["cellhead"]),
                para("Entity", st["cellhead"]),
                para("Address", st["cellhead"]),
            ]
        ]
        + [
            [para(str(n), st["cell"]), para(name, st["cell"]), para(addr, st["cell"])]
            for n, name, addr in rows
        ],
        colWidths=[0.5 * inch, 2.75 * inch, 3.45 * inch],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#1f3a60")),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#eef2f7")]),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a9bb3")),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    annex = [
        para("ANNEX A", st["heading"]),
        para(
            "to the letter of June 26, 2026 from the Secretary of Commerce to Halcyon "
            f"Reasoning Labs, Inc. ({BIS_REF})",
            st["body"],
        ),
        para(
            "Entities to which a license is no longer required to export, reexport, or "
            "in-country transfer (including deemed exports and reexports) the Meridian 5 Model "
            "and the Meridian 5 Swift Model, at the addresses listed:",
            st["body"],
        ),
        Spacer(1, 4),
        table,
        Spacer(1, 10),
        para(
            f"Annex A contains {len(rows)} rows. Only the addresses listed are covered.",
            st["small"],
        ),
    ]
    return Letter(
        filename=JUNE26_PDF,
        author="U.S. Department of Commerce (fictional sample)",
        title="Letter of June 26, 2026 to Halcyon Reasoning Labs, with Annex A",
        letterhead=SECRETARY_HEAD,
        date="June 26, 2026",
        refs=[BIS_REF],
        addressee=HALCYON_ADDRESSEE,
        re="Meridian 5 and Meridian 5 Swift model weights (ECCN 4E091) \u2014 determination "
        "on safeguards; entities identified in Annex A",
        salutation="Dear Ms. Adebayo-Stone:",
        body=body,
        closing="Sincerely,",
        running_head="Halcyon Reasoning Labs, Inc. \u2014 " + BIS_REF,
        signer=["Everett L. Carrow", "Secretary of Commerce"],
        cc=["Harlan J. Whitfield, Director, Office of Exporter Services, BIS"],
        enclosures=["Annex A (1 page)"],
        annex=annex,
    )


def classification_cover_letter() -> Letter:
    """Pinecrest's cover letter for the Tern Clinical 1 classification request (matter 2)."""
    st = styles()
    body = [
        para(
            "Pinecrest Applied Intelligence, Inc. (\u201cPinecrest\u201d) requests, under "
            "15 CFR 748.3, that BIS classify the trained parameters of Tern Clinical 1 "
            "(version 1.0-rc3), a model Pinecrest derived from the published open-weights "
            "model Larkspur 3 70B. The request was submitted through SNAP-R today as "
            "application control number Z582019; this letter summarizes it.",
            st["body"],
        ),
        para("The item", st["subhead"]),
        item(
            "\u2022",
            "Base model: Larkspur 3 70B, published by the Open Larkspur Foundation "
            "(Rebbergweg 5, 8006 Zurich, Switzerland) with openly downloadable weights "
            "(release of February 17, 2026). Its published parameters are not subject to the "
            "EAR (15 CFR 734.7(a)); reported training compute is about 1.2\u00d710^26 "
            "operations.",
            st["item"],
        ),
        item(
            "\u2022",
            "Derivative: Tern Clinical 1, fine-tuned by Pinecrest for clinical note "
            "summarization. Additional training was about 2.8\u00d710^25 operations of "
            "supervised and preference fine-tuning. About 14% of the fine-tuning data came "
            "from Pinecrest's unpublished synthetic-data generator, to which an estimated "
            "0.6\u00d710^25 operations are attributable. The weights are not published and are "
            "held on Pinecrest's private cluster in Ashburn, Virginia.",
            st["item"],
        ),
        para("The question", st["subhead"]),
        para(
            "Whether the additional training takes Tern Clinical 1 outside the 4E091 "
            "exclusion for models derived from published weights, that is, whether it exceeds "
            "2.5\u00d710^25 operations or 25% of the training operations, whichever is higher. "
            "Measured against the base model, 25% is 3.0\u00d710^25 operations: the additional "
            "training exceeds it if the generator's operations count (3.4\u00d710^25) and does "
            "not if they do not (2.8\u00d710^25). Measured against total training "
            "(1.54\u00d710^26), 25% is 3.85\u00d710^25 and neither figure exceeds it. We ask "
            "BIS to confirm which total applies and whether the generator's operations count "
            "where more than 10% of the data came from one unpublished generator.",
            st["body"],
        ),
        para("Recommended classification", st["subhead"]),
        para(
            "Pinecrest's view is that the additional training does not exceed the limit and "
            "that the weights are designated EAR99; in the alternative, Block 22(a) recommends "
            "ECCN 4E091. Block 24 sets out the method used to count operations. Pinecrest "
            "understands that a classification is not a finding that an item is subject to the "
            "EAR (15 CFR 748.3). A proposed delivery of the weights to Saltmarsh Health "
            "Analytics Ltd in Leeds, United Kingdom, is on hold until BIS responds.",
            st["body"],
        ),
        para(
            "Please direct questions to the undersigned at ashdown@pinecrest-ai.example or "
            "+1\u00a0617\u00a0555\u00a00148.",
            st["body"],
        ),
    ]
    return Letter(
        filename=CCR_PDF,
        author="Pinecrest Applied Intelligence, Inc. (fictional sample)",
        title="Classification request cover letter — Tern Clinical 1 (ACN Z582019)",
        letterhead=Letterhead(
            name="Pinecrest Applied Intelligence, Inc.",
            lines=[
                "210 Quarry Lantern Way, Cambridge, MA 02142",
                "Trade Compliance · pinecrest-ai.example",
            ],
            accent=colors.HexColor("#2f5d3a"),
        ),
        date="August 3, 2026",
        refs=["SNAP-R ACN Z582019"],
        addressee=BIS_ADDRESS,
        re="Commodity classification request \u2014 Tern Clinical 1 model weights, derivative "
        "of Larkspur 3 70B",
        salutation="Dear Sir or Madam:",
        body=body,
        closing="Respectfully submitted,",
        running_head="Bureau of Industry and Security \u2014 ACN Z582019",
        signer=[
            "Gregory Ashdown",
            "Director of Trade Compliance",
            "Pinecrest Applied Intelligence, Inc.",
        ],
        cc=["Daniel Whitcombe, counsel"],
        enclosures=[
            "Technical description of Tern Clinical 1 and training-compute worksheet",
            "Larkspur 3 70B model card and licence (public copy)",
        ],
    )


def letter_of_explanation() -> Letter:
    """Granite Ferry's letter of explanation for the Liang Shufen deemed export (matter 3)."""
    st = styles()
    body = [
        para(
            "Granite Ferry Compute Systems, Inc. (\u201cGranite Ferry\u201d) submits this "
            "letter of explanation in support of its application for a deemed export license, "
            "application control number Z604318, to release technology to its employee "
            "Ms. Liang Shufen, a citizen of the People's Republic of China.",
            st["body"],
        ),
        para("The foreign national", st["subhead"]),
        para(
            "Ms. Liang is a senior hardware design engineer in Granite Ferry's Austin office, "
            "responsible for board-level thermal and power design. She is a bona fide regular "
            "and permanent employee, holds an M.S. from a U.S. university, and is in the United "
            "States in H-1B status valid until March 31, 2028. Her only citizenship is Chinese, "
            "so a release to her is a deemed export to China (15 CFR 734.13(b)). She was "
            "screened against the restricted party lists on September 12, 2026 with no "
            "matches. Her resume and job description are enclosed.",
            st["body"],
        ),
        para("The technology to be released", st["subhead"]),
        para(
            "Development technology (ECCN 4E001.a) for Granite Ferry's GF-9 accelerator "
            "server node, a computer controlled under ECCN 4A090.a: board schematics and "
            "layouts, power-delivery design, and thermal models and test data for the GF-9 "
            "node. Release would take place only in Austin, through:",
            st["body"],
        ),
        item(
            "\u2022",
            "design reviews and read access to the GF-9 folders of the engineering "
            "document vault, and",
            st["item"],
        ),
        item("\u2022", "technical discussion in the weekly hardware design meetings,", st["item"]),
        para(
            "limited to the scope described in Block 24. No accelerator chip design data, "
            "source code, or production technology for the accelerators themselves would be "
            "released.",
            st["body"],
        ),
        para("Safeguards", st["subhead"]),
        para(
            "Granite Ferry's technology control plan restricts the GF-9 vault folders to "
            "named, screened users; until a license issues Ms. Liang's access to them is "
            "blocked and she is excluded from the controlled parts of design reviews. She was "
            "briefed on the plan on September 11, 2026 and signed its acknowledgment, which is "
            "enclosed. Granite Ferry will notify BIS of any change in her employment or "
            "immigration status.",
            st["body"],
        ),
        para(
            "Please contact the undersigned at rvandermolen@graniteferry.example or "
            "+1\u00a0512\u00a0555\u00a00172 with any questions.",
            st["body"],
        ),
    ]
    return Letter(
        filename=LOE_PDF,
        author="Granite Ferry Compute Systems, Inc. (fictional sample)",
        title="Letter of explanation — deemed export license application Z604318",
        letterhead=Letterhead(
            name="Granite Ferry Compute Systems, Inc.",
            lines=[
                "5100 Mesquite Lantern Blvd, Austin, TX 78744",
                "Export Compliance · graniteferry.example",
            ],
            accent=colors.HexColor("#7a4a1f"),
        ),
        date="September 15, 2026",
        refs=["SNAP-R ACN Z604318"],
        addressee=BIS_ADDRESS,
        re="Letter of explanation \u2014 deemed export of ECCN 4E001.a technology to "
        "Liang Shufen (China)",
        salutation="Dear Sir or Madam:",
        body=body,
        closing="Sincerely,",
        running_head="Bureau of Industry and Security \u2014 ACN Z604318",
        signer=[
            "Rachel Vandermolen",
            "Export Compliance Manager",
            "Granite Ferry Compute Systems, Inc.",
        ],
        cc=["Priya Halvorsen, Associate General Counsel"],
        enclosures=[
            "Resume of Liang Shufen",
            "Job description",
            "Technology control plan and signed acknowledgment (September 11, 2026)",
        ],
    )


# ---------------------------------------------------------------------------------------------
# Email thread (.eml)
# ---------------------------------------------------------------------------------------------

SMTP_POLICY = policy.default.clone(linesep="\r\n")


def addr(person: tuple[str, str]) -> str:
    """'Display Name <address>' for a (name, address) pair."""
    return f"{person[0]} <{person[1]}>"


def wrap_body(text: str, width: int = 72) -> str:
    """Re-wrap each paragraph (and each list entry) of a plain-text body to width columns."""
    blocks = []
    for block in text.split("\n\n"):
        lines = block.splitlines()
        verbatim = any(line.startswith(">") or "|" in line for line in lines)
        if verbatim or all(len(line) <= width for line in lines):
            blocks.append(block)
            continue
        entries: list[list[str]] = []
        for line in lines:
            if re.match(r"(\d+\.|-) ", line) or not entries:
                entries.append([line])
            else:
                entries[-1].append(line.strip())
        out = []
        for entry in entries:
            marker = re.match(r"(\d+\.|-) ", entry[0])
            indent = " " * (len(marker.group(0)) if marker else 0)
            out.append(
                textwrap.fill(
                    " ".join(entry), width, subsequent_indent=indent, break_on_hyphens=False
                )
            )
        blocks.append("\n".join(out))
    return "\n\n".join(blocks)


def quote(text: str) -> str:
    """Quote an earlier message the way mail clients do."""
    return "\n".join(">" + (" " + line if line else "") for line in text.splitlines())


def email_message(
    *,
    sender: tuple[str, str],
    to: list[tuple[str, str]],
    cc: list[tuple[str, str]],
    subject: str,
    date: datetime,
    message_id: str,
    parents: list[str],
    text: str,
) -> EmailMessage:
    """A plain-text message with threading headers; attachments are added by the caller."""
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["From"] = addr(sender)
    msg["To"] = ", ".join(addr(p) for p in to)
    if cc:
        msg["Cc"] = ", ".join(addr(p) for p in cc)
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date)
    msg["Message-ID"] = message_id
    if parents:
        msg["In-Reply-To"] = parents[-1]
        msg["References"] = " ".join(parents)
    msg.set_content(wrap_body(text.rstrip("\n")) + "\n\n" + DISCLAIMER + "\n")
    return msg


def attach(msg: EmailMessage, data: bytes, mime_type: str, *, filename: str, boundary: str) -> None:
    """Add an attachment and fix the multipart boundary so the bytes are reproducible."""
    maintype, subtype = mime_type.split("/")
    msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    msg.set_boundary(boundary)


def write_eml(msg: EmailMessage, name: str) -> Path:
    """Serialize with CRLF line endings."""
    path = OUT / name
    path.write_bytes(msg.as_bytes(policy=SMTP_POLICY))
    return path


def coverage_csv() -> bytes:
    """The compliance lead's Annex A coverage check (CSV with CRLF rows, as Excel writes it)."""
    table = """\
annex_row|entity|site|release|model|status|covered_by_june_26|comment
1|Thistlegate Analytics Ltd|London (listed address)|export of weights|Meridian 5|performed|yes|Encrypted transfer to 27 Cobbler's Row
1|Thistlegate Analytics Ltd|London (listed address)|deemed reexport to JP (Sato Haruki)|Meridian 5|authorized|yes|Foreign-national employee of row 1
1|Thistlegate Analytics Ltd|Manchester office|none|-|-|no|Address not in Annex A; no release until BIS confirms
2|Kohaku Data Systems K.K.|Tokyo cloud tenancy|export (cloud storage)|Meridian 5|authorized|yes|Keys held by Halcyon
3|Brennwald Sicherheitsforschung GmbH|Berlin (listed address)|reexport from Thistlegate (GB to DE)|Meridian 5|planned|yes|Both parties in Annex A; Halcyon consent required by contract
3|Brennwald Sicherheitsforschung GmbH|visiting San Francisco|deemed export to IN (Rohan Bhattacharya)|Meridian 5|performed|yes|Foreign-national employee of row 3
4|Northmarch Cyber Defence Inc.|Toronto (listed address)|hosted API access|Meridian 5 Swift|authorized|check|Counsel to confirm no release of parameters
4|Northmarch Cyber Defence Inc.|Toronto (listed address)|deemed reexport to KR (Park Seo-yeon)|Meridian 5 Swift|authorized|yes|Foreign-national employee of row 4
5|Seorin Secure Intelligence Co., Ltd.|Seoul (listed address)|export of weights|Meridian 5|performed|yes|
6|Wattle Point Research Pty Ltd|Sydney (listed address)|export of weights|Meridian 5 Swift|performed|yes|
6|Wattle Point Research Pty Ltd|Sydney (listed address)|in-country transfer (change of end use)|Meridian 5 Swift|planned|yes|Same address; Canberra site not listed
6|Wattle Point Research Pty Ltd|Sydney (listed address)|deemed reexport to VN (Tran Minh Anh)|Meridian 5 Swift|planned|yes|Foreign-national employee of row 6
7|Orphee Cyberdefense SAS|Paris (listed address)|hosted API access|Meridian 5|authorized|check|Counsel to confirm no release of parameters
7|Orphee Cyberdefense SAS|Paris (listed address)|deemed reexport to DE (Lukas Reinholt)|Meridian 5|planned|yes|Only if Orphee moves beyond API access
-|Cerulean Harbor Analytics Pte. Ltd.|Singapore|export of weights|Meridian 5|blocked|no|Not in Annex A; June 12 requirement applies
"""  # noqa: E501 (one CSV row per line reads best)
    buf = io.StringIO()
    csv.writer(buf).writerows(line.split("|") for line in table.splitlines())
    return buf.getvalue().encode("utf-8")


def email_thread(june26_pdf: bytes) -> list[Path]:
    """Three messages: outside counsel forwards the letter, in-house replies, compliance answers."""
    subject = "BIS letter of June 26 \u2014 Annex A scope"
    ids = [
        "<20260626220412.7c41e9@calderwhitlow.example>",
        "<CAHr5x0m+2026062709153@halcyonlabs.example>",
        "<CAHr5x0m+2026062911375@halcyonlabs.example>",
    ]

    text_a = """Miriam,

Attached is the Secretary's letter of this afternoon lifting the June 12 license requirement
(BIS ref. IS-2026-0412) for the seven entities in Annex A, their foreign-national employees,
and Halcyon's own foreign-national employees. Both Meridian 5 and Meridian 5 Swift are named.

Three points before anyone restores access:

1. Annex A lists one address per entity. Thistlegate's Manchester office and Wattle Point's
   Canberra site are not listed, so I would treat any release there as still needing a license.
2. Cerulean Harbor (Singapore) is not in Annex A. The June 12 requirement still applies to it.
3. The letter rests on five safeguards (technical, monitoring, user vetting, transparency,
   government oversight) and makes them conditions. The first quarterly access report is due
   October 30.

Could your team map every planned and current release to an Annex A row, so we can confirm
coverage row by row? Please include the Halcyon employees who hold credentials to the weight
store, with their nationalities.

Best regards,
Graham

Graham Pell | Partner | Calder Whitlow LLP
1100 Alder Street NW, Washington, DC 20005 | +1 202 555 0190
Privileged & confidential: attorney-client communication"""

    text_b = """Graham,

Thank you. Tobias, could you run the coverage check against Annex A by row, with entity,
site, release, model and status, and flag anything outside the listed addresses? Please add
the Halcyon access roster too: Ananya, Mingyu, Chidera and Dmitri (IL is his most recent
citizenship, so that is the deemed destination). Beatriz is a green-card holder and not a
foreign person, but keep her on the roster for completeness.

Graham, on Orphee and Northmarch we only provide hosted API access; I would like your view on
whether that releases anything at all before we count them as relying on the letter.

Miriam

Miriam Adebayo-Stone | Deputy General Counsel, Trade and Export Controls
Halcyon Reasoning Labs, Inc.

On Fri, Jun 26, 2026 at 6:04 PM Graham Pell <gpell@calderwhitlow.example> wrote:
""" + quote(wrap_body(text_a))

    text_c = """Miriam, Graham,

Coverage check attached, one line per release. Summary:

- Rows 1-7: every current release is at a listed address; the Thistlegate transfer, the
  Seorin transfer, the Wattle Point transfer and Rohan Bhattacharya's red-team session in
  San Francisco have been performed.
- Not covered: Thistlegate Manchester (no release made) and Cerulean Harbor (blocked).
- To confirm: Northmarch and Orphee are API-only; marked "check" pending Graham's view.

All seven entities were re-screened this morning with no hits. The access roster goes out
separately to Miriam only.

Tobias

Tobias Renwick | Head of Export Compliance | Halcyon Reasoning Labs, Inc.

On Sat, Jun 27, 2026 at 9:15 AM Miriam Adebayo-Stone <madebayo-stone@halcyonlabs.example> wrote:
""" + quote(wrap_body(text_b.split("\n\nOn Fri,")[0]))

    a = email_message(
        sender=OUTSIDE_COUNSEL,
        to=[IN_HOUSE_COUNSEL],
        cc=[],
        subject=subject,
        date=datetime(2026, 6, 26, 18, 4, 12, tzinfo=EDT),
        message_id=ids[0],
        parents=[],
        text=text_a,
    )
    attach(a, june26_pdf, "application/pdf", filename=JUNE26_PDF, boundary="==cw-0626-annex==")
    b = email_message(
        sender=IN_HOUSE_COUNSEL,
        to=[OUTSIDE_COUNSEL],
        cc=[COMPLIANCE_LEAD],
        subject="Re: " + subject,
        date=datetime(2026, 6, 27, 9, 15, 31, tzinfo=PDT),
        message_id=ids[1],
        parents=ids[:1],
        text=text_b,
    )
    c = email_message(
        sender=COMPLIANCE_LEAD,
        to=[IN_HOUSE_COUNSEL],
        cc=[OUTSIDE_COUNSEL],
        subject="Re: " + subject,
        date=datetime(2026, 6, 29, 11, 37, 50, tzinfo=PDT),
        message_id=ids[2],
        parents=ids[:2],
        text=text_c,
    )
    csv_name = "Annex A coverage check.csv"
    attach(c, coverage_csv(), "text/csv", filename=csv_name, boundary="==hrl-0629-coverage==")
    return [write_eml(a, EML_A), write_eml(b, EML_B), write_eml(c, EML_C)]


# ---------------------------------------------------------------------------------------------
# Outlook .msg
# ---------------------------------------------------------------------------------------------


def _filetime(when: datetime) -> int:
    """Windows FILETIME (100 ns ticks since 1601-01-01 UTC)."""
    return int((when - datetime(1601, 1, 1, tzinfo=UTC)).total_seconds()) * 10**7


def _string_props(writer: OleWriter, prefix: str, values: dict[int, str]) -> bytes:
    """Add PT_UNICODE streams under prefix and return their property-stream entries."""
    entries = b""
    for prop_id, value in values.items():
        data = value.encode("utf-16-le")
        writer.addEntry(f"{prefix}__substg1.0_{prop_id:04X}001F", data)
        entries += struct.pack("<IIII", (prop_id << 16) | 0x001F, 6, len(data) + 2, 0)
    return entries


def tcp_briefing_msg() -> Path:
    """The engineer's manager confirms the TCP briefing (matter 3), as an Outlook .msg."""
    sent = datetime(2026, 9, 11, 16, 42, 5, tzinfo=CDT)
    sender = ("Marcus Oyelaran", "moyelaran@graniteferry.example")
    recipients = [
        (1, "Rachel Vandermolen", "rvandermolen@graniteferry.example"),
        (2, "Priya Halvorsen", "phalvorsen@graniteferry.example"),
    ]
    body = (
        "Rachel,\r\n\r\n"
        "Confirming that I briefed Liang Shufen this afternoon (September 11, 2026, 2:00-2:45 PM,"
        " Austin, room B2-14) on the technology control plan for the GF-9 design data.\r\n\r\n"
        "We covered: the GF-9 vault folders stay blocked for her until BIS issues the license; "
        "she leaves the controlled part of design reviews; in the weekly hardware meetings we "
        "keep to board-level thermal and power topics; and any doubt goes to you before "
        "anything is shared.\r\n\r\n"
        "She signed the TCP acknowledgment at the end of the session; the signed copy is in the "
        "export compliance folder. Her vault access remains blocked and IT has confirmed the "
        "group membership change.\r\n\r\n"
        "Marcus\r\n\r\n"
        "Marcus Oyelaran | Director, Hardware Engineering | Granite Ferry Compute Systems, Inc."
        "\r\n\r\n" + DISCLAIMER + "\r\n"
    )
    w = OleWriter()
    props = bytearray(struct.pack("<8xIIII8x", len(recipients), 0, len(recipients), 0))
    props += _string_props(
        w,
        "",
        {
            0x001A: "IPM.Note",
            0x0037: "TCP briefing completed \u2014 Liang Shufen (GF-9 design data)",
            0x0042: sender[0],
            0x0065: sender[1],
            0x0064: "SMTP",
            0x0C1A: sender[0],
            0x0C1F: sender[1],
            0x0C1E: "SMTP",
            0x5D01: sender[1],
            0x5D02: sender[1],  # sender / sent-representing SMTP address
            0x1035: "<20260911214205.GF7731@graniteferry.example>",  # internet message id
            0x0E04: recipients[0][1],
            0x0E03: recipients[1][1],
            0x1000: body,
        },
    )
    for prop_id in (0x0039, 0x0E06, 0x3007, 0x3008):  # submit, delivery, creation, modified
        props += struct.pack("<IIQ", (prop_id << 16) | 0x0040, 6, _filetime(sent))
    props += struct.pack("<IIQ", (0x0E07 << 16) | 0x0003, 6, 1)  # message flags: read
    w.addEntry("__properties_version1.0", bytes(props))
    w.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        w.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    for n, (kind, name, email) in enumerate(recipients):
        storage = f"__recip_version1.0_#{n:08X}"
        w.addEntry(storage, storage=True)
        rprops = bytearray(8)
        rprops += _string_props(
            w, storage + "/", {0x3001: name, 0x3002: "SMTP", 0x3003: email, 0x39FE: email}
        )
        rprops += struct.pack("<IIQ", (0x0C15 << 16) | 0x0003, 6, kind)  # 1 = To, 2 = Cc
        rprops += struct.pack("<IIQ", (0x3000 << 16) | 0x0003, 6, n)  # row id
        w.addEntry(f"{storage}/__properties_version1.0", bytes(rprops))
    path = OUT / TCP_MSG
    w.write(str(path))
    return path


def check_msg(path: Path) -> None:
    """Parse the .msg back with extract_msg and print what it reads."""
    msg = extract_msg.openMsg(str(path))
    try:
        assert isinstance(msg, extract_msg.Message), type(msg)
        print(f"  .msg subject: {msg.subject!r}")
        print(f"  .msg sender:  {msg.sender!r}")
        print(f"  .msg to/cc:   {msg.to!r} / {msg.cc!r}")
        print(f"  .msg date:    {msg.date!r}")
        body = (msg.body or "").replace("\r\n", "\n").replace("\n", "\n" + " " * 15)
        print("  .msg body:    " + body)
    finally:
        msg.close()


# ---------------------------------------------------------------------------------------------


def main() -> None:
    """Generate every document and print the files written."""
    rl_config.invariant = 1
    register_fonts()
    OUT.mkdir(parents=True, exist_ok=True)
    matters = load_matters()
    paths = [build_letter(june12_letter()), build_letter(june26_letter(matters[0]))]
    paths += email_thread((OUT / JUNE26_PDF).read_bytes())
    paths.append(build_letter(classification_cover_letter()))
    paths.append(tcp_briefing_msg())
    paths.append(build_letter(letter_of_explanation()))
    for path in paths:
        print(f"{path.stat().st_size:>8}  {path.relative_to(ROOT)}")
    check_msg(OUT / TCP_MSG)


if __name__ == "__main__":
    main()
