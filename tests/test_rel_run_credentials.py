"""Credentials and permissions: an unusual password given through AMT24_PASSWORT appears in
nothing that `check`, `plan` and `run` produce - workbook cells (hidden ones too), backups,
journal, run folder (log, evidence file names and contents), console output, error texts, the
browser profile a killed run leaves behind. The run folder is private (0700, files 0600). A
Mandant the user may not manage gets "Keine Berechtigung" per row, and Mandanten the workbook
does not name are never touched."""

from __future__ import annotations

import re
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from rel_run_support import (
    ANLEGEN,
    PASSWORD,
    Finished,
    KillPoint,
    Runner,
    login_env,
    run_command,
    wait_for,
)
from run_support import UNITS, files_text, mandanten_of, small_workbook, state, statuses

from importer.runner.journal import journal_path
from importer.sandbox import SandboxUser

pytestmark = [pytest.mark.browser, pytest.mark.long]

WRONG = "Fa1sch!Pa55wort-abc"
UNNAMED = "Gemeinde Ungenannt"  # the user may manage it, the workbook does not name it
UNNAMED_IMPRESSUM = {
    "behoerde": "Gemeindeverwaltung Ungenannt", "vertreten_durch": "Bürgermeister",
    "strasse": "Markt 1", "plz": "01234", "ort": "Ungenannt", "telefon": "+49 351 123456",
    "email": "post@ungenannt.example",
}  # fmt: skip
DENIED = re.compile(r"Keine Berechtigung für den Mandanten „(.+)“: Das AdminCenter bietet ihn")
EVIDENCE = re.compile(r"Details: (amt24-laeufe/\S+\.png)$")


def secret_forms(secret: str) -> list[bytes]:
    """The secret as a file could hold it: UTF-8, UTF-16 (browser stores), URL-encoded."""
    encoded = secret.replace("!", "%21")
    return [secret.encode(), secret.encode("utf-16-le"), encoded.encode()]


def leaks(secret: str, texts: Iterable[str], folders: Iterable[Path]) -> list[str]:
    """Where `secret` shows: in a text, a file name, or the bytes of a file below `folders`."""
    found = [f"Text {n}" for n, text in enumerate(texts) if secret in text]
    for folder in folders:
        for path in [folder, *folder.rglob("*")]:
            if secret in str(path):
                found.append(f"Name {path}")
            elif path.is_file() and any(form in path.read_bytes() for form in secret_forms(secret)):
                found.append(f"Inhalt {path}")
    return found


def private(run_folders: Iterable[Path]) -> dict[str, str]:
    """Mode of every run folder and every file in it (should be 0700 and 0600)."""
    return {
        path.name: oct(stat.S_IMODE(path.stat().st_mode))
        for folder in run_folders
        for path in [folder, *folder.rglob("*")]
    }


def units_apart_from(mandant: str, sandbox) -> list[dict[str, Any]]:
    """Units of the other Mandanten (without the version the publisher moves on by itself)."""
    units = [u for u in state(sandbox)["units"] if u["mandant"] != mandant]
    return [{k: v for k, v in u.items() if k not in ("version", "published")} for u in units]


class Requests:
    """Every request the sandbox serves (method, path, query), recorded in front of the app."""

    def __init__(self, app: Callable[..., Any]) -> None:
        self.app = app
        self.seen: list[tuple[str, str, str]] = []

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        self.seen.append(
            (environ["REQUEST_METHOD"], environ["PATH_INFO"], environ.get("QUERY_STRING", ""))
        )
        return self.app(environ, start_response)

    def touching(self, ids: set[int], since: int = 0) -> list[tuple[str, str, str]]:
        """Requests (from number `since` on) whose path or query names one of these IDs."""
        return [
            seen
            for seen in self.seen[since:]
            if ids & {int(n) for n in re.findall(r"\d+", seen[1] + "?" + seen[2])}
        ]


def test_the_password_appears_nowhere_and_foreign_mandanten_stay_untouched(
    make_sandbox, tmp_path: Path
) -> None:
    path = small_workbook(tmp_path, mandanten=2, units=2, seed=9)
    mine, foreign = mandanten_of(path)
    users = [SandboxUser("pruefer", PASSWORD, (mine, UNNAMED)), SandboxUser("admin", "admin")]
    # units are not published within the run's 1 s: failed rows with screenshot and HTML
    unnamed_unit = {
        "mandant": UNNAMED,
        "name": "Hauptamt",
        "published": True,
        "kommunikation": [
            {"kanal": "E-Mail", "kennung": "h@u.example", "oeffentlich": True},
            {"kanal": "Telefon", "kennung": "+49 351 1", "oeffentlich": True},
        ],
    }
    bestand = {"mandanten": [{"name": UNNAMED, "impressum": UNNAMED_IMPRESSUM}],
               "units": [unnamed_unit]}  # fmt: skip
    sandbox = make_sandbox(
        mandanten=[mine, foreign, UNNAMED], users=users, publish_delay=600, bestand=bestand
    )
    others = {m["name"]: m for m in state(sandbox)["mandanten"] if m["name"] != mine}
    other_units = units_apart_from(mine, sandbox)
    other_ids = {m["id"] for m in others.values()} | {u["id"] for u in other_units}
    requests = Requests(sandbox.app.wsgi_app)
    sandbox.app.wsgi_app = requests
    env = login_env("pruefer", PASSWORD)
    url = ("--url", sandbox.url)

    check = run_command("check", *url, env=env)
    after_check = len(requests.seen)
    plan = run_command("plan", str(path), *url, env=env)
    killed = Runner("run", str(path), *url, env=env)
    assert wait_for(killed, KillPoint("", "request", ANLEGEN).condition(sandbox, path))
    interrupted = killed.kill()
    journal = journal_path(path).read_text(encoding="utf-8")  # gone once nothing is pending
    run = run_command("run", str(path), *url, "--veroeffentlichung-timeout", "1", env=env)
    refused = run_command("run", str(path), *url, env=login_env("pruefer", WRONG))

    assert (check.code, plan.code, run.code, refused.code) == (0, 1, 1, 3)
    assert "Die Anmeldung wurde abgelehnt" in refused.stderr
    rows = statuses(path)
    assert {key for key, (_, message) in rows.items() if DENIED.match(message)} == {
        ("Impressum", 3), ("Datenschutzbeauftragte", 3), ("Logo", 3), (UNITS, 4), (UNITS, 5)
    }  # fmt: skip
    assert {DENIED.match(rows[("Impressum", 3)][1]).group(1)} == {foreign}
    evidence = [EVIDENCE.search(message) for (sheet, _), (_, message) in rows.items()]
    shots = [tmp_path / match.group(1) for match in evidence if match]
    assert len(shots) == 2 and all(shot.with_suffix(".html").is_file() for shot in shots)
    outputs: list[Finished] = [check, plan, interrupted, run, refused]
    texts = [files_text(tmp_path), journal] + [out.output for out in outputs]
    try:
        for secret in (PASSWORD, WRONG):
            assert leaks(secret, texts, [tmp_path, *killed.profiles]) == []
    finally:
        killed.remove_profiles()
    run_folders = sorted((tmp_path / "amt24-laeufe").iterdir())
    assert len(run_folders) == 3  # the killed run, the run, and the refused login
    modes = private(run_folders)
    assert {mode for name, mode in modes.items() if name.startswith("20")} == {"0o700"}
    assert {mode for name, mode in modes.items() if "." in name} == {"0o600"}
    assert {m["name"]: m for m in state(sandbox)["mandanten"] if m["name"] != mine} == others
    assert units_apart_from(mine, sandbox) == other_units
    writes = [seen for seen in requests.touching(other_ids) if seen[0] == "POST"]
    assert writes == []
    # `check` reads the pages of some permitted Mandant, and the units page loads the list of
    # the Mandant its selector shows first; the runner itself opens no page of theirs
    opened = {seen[1] for seen in requests.touching(other_ids, since=after_check)}
    assert opened <= {"/organisationseinheiten/liste"}


def test_a_password_refused_in_the_middle_of_a_run_is_not_written_anywhere(
    make_sandbox, tmp_path: Path
) -> None:
    """The AdminCenter restarts with another password for the user (all sessions end): the
    run's next login is refused, the run ends with exit 3 - and its error report in the log
    shows no value of any variable, so neither the password."""
    path = small_workbook(tmp_path, mandanten=1, units=3, seed=4)
    database = tmp_path / "sandbox.sqlite"
    config = {"mandanten": mandanten_of(path), "db_path": database}
    sandbox = make_sandbox(**config, users=[SandboxUser("pruefer", PASSWORD)])
    runner = Runner("run", str(path), "--url", sandbox.url, env=login_env("pruefer", PASSWORD))
    try:
        assert wait_for(runner, KillPoint("", "request", ANLEGEN).condition(sandbox, path))
        sandbox.stop()
        port = int(sandbox.url.rstrip("/").rsplit(":", 1)[1])
        make_sandbox(**config, port=port, users=[SandboxUser("pruefer", "ein-anderes")])
        finished = runner.wait(timeout=180)
    finally:
        runner.remove_profiles()

    assert finished.code == 3, finished.output
    assert "Die Anmeldung wurde abgelehnt" in finished.stderr
    assert leaks(PASSWORD, [files_text(tmp_path), finished.output], [tmp_path]) == []
