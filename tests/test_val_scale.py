"""A Landkreis-sized workbook validates completely: no finding lost or misplaced at scale.

Speed is measured by benchmarks/validate.py, not asserted here.
"""

from __future__ import annotations

from pathlib import Path

from importer.model import Record
from importer.validation.validate import validate_workbook
from importer.workbook.data import WorkbookData

MANDANTEN = 418
UNITS = 10_000


def landkreis() -> WorkbookData:
    """418 Mandanten and 10,000 units, every phone number and address distinct."""
    data = WorkbookData(path=Path("/tmp/landkreis.xlsx"))
    mandanten = [f"Gemeinde Ort{n}" for n in range(MANDANTEN)]
    data.sheets["Impressum"] = [
        Record("Impressum", n + 2, {
            "mandant": m, "behoerde": f"Verwaltung {m}", "vertreten_durch": "Bürgermeisterin",
            "strasse": "Markt 1", "plz": f"0{1000 + n}", "ort": m,
            "telefon": f"0351 {200000 + n}-0", "email": f"poststelle@ort{n}.example",
            "internet": f"www.ort{n}.example",
        })
        for n, m in enumerate(mandanten)
    ]  # fmt: skip
    data.sheets["Datenschutzbeauftragte"] = [
        Record("Datenschutzbeauftragte", n + 2, {"mandant": m, "name": "D", "email": f"d@o{n}.de"})
        for n, m in enumerate(mandanten)
    ]  # fmt: skip
    data.sheets["Organisationseinheiten"] = [
        Record("Organisationseinheiten", n + 2, {
            "mandant": mandanten[n % MANDANTEN], "name": f"Amt {n}",
            "parent": f"Amt {n - MANDANTEN}" if n >= MANDANTEN else None,
            "email": f"amt{n}@ort{n % MANDANTEN}.example", "telefon": f"03521 {300000 + n}",
            "fax": f"(03521) {300000 + n}-9",
        })
        for n in range(UNITS)
    ]  # fmt: skip
    return data


def test_ten_thousand_units_keep_their_one_finding_at_its_row() -> None:
    data = landkreis()
    data.sheets["Organisationseinheiten"][5000].values["telefon"] = 351123456
    report = validate_workbook(data)
    assert [f.key() for f in report.findings] == [
        ("Organisationseinheiten", 5002, "Telefon", "telefon-als-zahl")
    ]
    assert len(report.normalized) == 2 * MANDANTEN + UNITS
