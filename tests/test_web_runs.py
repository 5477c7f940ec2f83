"""Run folders for the page Läufe: the web job's zusammenfassung.json, runs started elsewhere
summarised from their log, evidence of failed rows, and only files inside a run folder."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from fixtures_web import WebClient
from test_ex_examples import VALID

from importer.model import Action, RowResult, Status
from importer.runner.runfolder import create_run_folder
from importer.runner.summary import RunSummary
from importer.web.runs import evidence_files, list_runs, run_file, write_summary_file

STAMP = datetime(2025, 3, 4, 5, 6, 7)


def summary_of(workbook: Path) -> RunSummary:
    folder = create_run_folder(workbook, STAMP)
    (folder.evidence_stem("Organisationseinheiten", 3).with_suffix(".png")).write_bytes(b"png")
    (folder.evidence_stem("Organisationseinheiten", 3).with_suffix(".html")).write_text("<p>")
    results = [
        RowResult("Impressum", 2, Status.OK, "Impressum gespeichert", Action.AKTUALISIERT),
        RowResult("Organisationseinheiten", 2, Status.OK, "angelegt", Action.ANGELEGT),
        RowResult("Organisationseinheiten", 3, Status.FEHLER, "kaputt", Action.FEHLGESCHLAGEN),
    ]
    mandant_of = {(r.sheet, r.row): "Stadt A" for r in results}
    return RunSummary(workbook, results, mandant_of, run_folder=folder.path, seconds=12.34)


def test_the_web_job_writes_a_private_machine_readable_summary(tmp_path: Path) -> None:
    summary = summary_of(tmp_path / "mappe.xlsx")
    path = write_summary_file(summary, "https://admin.example/", "fertig")
    assert path is not None and path.stat().st_mode & 0o077 == 0
    assert json.loads(path.read_text(encoding="utf-8")) == {
        "mappe": "mappe.xlsx",
        "admincenter": "https://admin.example/",
        "ergebnis": "fertig",
        "dauer_sekunden": 12.3,
        "mandanten": [
            {
                "mandant": "Stadt A",
                "angelegt": 1,
                "aktualisiert": 1,
                "unverändert": 0,
                "ungültig": 0,
                "fehlgeschlagen": 1,
            }
        ],
        "summe": {
            "angelegt": 1,
            "aktualisiert": 1,
            "unverändert": 0,
            "ungültig": 0,
            "fehlgeschlagen": 1,
        },
        "fehlgeschlagen": [
            {"blatt": "Organisationseinheiten", "zeile": 3, "status": "FEHLER", "meldung": "kaputt"}
        ],
    }
    [run] = list_runs(tmp_path / "mappe.xlsx")
    assert (run.stamp, run.started, run.state, run.from_log) == (
        "20250304-050607",
        STAMP,
        "fertig",
        False,
    )
    assert run.failed[0]["meldung"] == "kaputt"
    assert list_runs(tmp_path / "andere.xlsx") == []


def test_a_run_without_summary_is_read_from_its_log(tmp_path: Path) -> None:
    folder = create_run_folder(tmp_path / "mappe.xlsx", STAMP)
    folder.log.write_text(
        "2025-03-04 05:06:07.000 | INFO    | MainThread | Lauf: mappe.xlsx gegen "
        "https://admin.example/ (1 Worker)\n"
        "… | INFO    | worker-1 | Impressum Zeile 2: OK Impressum gespeichert\n"
        "… | WARNING | worker-1 | Organisationseinheiten Zeile 3: FEHLER: kaputt\n"
        "… | INFO    | worker-1 | Organisationseinheiten Zeile 3: FEHLER kaputt\n"
        "… | INFO    | worker-1 | Organisationseinheiten Zeile 4: FEHLER Zeitüberschreitung\n"
        "… | INFO    | worker-1 | Organisationseinheiten Zeile 4: OK angelegt (erneut)\n",
        encoding="utf-8",
    )
    [run] = list_runs(tmp_path / "mappe.xlsx")
    assert (run.workbook, run.url, run.from_log) == ("mappe.xlsx", "https://admin.example/", True)
    assert run.counts == {"OK": 2, "FEHLER": 1}
    assert run.files == ["protokoll.log"]


def test_evidence_of_a_failed_row_and_only_files_inside_its_run_folder(tmp_path: Path) -> None:
    workbook = tmp_path / "mappe.xlsx"
    summary = summary_of(workbook)
    names = evidence_files(summary, "Organisationseinheiten", 3)
    assert names == ["Organisationseinheiten-Zeile3.html", "Organisationseinheiten-Zeile3.png"]
    assert evidence_files(summary, "Organisationseinheiten", 2) == []
    stamp = "20250304-050607"
    assert run_file(workbook, stamp, names[1]) == summary.run_folder / names[1]
    (tmp_path / "geheim.txt").write_text("nein")
    for bad_stamp, name in (
        (stamp, "../../geheim.txt"),
        ("..", "geheim.txt"),
        (stamp, "fehlt.png"),
        (stamp, ".."),
    ):
        assert run_file(workbook, bad_stamp, name) is None


def test_the_page_lists_the_runs_of_the_chosen_workbook(web: WebClient, tmp_path: Path) -> None:
    workbook = tmp_path / "mappe.xlsx"
    workbook.write_bytes(VALID.read_bytes())
    write_summary_file(summary_of(workbook), "https://admin.example/", "angehalten")
    web.post("/mappe/pfad", {"pfad": str(workbook)})
    page = web.get("/laeufe").get_data(as_text=True)
    assert 'data-lauf="20250304-050607"' in page
    assert "04.03.2025 05:06:07" in page and "angehalten" in page and "kaputt" in page
    link = "/laeufe/20250304-050607/Organisationseinheiten-Zeile3.html"
    assert link in page
    evidence = web.get(link)
    assert evidence.status_code == 200
    assert evidence.headers["Content-Security-Policy"].startswith("sandbox")
