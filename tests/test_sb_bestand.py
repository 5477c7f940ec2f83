"""The bestand: units that exist before the first request, loaded exactly from JSON or TOML
or from parsed content, checked with German messages; and a realistic one from a workbook."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from fixtures_sandbox import AuthActions
from sb_support import address, entry, state

from importer.errors import UsageError
from importer.sandbox import SandboxConfig, SandboxUser, close_app, create_app
from importer.sandbox.bestand import bestand_from_workbook
from importer.sandbox.bestand_loader import load_bestand
from importer.workbook.reader import read_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE = EXAMPLES / "bestand-beispiel.toml"
WORKBOOK = EXAMPLES / "landkreis-meissen.xlsx"
TELEFONE = [entry("Telefon", "03523 66-500", "Zentrale"), entry("Telefon", "03523 66-501")]
SMALL = {
    "mandanten": [{"name": "Stadt Coswig", "datenschutz": {"name": "KISA", "email": "d@k.de"}}],
    "units": [
        {"mandant": "Stadt Coswig", "name": "Ordnungsamt", "id": 612345, "version": "2.1",
         "kommunikation": TELEFONE},
        {"mandant": "Stadt Coswig", "name": "Gewerbeamt", "parent": "Ordnungsamt", "offline": True,
         "internetadressen": [address("https://www.coswig.example/gewerbe", "Gewerbe", False)]},
    ],
}  # fmt: skip


def loaded_units(make_sandbox_app, bestand) -> list[dict]:
    return state(make_sandbox_app(bestand=bestand).test_client())["units"]


def test_the_example_file_is_loaded_exactly(make_sandbox_app):
    units = {u["name"]: u for u in loaded_units(make_sandbox_app, EXAMPLE)}
    haupt = units["Hauptamt"]
    assert (haupt["id"], haupt["mandant"], haupt["parent"]) == (
        600100,
        "Gemeinde Klipphausen",
        None,
    )
    assert (haupt["version"], haupt["published"], haupt["offline"]) == ("3.0", True, False)
    assert haupt["kommunikation"] == [
        entry("Servicekonto", "Testbehörde zur Stadt (999839970682)", oeffentlich=False),
        entry("Telefon", "035204 1234-10", "Zentrale (alte Nummer)"),
        entry("E-Mail", "hauptamt@klipphausen.example"),
        entry("E-Mail", "info@klipphausen.example", oeffentlich=False),
        entry("Telefon", "035204 1234-11", "Sekretariat", oeffentlich=False),
    ]
    assert haupt["internetadressen"] == [
        address("https://www.klipphausen.example/hauptamt", "Hauptamt")
    ]
    assert units["Personalamt"]["parent"] == "Hauptamt"
    assert (units["bauamt"]["version"], units["bauamt"]["published"]) == ("1.1", False)
    assert (units["Fundbüro"]["version"], units["Fundbüro"]["offline"]) == ("0.1", True)
    assert units["Ordnungsamt"]["mandant"] == "Gemeinde Triebischtal"
    assert all(u["id"] > 600100 for name, u in units.items() if name != "Hauptamt")


def test_mandanten_get_their_values_and_unknown_ones_are_created(make_sandbox_app):
    mandanten = state(make_sandbox_app(bestand=EXAMPLE).test_client())["mandanten"]
    names = [m["name"] for m in mandanten]
    assert names == [
        "Gemeinde Klipphausen",
        "Stadt Coswig",
        "Gemeinde Käbschütztal",
        "Gemeinde Triebischtal",
    ]
    assert mandanten[0]["impressum"]["plz"] == "01665" and mandanten[0]["impressum"]["fax"] == ""
    assert mandanten[0]["datenschutz"]["email"] == "datenschutz@klipphausen.example"
    assert mandanten[0]["beschreibung"] == "Gemeinde im Landkreis Meißen"


@pytest.mark.parametrize("form", ["json", "toml", "parsed"])
def test_json_toml_and_parsed_content_give_the_same_units(make_sandbox_app, tmp_path, form):
    source: object = SMALL
    if form == "json":
        source = tmp_path / "bestand.json"
        source.write_text(json.dumps(SMALL), encoding="utf-8")
    elif form == "toml":
        source = tmp_path / "bestand.toml"
        source.write_text(TOML_SMALL, encoding="utf-8")
    units = loaded_units(make_sandbox_app, source)
    assert [
        (u["id"], u["name"], u["parent"], u["version"], u["published"], u["offline"]) for u in units
    ] == [
        (612345, "Ordnungsamt", None, "2.1", False, False),
        (units[1]["id"], "Gewerbeamt", "Ordnungsamt", "1.0", True, True),
    ]
    assert units[0]["kommunikation"] == SMALL["units"][0]["kommunikation"]
    assert units[1]["internetadressen"] == SMALL["units"][1]["internetadressen"]


TOML_SMALL = """
[[mandanten]]
name = "Stadt Coswig"
datenschutz = { name = "KISA", email = "d@k.de" }

[[units]]
mandant = "Stadt Coswig"
name = "Ordnungsamt"
id = 612345
version = "2.1"
kommunikation = [
  { kanal = "Telefon", kennung = "03523 66-500", zusatz = "Zentrale", oeffentlich = true },
  { kanal = "Telefon", kennung = "03523 66-501", zusatz = "", oeffentlich = true },
]

[[units]]
mandant = "Stadt Coswig"
name = "Gewerbeamt"
parent = "Ordnungsamt"
offline = true
internetadressen = [
  { adresse = "https://www.coswig.example/gewerbe", titel = "Gewerbe", oeffentlich = false },
]
"""


def one(**unit: object) -> dict[str, object]:
    """A bestand of one unit of Mandant "A" named "X", with `unit`'s keys."""
    return {"units": [{"mandant": "A", "name": "X", **unit}]}


@pytest.mark.parametrize(
    ("bestand", "message"),
    [
        ({"einheiten": []}, "unbekannter Eintrag „einheiten“"),
        ({"units": {}}, "„units“ muss eine Liste sein"),
        ({"units": [{"mandant": "A"}]}, "Organisationseinheit 1: „name“ muss ein Text sein"),
        (one(farbe="rot"), "unbekannter Eintrag „farbe“"),
        (one(id=12), "sechs oder sieben Ziffern"),
        (one(version="1"), "„version“ muss wie „1.0“"),
        (one(version="1.1", published=True), "„published“ passt nicht zur Version 1.1"),
        (one(parent="Y"), "die übergeordnete „Y“ fehlt im Bestand"),
        (one(parent="X"), "„X“ liegt unter sich selbst"),
        (one(kommunikation=[{"kanal": "E-Mail", "kennung": "nein"}]),
         "kommunikation 1, kennung: Bitte geben Sie eine gültige E-Mail-Adresse an."),
        (one(kommunikation=[{"kanal": 3}]), "der Eintrag „kanal“ ist falsch geformt"),
        ({"mandanten": [{"name": "A", "impressum": {"farbe": "rot"}}]},
         "impressum: unbekannter Eintrag „farbe“"),
        ({"units": [*one(id=600001)["units"], *one(id=600001)["units"]]},
         "eine Id steht doppelt darin"),
    ],
)  # fmt: skip
def test_a_faulty_bestand_is_a_usage_error_naming_the_place(bestand, message):
    with pytest.raises(UsageError, match=message):
        load_bestand(bestand)


@pytest.mark.parametrize(
    ("text", "suffix", "message"),
    [
        ("{", ".json", "nicht lesbar"),
        ("[[units]", ".toml", "nicht lesbar"),
        ("[1]", ".json", "keine Tabelle"),
    ],
)
def test_an_unreadable_file_is_a_usage_error(tmp_path, text, suffix, message):
    path = tmp_path / f"bestand{suffix}"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=message):
        load_bestand(path)
    with pytest.raises(UsageError, match="gibt es nicht"):
        load_bestand(tmp_path / "fehlt.toml")


def test_reset_brings_the_bestand_back(make_sandbox_app):
    client = make_sandbox_app(bestand=SMALL).test_client()
    before = state(client)["units"]
    auth = AuthActions(client)
    auth.login()
    auth.fetch("/mandant", {"mandant": "1002"})
    auth.send_json("/organisationseinheiten/612345/kommunikation", {"eintraege": []})
    assert state(client)["units"] != before
    client.post("/_sandbox/reset")
    assert state(client)["units"] == before


def test_the_bestand_goes_into_a_new_database_only(tmp_path):
    database = tmp_path / "sandbox.sqlite"
    first = create_app(SandboxConfig(db_path=database, bestand=SMALL))
    close_app(first)
    second = create_app(SandboxConfig(db_path=database, bestand=SMALL))
    try:
        assert len(state(second.test_client())["units"]) == 2
    finally:
        close_app(second)


def test_users_may_name_a_mandant_of_the_bestand(make_sandbox_app):
    users = [SandboxUser("triebischtal", "t", ("Gemeinde Triebischtal",))]
    assert make_sandbox_app(bestand=EXAMPLE, users=users)
    with pytest.raises(UsageError, match="Gemeinde Nirgendwo"):
        create_app(SandboxConfig(users=[SandboxUser("x", "y", ("Gemeinde Nirgendwo",))]))


def test_a_bestand_from_the_example_workbook_is_realistic_and_deterministic(make_sandbox_app):
    bestand = bestand_from_workbook(WORKBOOK)
    assert bestand == bestand_from_workbook(WORKBOOK)
    assert bestand != bestand_from_workbook(WORKBOOK, seed=1)
    units = loaded_units(make_sandbox_app, bestand)
    assert len(units) == len(bestand["units"]) and all(u["published"] for u in units)
    per_mandant = Counter(u["mandant"] for u in units)
    assert len(per_mandant) >= 10
    names = [u["name"] for u in units]
    assert any(n != n.strip() or "  " in n for n in names) and any(n.islower() for n in names)
    channels = [u["kommunikation"] for u in units]
    assert any(c and c[0]["kanal"] == "Servicekonto" and not c[0]["oeffentlich"] for c in channels)
    assert any([e["kanal"] for e in c].count("E-Mail") == 2 for c in channels)
    assert any(c and not any(e["oeffentlich"] for e in c) for c in channels)
    assert any(u["internetadressen"] for u in units)
    assert any(u["parent"] for u in units)
    in_workbook = {
        (r.mandant, r.values["name"]): r.values["parent"]
        for r in read_workbook(WORKBOOK).records("Organisationseinheiten")
    }
    moved = [
        u
        for u in bestand["units"]
        if "parent" not in u and in_workbook.get((u["mandant"], u["name"]))
    ]
    assert 1 <= len(moved) <= 2


def test_a_smaller_share_gives_fewer_units():
    assert len(bestand_from_workbook(WORKBOOK, share=0.1)["units"]) < len(
        bestand_from_workbook(WORKBOOK)["units"]
    )
