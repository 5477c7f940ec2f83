"""The empty template: derived from the catalogue, self-explaining, stable, LibreOffice-proof."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest
from data.make_wb_scenarios import soffice_convert
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from importer.cli import app
from importer.workbook.columns import (
    ANLEITUNG,
    DATA_SHEETS,
    STATUS_MEANINGS,
    WRITTEN_COLUMNS,
)
from importer.workbook.marks import fill_rgb
from importer.workbook.reader import read_workbook
from importer.workbook.styles import OPTIONAL_RGB, REQUIRED_RGB, WRITTEN_HEADER_RGB
from importer.workbook.template import (
    TEXT_KINDS,
    input_message,
    write_template,
)

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "templates" / "amt24-import-vorlage.xlsx"
WRITTEN = {c.field for c in WRITTEN_COLUMNS}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = write_template(tmp_path_factory.mktemp("vorlage") / "vorlage.xlsx")
    return openpyxl.load_workbook(path)


def header(ws: Any) -> list[object]:
    return [c.value for c in ws[1]]


def prompts(ws: Any) -> dict[str, tuple[object, ...]]:
    """Column letter → (type, formula1, promptTitle, prompt) of its data validation."""
    found = {}
    for validation in ws.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            letter = get_column_letter(cell_range.min_col)
            kind = validation.type or "none"
            found[letter] = (
                kind,
                # LibreOffice writes a formula "0" for validations that only show a message.
                validation.formula1 if kind != "none" else None,
                validation.promptTitle,
                validation.prompt,
            )
    return found


def describe(wb: openpyxl.Workbook) -> dict[str, Any]:
    """Everything a user sees of the template, independent of zip timestamps."""
    result: dict[str, Any] = {"sheets": wb.sheetnames, "names": sorted(wb.defined_names)}
    anleitung = wb[ANLEITUNG]
    result["anleitung"] = [list(r) for r in anleitung.iter_rows(values_only=True)]
    result["anleitung_layout"] = {
        "merged": sorted(str(r) for r in anleitung.merged_cells.ranges),
        "heights": [d.height for _, d in sorted(anleitung.row_dimensions.items())],
        "widths": {k: d.width for k, d in anleitung.column_dimensions.items()},
        "page": (anleitung.page_setup.paperSize, anleitung.page_setup.fitToWidth),
    }
    for sheet in DATA_SHEETS:
        ws = wb[sheet.name]
        result[sheet.name] = {
            "header": header(ws),
            "style": [(fill_rgb(c.fill), bool(c.font.b)) for c in ws[1]],
            "prompts": prompts(ws),
            "columns": {
                k: (d.width, d.hidden, d.number_format) for k, d in ws.column_dimensions.items()
            },
            "freeze": ws.freeze_panes,
        }
    return result


def test_sheets_and_headers_come_from_the_catalogue(template: openpyxl.Workbook) -> None:
    assert template.sheetnames == [ANLEITUNG] + [s.name for s in DATA_SHEETS]
    for sheet in DATA_SHEETS:
        expected = [c.header for c in sheet.columns + WRITTEN_COLUMNS]
        assert header(template[sheet.name]) == expected
        assert template[sheet.name].max_row == 1


def test_required_optional_and_written_headers_look_different(
    template: openpyxl.Workbook,
) -> None:
    for sheet in DATA_SHEETS:
        expected = [
            (WRITTEN_HEADER_RGB, False)
            if c.field in WRITTEN
            else (REQUIRED_RGB, True)
            if c.required
            else (OPTIONAL_RGB, False)
            for c in sheet.columns + WRITTEN_COLUMNS
        ]
        ws = template[sheet.name]
        assert [(fill_rgb(c.fill), bool(c.font.b)) for c in ws[1]] == expected


def test_every_column_has_an_input_message_with_example(template: openpyxl.Workbook) -> None:
    for sheet in DATA_SHEETS:
        found = prompts(template[sheet.name])
        expected = {}
        for index, column in enumerate(sheet.columns + WRITTEN_COLUMNS, start=1):
            is_list = column.field == "mandant" and sheet is not DATA_SHEETS[0]
            title = column.header + (" (Pflicht)" if column.required else "")
            expected[get_column_letter(index)] = (
                "list" if is_list else "none",
                "Mandanten" if is_list else None,
                title if len(title) <= 32 else title[:31] + "…",
                input_message(column),
            )
        assert found == expected
    assert "Beispiel: 01665" in input_message(DATA_SHEETS[0].column("plz"))


def test_mandant_list_is_fed_from_impressum(template: openpyxl.Workbook) -> None:
    name = template.defined_names["Mandanten"]
    assert name.attr_text == ("OFFSET(Impressum!$A$2,0,0,MAX(1,COUNTA(Impressum!$A:$A)-1),1)")


def test_layout_widths_text_format_hidden_checksum(template: openpyxl.Workbook) -> None:
    for sheet in DATA_SHEETS:
        ws = template[sheet.name]
        assert ws.freeze_panes == "A2"
        columns = {}
        for index, column in enumerate(sheet.columns + WRITTEN_COLUMNS, start=1):
            d = ws.column_dimensions[get_column_letter(index)]
            columns[column.header] = (d.width, d.hidden, d.number_format, fill_rgb(d.fill))
        expected = {
            c.header: (
                c.width,
                c.field == "pruefsumme",
                "@" if c.kind in TEXT_KINDS else "General",
                "EDEDED" if c.field in WRITTEN else None,
            )
            for c in sheet.columns + WRITTEN_COLUMNS
        }
        assert columns == expected


def test_anleitung_explains_every_column_and_status(template: openpyxl.Workbook) -> None:
    rows = [r for r in template[ANLEITUNG].iter_rows(values_only=True)]
    text = "\n".join(" | ".join(str(v) for v in r if v is not None) for r in rows)
    for sheet in DATA_SHEETS:
        assert f"Blatt „{sheet.name}“" in text
        assert sheet.description in text
        for column in sheet.columns:
            line = (column.header, "ja" if column.required else "nein", column.example, column.help)
            assert line in [tuple(r[:4]) for r in rows]
    for status, meaning in STATUS_MEANINGS.items():
        assert (status, meaning) in [tuple(r[:2]) for r in rows]
    for legend in ("Pflichtspalte", "freiwillige Spalte", "vom Importer geschrieben"):
        assert legend in text


def test_committed_template_is_what_the_command_writes(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["template", str(tmp_path / "neu.xlsx")])
    assert result.exit_code == 0, result.output
    fresh = describe(openpyxl.load_workbook(tmp_path / "neu.xlsx"))
    assert describe(openpyxl.load_workbook(COMMITTED)) == fresh


def test_template_command_default_name_and_no_overwrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    assert runner.invoke(app, ["template"]).exit_code == 0
    target = tmp_path / "amt24-import-vorlage.xlsx"
    target.write_bytes(b"meine Daten")
    refused = runner.invoke(app, ["template"])
    assert refused.exit_code == 2
    message = " ".join(refused.stderr.split())
    assert "gibt es schon" in message and "--ueberschreiben" in message
    assert target.read_bytes() == b"meine Daten"
    assert runner.invoke(app, ["template", "--ueberschreiben"]).exit_code == 0
    assert read_workbook(target).sheets == {s.name: [] for s in DATA_SHEETS}


def test_template_command_refuses_a_folder(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["template", str(tmp_path)])
    assert result.exit_code == 2
    assert "ist ein Ordner" in " ".join(result.stderr.split())
    assert "Traceback" not in result.output


@pytest.mark.libreoffice
def test_template_survives_libreoffice(tmp_path: Path) -> None:
    source = write_template(tmp_path / "vorlage.xlsx")
    converted = soffice_convert(source, tmp_path / "lo", "xlsx", tmp_path / "profil")
    original, back = describe(openpyxl.load_workbook(source)), openpyxl.load_workbook(converted)
    seen = describe(back)
    assert seen["sheets"] == original["sheets"]
    assert seen["anleitung"] == original["anleitung"]
    assert "Mandanten" in seen["names"]
    for sheet in DATA_SHEETS:
        assert seen[sheet.name]["header"] == original[sheet.name]["header"]
        assert seen[sheet.name]["style"] == original[sheet.name]["style"]
        # LibreOffice keeps every input message and dropdown (it shortens the ranges).
        assert seen[sheet.name]["prompts"] == original[sheet.name]["prompts"]
        hidden = [k for k, d in back[sheet.name].column_dimensions.items() if d.hidden]
        assert hidden == [get_column_letter(len(original[sheet.name]["header"]))]
    data = read_workbook(converted)
    assert data.sheets == {s.name: [] for s in DATA_SHEETS}
    assert data.columns == read_workbook(source).columns
