"""The runner against a second markup: the "alternativ" sandbox shows the same visible labels in
other HTML (sidebar menu, tables, a dialog, ARIA-labelled fields, a toast), like another
vendor's AdminCenter would. The label check finds every label, and a run imports end to end."""

from __future__ import annotations

from pathlib import Path

import pytest
from run_support import (
    ADMIN,
    UNITS,
    actual_units,
    assert_mandanten_match,
    delta,
    expected_units,
    mandanten_of,
    options,
    set_cell,
    small_workbook,
    state,
    statuses,
    writes,
)

from importer.model import Action
from importer.runner.run import run_workbook
from importer.workbook.reader import read_workbook

pytestmark = pytest.mark.browser

ALTERNATIV = {"markup": "alternativ"}
KOMMUNIKATION = "POST /organisationseinheiten/<int:oe_id>/kommunikation"


def child_row(path: Path) -> int:
    """A unit row with a parent (its detail page must be read right) and no children."""
    records = read_workbook(path).records(UNITS)
    parents = {(r.mandant, r.values.get("parent")) for r in records}
    return next(
        r.row
        for r in records
        if r.values.get("parent") and (r.mandant, r.values["name"]) not in parents
    )


def test_the_label_check_finds_every_label_on_the_alternativ_markup(make_sandbox, make_client):
    sandbox = make_sandbox(**ALTERNATIV)
    client = make_client(sandbox)
    client.create_unit(client.mandanten()[0], "Hauptamt", None)  # the unit pages are checked too

    checks = client.check_labels()

    assert [c for c in checks if c.found is False] == []
    found = {c.key for c in checks if c.found}
    assert {
        "nav.mandanten",
        "mandant.id",
        "impressum.behoerde",
        "oe.anlegen",
        "oe.parent",
        "oe.id",
        "oe.kommunikation",
        "kommunikation.email",
    } <= found


def test_a_unit_is_read_right_with_its_kommunikation_tab_open(make_sandbox, make_client):
    client = make_client(make_sandbox(**ALTERNATIV))
    mandant = client.mandanten()[0]
    client.create_unit(mandant, "Hauptamt", None)
    unit = client.create_unit(mandant, "Bauamt", "Hauptamt")
    client.save_kommunikation(mandant, unit, {"email": "bauamt@example.org", "telefon": "0351 1"})

    shown = client.wait_published(mandant, unit, timeout=5.0)  # the page keeps #kommunikation

    assert (shown.oe_id, shown.name, shown.parent) == (unit.oe_id, "Bauamt", "Hauptamt")
    assert (shown.email, shown.version, shown.published) == ("bauamt@example.org", "1.0", True)


def test_a_run_imports_through_the_alternativ_markup(make_sandbox, tmp_path: Path):
    path = small_workbook(tmp_path, mandanten=2, units=5)
    sandbox = make_sandbox(**ALTERNATIV, mandanten=mandanten_of(path), publish_delay=0.2)

    summary = run_workbook(path, options(sandbox), ADMIN)

    assert summary.exit_code == 0, statuses(path)
    assert {status for status, _ in statuses(path).values()} == {"OK"}
    assert actual_units(sandbox) == expected_units(path)
    assert_mandanten_match(sandbox, path)

    requests_before = sum(state(sandbox)["requests"].values())
    again = run_workbook(path, options(sandbox), ADMIN)
    assert again.nothing_to_do and again.exit_code == 0
    assert {r.action for r in again.results} == {Action.UEBERSPRUNGEN}
    assert sum(state(sandbox)["requests"].values()) == requests_before

    changed = child_row(path)
    set_cell(path, UNITS, changed, "Telefon", "0351 4711-0")
    before = writes(sandbox)
    third = run_workbook(path, options(sandbox), ADMIN)
    assert third.exit_code == 0
    assert delta(before, writes(sandbox)) == {KOMMUNIKATION: 1}  # its parent was read right
    assert statuses(path)[(UNITS, changed)] == ("OK", "aktualisiert (Telefon), veröffentlicht 2.0")
    assert actual_units(sandbox) == expected_units(path)
