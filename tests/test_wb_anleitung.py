"""The sheet Anleitung reads well in Excel and LibreOffice, on screen and on paper: long texts
wrap in a wide span, every row is as tall as its text needs, the page is scaled to the width of
A4; printed by LibreOffice, every text is found whole and in order and nothing stands over
anything else (issue 11). It also says where each column goes in the AdminCenter."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
from data.make_wb_scenarios import soffice_convert
from openpyxl.styles import Font

from importer.workbook.anleitung import DESTINATIONS, WIDTHS, anleitung_lines
from importer.workbook.columns import ANLEITUNG
from importer.workbook.sheetlayout import row_height
from importer.workbook.template import write_template

ROOT = Path(__file__).resolve().parents[1]
XHTML = "{http://www.w3.org/1999/xhtml}"
TEXTS = [text for line in anleitung_lines() for text in line.texts if text]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template(tmp_path_factory.mktemp("vorlage") / "vorlage.xlsx")


@pytest.fixture(scope="module")
def anleitung(template: Path) -> openpyxl.worksheet.worksheet.Worksheet:
    return openpyxl.load_workbook(template)[ANLEITUNG]


def test_texts_after_a_label_span_to_the_last_column(anleitung) -> None:
    spans = sorted(
        (r.min_row, r.min_col, r.max_row, r.max_col) for r in anleitung.merged_cells.ranges
    )
    lines = anleitung_lines()
    assert spans == [
        (row, len(line.texts), row, len(WIDTHS))
        for row, line in enumerate(lines, start=1)
        if 0 < len(line.texts) < len(WIDTHS)
    ]
    for row, line in enumerate(lines, start=1):
        cells = [anleitung.cell(row, column) for column in range(1, len(line.texts) + 1)]
        assert [c.value or "" for c in cells] == list(line.texts)
        assert all(c.alignment.wrap_text and c.alignment.vertical == "top" for c in cells)


def test_every_row_has_an_explicit_height(anleitung) -> None:
    heights = [anleitung.row_dimensions[r].height for r in range(1, anleitung.max_row + 1)]
    assert None not in heights
    rows = range(1, anleitung.max_row + 1)
    step = next(r for r in rows if anleitung.cell(r, 1).value == "Schritt 9")
    assert anleitung.row_dimensions[step].height >= 3 * 15  # three lines of text


def test_the_page_is_a4_portrait_scaled_to_its_width(anleitung) -> None:
    setup = anleitung.page_setup
    assert (setup.paperSize, setup.orientation) == (9, "portrait")
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0)
    assert anleitung.sheet_properties.pageSetUpPr.fitToPage
    assert [anleitung.column_dimensions[c].width for c in "ABCD"] == list(WIDTHS)


@pytest.mark.parametrize(
    ("text", "width", "font", "lines"),
    [
        ("kurz", 26, Font(), 1),
        ("ein Wort " * 10, 93, Font(), 1),  # 90 characters
        ("ein Wort " * 20, 93, Font(), 2),
        ("ein Wort " * 9, 93, Font(b=True), 1),
        ("ein Wort " * 10, 93, Font(b=True), 2),  # bold is wider
        ("Organisationseinheit, Übergeordnete Organisationseinheit", 26, Font(), 3),
        ("zwei\nZeilen", 93, Font(), 2),
    ],
)
def test_row_height_counts_the_wrapped_lines(text: str, width: int, font: Font, lines: int) -> None:
    assert row_height(text, width, font) == round(lines * 11 * 1.4 + 6, 1)


def test_a_larger_font_needs_a_taller_row() -> None:
    assert row_height("Titel", 119, Font(sz=14)) > row_height("Titel", 119, Font(sz=11))


def test_docs_say_where_each_column_goes_as_the_anleitung_does() -> None:
    doc = (ROOT / "docs" / "workbook.md").read_text(encoding="utf-8")
    section = doc.split("## Wohin die Werte im AdminCenter kommen")[1].split("\n## ")[0]
    rows = re.findall(r"^\| (.+?) \| (.+?) \|$", section, re.MULTILINE)
    assert rows[2:] == list(DESTINATIONS)  # after the table's head


@dataclass(frozen=True)
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float

    def overlaps(self, other: Word) -> bool:
        """Boxes that share more than a sliver (a line's box reaches into the next line's)."""
        width = min(self.x_max, other.x_max) - max(self.x_min, other.x_min)
        height = min(self.y_max, other.y_max) - max(self.y_min, other.y_min)
        return self.page == other.page and width > 1 and height > 0.4 * (self.y_max - self.y_min)


def pdf_words(pdf: Path) -> tuple[list[Word], float]:
    """The words of a PDF in pdftotext's reading order (block by block), and the page width."""
    html = subprocess.run(
        ["pdftotext", "-bbox-layout", str(pdf), "-"], check=True, capture_output=True
    ).stdout
    root = ET.fromstring(html)
    words = []
    pages = list(root.iter(f"{XHTML}page"))
    for number, page in enumerate(pages, start=1):
        for word in page.iter(f"{XHTML}word"):
            box = [float(word.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")]
            words.append(Word(number, word.text or "", *box))
    return words, float(pages[0].get("width", 0))


def clashes(words: list[Word]) -> list[tuple[str, str]]:
    """Pairs of words printed over each other."""
    ordered = sorted(words, key=lambda w: (w.page, w.y_min))
    found = []
    for index, word in enumerate(ordered):
        for other in ordered[index + 1 :]:
            if other.page != word.page or other.y_min >= word.y_max:
                break
            if word.overlaps(other):
                found.append((word.text, other.text))
    return found


def squashed(texts: list[str]) -> str:
    return "".join("".join(texts).split())


@pytest.mark.libreoffice
def test_libreoffice_prints_every_text_whole_in_order_and_apart(
    tmp_path: Path, template: Path
) -> None:
    """As a new user tries it: `soffice --convert-to pdf` of the template."""
    pdf = soffice_convert(template, tmp_path / "pdf", "pdf", tmp_path / "profil")
    words, page_width = pdf_words(pdf)
    expected = squashed(TEXTS)
    printed = squashed([w.text for w in words])
    assert printed.startswith(expected), next(
        (expected[i - 40 : i + 40], printed[i - 40 : i + 40])
        for i, (a, b) in enumerate(zip(expected, printed, strict=False))
        if a != b
    )
    count, length = 0, 0
    while length < len(expected):  # the Anleitung's words (the data sheets follow)
        length += len("".join(words[count].text.split()))
        count += 1
    anleitung = words[:count]
    assert all(w.x_min > 20 and w.x_max < page_width - 20 for w in anleitung)
    assert clashes(anleitung) == []
    assert anleitung[-1].page <= 3
