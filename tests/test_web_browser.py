"""The whole way through the web page in real headless Chromium against the sandbox, as a user
goes it: upload, findings, marked workbook; upload a valid workbook with its logos, connect,
plan, run with live progress, result; stop a run midway and resume it. The password a user
typed shows up in no page, log or file."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from loguru import logger
from run_support import mandanten_of, small_workbook, statuses
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select
from test_ex_examples import EXAMPLES, MISTAKES, build_examples, marked_cells
from web_support import WebUser

from importer.sandbox import RunningSandbox, SandboxConfig, SandboxUser, start_sandbox
from importer.web.server import WebServer

pytestmark = pytest.mark.browser

USER, PASSWORD = "web", "Kennwort-Fr33-9xQ"
EXPECTED = sorted(build_examples.EXPECTED_MISTAKES)


@pytest.fixture(scope="module")
def workbooks(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixed small workbook (2 Mandanten, 3 units each) and one to stop (2 units each)."""
    folder = tmp_path_factory.mktemp("mappen")
    books = {
        "klein": small_workbook(folder / "klein-ordner", mandanten=2, units=3, seed=0),
        "anhalten": small_workbook(folder / "anhalten-ordner", mandanten=2, units=2, seed=1),
    }
    return books


@pytest.fixture(scope="module")
def sandbox(workbooks: dict[str, Path]) -> Iterator[RunningSandbox]:
    mandanten = [m for path in workbooks.values() for m in mandanten_of(path)]
    assert len(set(mandanten)) == 4
    users = [SandboxUser("admin", "admin"), SandboxUser(USER, PASSWORD)]
    with start_sandbox(SandboxConfig(mandanten=mandanten, publish_delay=0.05, users=users)) as box:
        yield box


@pytest.fixture(scope="module")
def log_lines() -> Iterator[list[str]]:
    """Everything logged meanwhile, in loguru's usual form (as a user's own sink would get)."""
    lines: list[str] = []
    sink = logger.add(lines.append, level="DEBUG", format="{message}")
    yield lines
    logger.remove(sink)


@pytest.fixture(scope="module")
def server(make_web_server) -> WebServer:
    return make_web_server()


@pytest.fixture
def user(driver, server: WebServer, tmp_path: Path) -> WebUser:
    person = WebUser(driver, server, tmp_path / "downloads")
    person.enter()
    return person


def upload_folder(path: Path) -> list[Path]:
    return [path, *sorted((path.parent / "logos").iterdir())]


def ensure_connected(user: WebUser, sandbox: RunningSandbox) -> None:
    user.open("/verbindung")
    if not user.css("[data-fehlend='0']"):
        user.connect(sandbox.url, USER, PASSWORD)
        assert user.css("[data-fehlend='0']")


def test_the_example_with_mistakes_shows_exactly_its_findings(user: WebUser) -> None:
    user.upload(MISTAKES, *sorted((EXAMPLES / "logos").iterdir()))
    assert user.heading() == f"Prüfung von {MISTAKES.name}"
    assert sorted(user.findings()) == EXPECTED

    Select(user.driver.find_element(By.ID, "blatt")).select_by_value("Logo")
    user.press("Filtern")
    assert user.findings() == [f for f in EXPECTED if f[0] == "Logo"]

    marked, statuses_ = marked_cells(user.download("Mappe herunterladen", MISTAKES.name))
    assert marked == {(sheet, row, header) for sheet, row, header, _ in EXPECTED}
    assert set(statuses_.values()) == {"UNGÜLTIG"}


def test_a_valid_workbook_is_planned_and_imported_with_live_progress(
    user: WebUser, sandbox: RunningSandbox, workbooks: dict[str, Path], log_lines: list[str]
) -> None:
    book = workbooks["klein"]
    user.upload(*upload_folder(book))
    assert user.findings() == [] and user.css("[data-befunde='0']")
    ensure_connected(user, sandbox)

    user.open("/vorschau")
    user.press("Vorschau erstellen")
    assert user.wait_until_ended() == "fertig"
    actions = {e.get_attribute("data-aktion") for e in user.css("[data-aktion]")}
    assert actions == {"anlegen"}
    assert len(user.css("details[data-mandant]")) == 2

    user.open("/import")
    user.press("Import starten")
    job, _ = user.job()
    seen = user.follow(stop_when=lambda text: "OK" in text)
    user.driver.refresh()
    assert user.job()[0] == job  # a reload shows the same job
    seen += user.follow()
    assert len(set(seen)) >= 3, seen
    assert user.job() == (job, "fertig")
    assert user.css("[data-alles-ok]")

    result = user.download("Ergebnis herunterladen", book.name)
    rows = statuses(result)
    assert len(rows) == 2 * 3 + 3 * 2 and {s for s, _ in rows.values()} == {"OK"}

    user.open("/laeufe")
    assert len(user.css("details[data-lauf]")) == 1
    assert "zusammenfassung.json" in user.driver.find_element(By.CSS_SELECTOR, "details").text

    assert_password_nowhere(user, log_lines)


def test_a_stopped_run_keeps_what_it_did_and_a_second_start_does_the_rest(
    user: WebUser, sandbox: RunningSandbox, workbooks: dict[str, Path]
) -> None:
    book = workbooks["anhalten"]
    user.upload(*upload_folder(book))
    ensure_connected(user, sandbox)
    user.open("/import")
    user.press("Import starten")
    job, _ = user.job()
    user.follow(stop_when=lambda text: "OK" in text)
    user.press("Anhalten")
    assert user.wait_until_ended() == "angehalten"
    stopped = statuses(user.download("Ergebnis herunterladen", book.name))
    done = [key for key, (status, _) in stopped.items() if status == "OK"]
    assert 0 < len(done) < len(stopped)

    user.press("Erneut starten (nur, was nicht OK ist)")
    assert user.job()[0] != job
    assert user.wait_until_ended() == "fertig"
    final = statuses(user.download("Ergebnis herunterladen", book.name))
    assert {s for s, _ in final.values()} == {"OK"}
    assert all(final[key] == stopped[key] for key in done)  # OK rows were left alone
    user.open("/laeufe")
    assert len(user.css("details[data-lauf]")) == 2


def test_a_second_tab_sees_the_same_job(user: WebUser) -> None:
    user.open("/import")
    first = user.job()
    user.driver.switch_to.new_window("tab")
    try:
        user.open("/import")
        assert user.job() == first
    finally:
        user.driver.close()
        user.driver.switch_to.window(user.driver.window_handles[0])


def assert_password_nowhere(user: WebUser, log_lines: list[str]) -> None:
    for path in ("/", "/pruefen", "/verbindung", "/vorschau", "/import", "/laeufe"):
        user.open(path)
        assert PASSWORD not in user.driver.page_source, path
    user.open("/auftrag.json")
    assert PASSWORD not in user.driver.page_source
    assert not [line for line in log_lines if PASSWORD in line]
    assert not [p for p in files_below(user.server.config.folder) if PASSWORD.encode() in p[1]]


def files_below(folder: Path) -> Iterator[tuple[Path, bytes]]:
    """Every file's bytes, the parts of .xlsx files unpacked."""
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    yield path / name, book.read(name)
        else:
            yield path, path.read_bytes()
