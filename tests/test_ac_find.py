"""Label resolution against markup our sandbox never uses: the same visible labels, other HTML.

The runner will meet AdminCenter pages we have never seen; these static pages check that fields,
buttons, navigation entries and shown values are found by what a person reads, whatever the
markup around it.
"""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from selenium.webdriver.support.ui import WebDriverWait

from importer.admincenter.dom import Dom
from importer.admincenter.locators import load_locators
from importer.admincenter.pages_mandant import MandantenPage, MandantPage
from importer.admincenter.pages_units import UnitFormPage, UnitPage, UnitsPage
from importer.admincenter.problems import (
    PageTimeout,
    PermissionDenied,
    Refused,
    ServerError,
    UnitExists,
)
from importer.admincenter.values import UnitRef
from importer.model import name_key

pytestmark = pytest.mark.browser

FORM_VARIANTS = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<nav><details><summary>Benutzerverwaltung</summary>
  <ul><li><a href="#benutzer">Benutzer</a></li>
    <li><a href="#mandanten" id="nav-m">Mandanten</a></li></ul>
</details></nav>
<main><form onsubmit="event.preventDefault()">
  <label>Behörde <abbr title="Pflichtfeld">*</abbr> <input name="behoerde"></label>
  <div><input name="vertreten_durch" aria-label="Vertreten durch"></div>
  <span id="cap-strasse">Straße und Hausnummer</span>
  <input name="strasse" aria-labelledby="cap-strasse">
  <input name="plz" placeholder="PLZ">
  <dl><dt>Ort:</dt><dd><input name="ort"></dd></dl>
  <table><tr><th>Telefon</th><td><input name="telefon"></td></tr></table>
  <div class="row"><div class="col">Fax (optional)</div>
    <div class="col"><input name="fax"></div></div>
  <label for="mail">e-mail</label><input id="mail" name="email" type="email">
  <div class="row"><span>Internet</span><textarea name="internet"></textarea></div>
  <label for="parent">Übergeordnete Organisationseinheit</label>
  <select id="parent" name="parent"><option value="">– keine –</option>
    <option value="1">Bauamt</option><option value="2">Hauptamt</option></select>
  <input type="submit" value="Speichern">
  <div role="button" tabindex="0" data-name="komm">Kommunikation speichern</div>
  <button type="button" title="Bearbeiten" data-name="edit">
    <svg width="10" height="10"></svg></button>
  <a href="#anlegen" data-name="anlegen">Anlegen</a>
</form>
<h3>Verwalten</h3><p><a href="#mandanten-sub" class="button" data-name="sub">Mandanten</a>
  <a href="#impressum" class="button" data-name="impressum">Impressum</a></p>
</main>
<footer><a href="#footer-impressum" data-name="footer">Impressum</a></footer>
</body></html>"""

VALUE_VARIANTS = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<section id="a"><dl><dt>ID</dt><dd>600709</dd></dl></section>
<section id="b"><table><tr><th>Name</th><td>Rechnungsprüfungsamt</td></tr></table></section>
<section id="c"><p><strong>Übergeordnete Organisationseinheit</strong> Kämmerei</p></section>
<section id="d"><div>Mandant: Gemeinde Klipphausen</div></section>
<span style="background:#43a047;color:#fff">2.0</span>
</body></html>"""

OUTCOMES = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<form id="f"><label for="e">E-Mail</label><input id="e" name="email">
  <div id="status" role="status"></div>
  <button type="button" id="save">Kommunikation speichern</button>
  <label for="r">Name</label><input id="r" name="name" required>
  <button type="submit">Speichern</button>
</form>
<script>
  const status = document.getElementById('status');
  window.answer = 'ok';
  document.getElementById('f').addEventListener('submit', e => e.preventDefault());
  document.getElementById('save').addEventListener('click', () => {
    setTimeout(() => {
      for (const el of document.querySelectorAll('.feld-fehler')) el.remove();
      if (window.answer === 'ok') status.textContent = 'Kommunikation gespeichert';
      if (window.answer === 'wordy') status.textContent = 'Die Kommunikation wurde gespeichert.';
      if (window.answer === 'silent') return;
      if (window.answer === 'server') status.textContent = 'Es ist ein Fehler aufgetreten';
      if (window.answer === 'denied') document.body.innerHTML = '<h1>Keine Berechtigung</h1>';
      if (window.answer === 'refused') {
        const error = document.createElement('span');
        error.className = 'feld-fehler invalid-feedback';
        error.textContent = 'Bitte eine gültige Adresse angeben.';
        document.getElementById('e').after(error);
      }
    }, 150);
  });
</script>
</body></html>"""

KEYS_ONLY = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<label for="b">Behörde</label><input id="b">
<script>
  // A page that only believes real key presses: its model follows keydown, and every
  // change event writes the model back into the field.
  const input = document.getElementById('b');
  let model = '';
  input.addEventListener('keydown', e => {
    if (e.isTrusted) setTimeout(() => { model = input.value; }, 0);
  });
  input.addEventListener('change', () => { input.value = model; });
</script>
</body></html>"""


@pytest.fixture
def page(driver, tmp_path: Path):
    def load(html: str) -> Dom:
        path = tmp_path / "seite.html"
        path.write_text(html, encoding="utf-8")
        driver.get(path.as_uri())
        return Dom(driver, load_locators(), timeout=2.0)

    return load


def names(dom: Dom, keys: list[str]) -> dict[str, str | None]:
    found = {}
    for key in keys:
        element = dom.find(key)
        found[key] = element and (
            element.get_attribute("name") or element.get_attribute("data-name") or element.tag_name
        )
    return found


def test_fields_are_found_by_label_whatever_the_markup(page) -> None:
    dom = page(FORM_VARIANTS)
    keys = [
        f"impressum.{f}"
        for f in (
            "behoerde",
            "vertreten_durch",
            "strasse",
            "plz",
            "ort",
            "telefon",
            "fax",
            "email",
            "internet",
        )
    ]
    assert names(dom, [*keys, "oe.parent"]) == {
        **{key: key.split(".")[1] for key in keys},
        "oe.parent": "parent",
    }


def test_buttons_links_and_navigation_are_found_by_text_title_or_value(page) -> None:
    dom = page(FORM_VARIANTS)
    assert names(
        dom,
        [
            "impressum.speichern",
            "oe.kommunikation_speichern",
            "oe.bearbeiten",
            "oe.anlegen",
            "nav.mandanten",
            "mandant.impressum",
        ],
    ) == {
        "impressum.speichern": "input",
        "oe.kommunikation_speichern": "komm",
        "oe.bearbeiten": "edit",
        "oe.anlegen": "anlegen",
        "nav.mandanten": "a",  # the folded navigation entry, not the visible "Mandanten" button
        "mandant.impressum": "impressum",  # the page's button, not the footer link
    }
    assert dom.find("nav.mandanten").get_attribute("id") == "nav-m"


def test_a_missing_label_is_not_found(page) -> None:
    dom = page(FORM_VARIANTS)
    assert names(dom, ["datenschutz.organisation", "bild.hochladen", "oe.versionen"]) == {
        "datenschutz.organisation": None,
        "bild.hochladen": None,
        "oe.versionen": None,
    }


def test_a_folded_menu_entry_is_followed_by_its_address(page, driver) -> None:
    dom = page(FORM_VARIANTS)
    dom.click("nav.mandanten", "Test")
    assert driver.current_url.endswith("#mandanten")


def test_one_call_fills_and_reads_inputs_textareas_and_selects(page) -> None:
    dom = page(FORM_VARIANTS)
    values = {
        "impressum.behoerde": "Gemeindeverwaltung Klipphausen",
        "impressum.plz": "01665",
        "impressum.internet": "https://www.klipphausen.de",
        "oe.parent": "Hauptamt",
    }
    dom.fill(values, "Test")
    assert dom.read_keys(list(values)) == values
    dom.fill({"oe.parent": None}, "Test")
    assert dom.read_keys(["oe.parent"]) == {"oe.parent": ""}


def test_a_choice_that_is_not_offered_is_refused(page) -> None:
    dom = page(FORM_VARIANTS)
    with pytest.raises(Refused) as refused:
        dom.fill({"oe.parent": "Standesamt"}, "Test")
    assert refused.value.messages == [
        "„Standesamt“ steht bei „Übergeordnete Organisationseinheit“ nicht zur Auswahl"
    ]


def test_a_page_that_ignores_scripted_values_gets_them_typed(page, driver) -> None:
    dom = page(KEYS_ONLY)
    dom.fill({"impressum.behoerde": "Gemeinde Klipphausen"}, "Test")
    # the page's model follows each key press a moment later (its own timer), then a change
    typed = "return model === 'Gemeinde Klipphausen'"
    WebDriverWait(driver, 5).until(lambda d: d.execute_script(typed))
    driver.execute_script("document.getElementById('b').dispatchEvent(new Event('change'))")
    assert dom.read_keys(["impressum.behoerde"]) == {"impressum.behoerde": "Gemeinde Klipphausen"}


def test_shown_values_are_read_next_to_their_caption(page) -> None:
    dom = page(VALUE_VARIANTS)
    specs = [dom.spec(key, kind="value") for key in ("oe.id", "oe.name", "oe.parent", "oe.mandant")]
    assert dom.read(specs) == {
        "oe.id": "600709",
        "oe.name": "Rechnungsprüfungsamt",
        "oe.parent": "Kämmerei",
        "oe.mandant": "Gemeinde Klipphausen",
    }
    assert dom.run("badge") == {
        "text": "2.0",
        "major": 2,
        "minor": 0,
        "background": "rgb(67, 160, 71)",
        "color": "rgb(255, 255, 255)",
    }


def press_komm(dom: Dom, driver, answer: str) -> None:
    driver.execute_script("window.answer = arguments[0]", answer)
    dom.press("oe.kommunikation_speichern", "Test", confirm=["oe.kommunikation_gespeichert"])


def test_an_async_save_needs_a_new_confirmation_not_the_previous_one(page, driver) -> None:
    dom = page(OUTCOMES)
    press_komm(dom, driver, "ok")
    press_komm(dom, driver, "ok")  # same text written again into the same element: new
    press_komm(dom, driver, "wordy")  # the words of the label in order count as well
    dom.timeout = 0.6
    with pytest.raises(PageTimeout):
        press_komm(dom, driver, "silent")  # the old "gespeichert" still shows: not an answer


def test_field_errors_error_texts_and_permission_pages_are_told_apart(page, driver) -> None:
    dom = page(OUTCOMES)
    with pytest.raises(Refused) as refused:
        press_komm(dom, driver, "refused")
    assert refused.value.messages == ["E-Mail: Bitte eine gültige Adresse angeben."]
    with pytest.raises(ServerError):
        press_komm(dom, driver, "server")
    with pytest.raises(PermissionDenied):
        press_komm(dom, driver, "denied")


def test_a_form_the_browser_refuses_to_send_is_refused_with_its_message(page) -> None:
    dom = page(OUTCOMES)
    with pytest.raises(Refused) as refused:
        dom.press("oe.speichern", "Test", confirm=["oe.gespeichert"])
    assert len(refused.value.messages) == 1
    assert refused.value.messages[0].startswith("Name: ")


UNIT_TREE = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<header><nav><a href="#oe">Organisationseinheiten</a><a href="#hilfe">Hilfe</a></nav></header>
<div class="layout"><div class="left">
  <input type="search" aria-label="Suchen"><button>Anlegen</button>
  <ul role="tree">
    <li role="treeitem"><a href="oe/1">Bauamt</a> <span>1.0</span>
      <ul hidden><li><a href="oe/2">Tiefbau</a></li><li><a href="oe/3">Hochbau</a></li></ul></li>
    <li role="treeitem"><a href="oe/4">Hauptamt</a></li>
  </ul></div>
  <div class="right"><a href="#abbrechen">Abbrechen</a></div>
</div>
<footer><a href="#impressum">Impressum</a></footer>
</body></html>"""

UNIT_TABLE = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<main><h1>Organisationseinheiten</h1>
<label>Suchen <input name="q"></label> <a href="#neu">Anlegen</a>
<table><thead><tr><th>Name</th><th>Version</th></tr></thead><tbody id="rows">
  <tr><td>Laden …</td></tr></tbody></table></main>
<script>
  // Loaded by a request, then drawn a moment later.
  fetch('data:text/plain,rows').then(() => {
    setTimeout(() => {
      document.getElementById('rows').innerHTML =
        '<tr onclick="location.hash=1"><td>Ordnungsamt</td><td>1.0</td></tr>' +
        '<tr onclick="location.hash=2"><td>Standesamt</td><td>0.1</td></tr>';
    }, 50);
  });
</script>
</body></html>"""

MANDANTEN_SEARCH = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<aside><input id="q" placeholder="Suchen"><ul id="list"><li>Bitte suchen</li></ul></aside>
<script>
  // The list comes from the server only for a search term (as with very many Mandanten).
  document.getElementById('q').addEventListener('keydown', event => {
    if (event.key !== 'Enter') return;
    document.getElementById('list').innerHTML =
      '<li><a href="mandant.html">Gemeinde Klipphausen</a></li>';
  });
</script>
</body></html>"""

MANDANT_DETAIL = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<h2>Gemeinde Klipphausen</h2><h3>Verwalten</h3>
<button onclick="location.href='impressum.html'">Impressum</button>
<button>Datenschutzbeauftragter</button><button>Bild</button>
</body></html>"""


def test_units_are_listed_from_a_tree_or_a_table(page) -> None:
    dom = page(UNIT_TREE)
    assert UnitsPage(dom).units() == [
        UnitRef("Bauamt", dom.driver.current_url.rsplit("/", 1)[0] + "/oe/1"),
        UnitRef("Tiefbau", dom.driver.current_url.rsplit("/", 1)[0] + "/oe/2"),
        UnitRef("Hochbau", dom.driver.current_url.rsplit("/", 1)[0] + "/oe/3"),
        UnitRef("Hauptamt", dom.driver.current_url.rsplit("/", 1)[0] + "/oe/4"),
    ]
    dom = page(UNIT_TABLE)  # rows that are clicked, filled in by a script after a while
    assert UnitsPage(dom).units() == [UnitRef("Ordnungsamt"), UnitRef("Standesamt")]


def test_a_mandant_not_listed_is_searched_for(page, tmp_path: Path) -> None:
    (tmp_path / "mandant.html").write_text(MANDANT_DETAIL, encoding="utf-8")
    dom = page(MANDANTEN_SEARCH)
    detail = MandantenPage(dom).open("Gemeinde Klipphausen")
    assert dom.driver.current_url.endswith("/mandant.html")
    assert isinstance(detail, MandantPage)


def test_a_link_to_a_server_that_is_down_is_a_server_error(page) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    dom = page(
        f'<html lang="de"><body><a href="http://127.0.0.1:{port}/">Anlegen</a></body></html>'
    )
    dom.click("oe.anlegen", "Test")
    with pytest.raises(ServerError):
        dom.raise_problem(dom.problem())


LIST_PAGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<main><label for="q">Suchen</label><input id="q"><a href="#neu">Anlegen</a>
<ul>{items}</ul>
<div class="pager"><a href="{prev}">Zurück</a> <span>{number}</span> {next}</div></main>
</body></html>"""


def test_a_list_of_several_pages_is_read_page_after_page(page, tmp_path: Path) -> None:
    entries = [["Bauamt", "Hauptamt"], ["Kämmerei", "Ordnungsamt"], ["Standesamt"]]
    for number, names in enumerate(entries, start=1):
        items = "".join(f'<li><a href="oe-{name}.html">{name}</a></li>' for name in names)
        last = number == len(entries)
        weiter = (
            '<span class="disabled"><a aria-disabled="true">Weiter</a></span>'
            if last
            else f'<a href="seite{number + 1}.html">Weiter</a>'
        )
        html = LIST_PAGE.format(
            items=items, prev=f"seite{number - 1}.html", number=number, next=weiter
        )
        (tmp_path / f"seite{number}.html").write_text(html, encoding="utf-8")
    dom = page("")
    dom.driver.get((tmp_path / "seite1.html").as_uri())
    assert [ref.name for ref in UnitsPage(dom).units()] == [n for names in entries for n in names]


COMBOBOX = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<label for="p">Übergeordnete Organisationseinheit</label>
<input id="p" role="combobox" aria-autocomplete="list" aria-controls="vorschlaege">
<input type="hidden" id="p-id" name="parent">
<ul id="vorschlaege" role="listbox" hidden></ul>
<script>
  // Suggestions come a moment after typing, like from a server; a click chooses one.
  const units = {'Bauamt': 1, 'Bauhof': 2, 'Hauptamt': 3};
  const input = document.getElementById('p'), list = document.getElementById('vorschlaege');
  input.addEventListener('input', () => setTimeout(() => {
    const hits = Object.keys(units).filter(n => n.startsWith(input.value.slice(0, 3)));
    list.innerHTML = hits.map(n => `<li role="option">${n}</li>`).join('');
    list.hidden = hits.length === 0;
  }, 100));
  list.addEventListener('click', e => {
    input.value = e.target.textContent;
    document.getElementById('p-id').value = units[e.target.textContent];
    list.hidden = true;
  });
</script>
</body></html>"""


def test_a_search_as_you_type_choice_is_typed_and_then_clicked(page, driver) -> None:
    dom = page(COMBOBOX)
    dom.fill({"oe.parent": "Bauhof"}, "Test")
    assert driver.execute_script("return document.getElementById('p-id').value") == "2"
    dom.timeout = 0.5
    with pytest.raises(Refused):
        dom.fill({"oe.parent": "Standesamt"}, "Test")


PLAIN_BADGE = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<ul><li><a href="#1">Hauptamt</a> <span style="background:#2e7d32;color:#fff">3.0</span></li></ul>
<h2>Bauamt <small>Version 2.0</small></h2>
<div role="tablist"><button role="tab" onclick="document.getElementById('v').hidden=false">
  Versionen</button></div>
<div id="v" hidden><table><tr><td>2.0</td><td>{state}</td></tr>
  <tr><td>1.0</td><td>veröffentlicht</td></tr></table></div>
</body></html>"""


@pytest.mark.parametrize(("state", "published"), [("veröffentlicht", True), ("Entwurf", False)])
def test_a_badge_without_colour_is_decided_by_the_versions_tab(page, state, published) -> None:
    dom = page(PLAIN_BADGE.format(state=state))
    badge = dom.run("badge")
    assert (badge["text"], badge["major"], badge["minor"]) == ("Version 2.0", 2, 0)
    assert UnitPage(dom).is_published(badge) is published


CONFIRM_DIALOG = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<button type="button" onclick="save()">Kommunikation speichern</button>
<p id="msg"></p>
<script>
  function save() {  // a portal that asks before it saves, then answers a moment later
    if (!window.confirm('Möchten Sie die Änderungen wirklich speichern?')) return;
    setTimeout(() => { document.getElementById('msg').textContent =
      'Kommunikation gespeichert'; }, 200);
  }
</script>
</body></html>"""


def test_a_dialog_asking_before_the_save_is_accepted(page) -> None:
    dom = page(CONFIRM_DIALOG)
    dom.press("oe.kommunikation_speichern", "Test", confirm=["oe.kommunikation_gespeichert"])
    assert dom.run("probe", [dom.spec("oe.kommunikation_gespeichert")]) == {
        "oe.kommunikation_gespeichert": True
    }


DATALIST_CHOICE = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<label for="p">Übergeordnete Organisationseinheit</label>
<input id="p" list="units"><datalist id="units"><option value="Bauamt">
  <option value="Hauptamt"></datalist>
</body></html>"""

TREE_CHOICE = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<label>Übergeordnete Organisationseinheit <select>
  <option value="">(keine)</option><option value="1">Bürgermeister</option>
  <option value="2">&nbsp;&nbsp;– Hauptamt</option><option value="3">&nbsp;&nbsp;– Bauamt</option>
</select></label>
</body></html>"""


@pytest.mark.parametrize(
    ("html", "offered"),
    [
        (FORM_VARIANTS, ["  HAUPTAMT ", "Bauamt"]),  # <select>, names case/space-insensitive
        (TREE_CHOICE, ["Hauptamt", "bürgermeister"]),  # options indented as a tree
        (DATALIST_CHOICE, ["hauptamt"]),  # <input list=…> with a datalist
        (COMBOBOX, []),  # choices only while typing: nothing to tell
    ],
)
def test_the_parent_choice_of_the_form_tells_a_unit_that_exists(page, html, offered) -> None:
    form = UnitFormPage(page(html), "Test")
    for name in offered:
        with pytest.raises(UnitExists):
            form.refuse_existing(name)
    form.refuse_existing("Standesamt")  # not offered: may be created


SCRIPTED_SAVE = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<button type="button" onclick="save()">Kommunikation speichern</button>
<p role="status" id="msg"></p>
<script>
  // A portal whose script saves by fetch and turns any failure into its own wording; it also
  // polls for news in the background, which may fail without concerning the save.
  async function save() {
    fetch('/neuigkeiten');
    const answer = await fetch('/speichern', {method: 'POST', body: 'x'});
    const msg = document.getElementById('msg');
    if (answer.ok) msg.textContent = 'Kommunikation gespeichert';
    else { msg.setAttribute('role', 'alert'); msg.textContent = 'Speichern fehlgeschlagen.'; }
  }
</script>
</body></html>"""


class ScriptedSave(BaseHTTPRequestHandler):
    """Serves SCRIPTED_SAVE; the save answers `save_status`, the background poll 500."""

    save_status = 200

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path == "/neuigkeiten":
            self.answer(500, b"{}")
        elif self.path == "/zu-viele":
            self.answer(429, b"<h1>Too Many Requests</h1>", "text/html")
        else:
            self.answer(200, SCRIPTED_SAVE.encode(), "text/html; charset=utf-8")

    def do_POST(self) -> None:  # noqa: N802
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.answer(self.save_status, b"{}")

    def answer(self, status: int, body: bytes, kind: str = "application/json") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize(
    ("status", "expected"), [(502, ServerError), (429, ServerError), (200, None)]
)
def test_a_scripted_save_the_server_failed_is_a_server_error_to_retry(
    driver, status, expected
) -> None:
    handler = type("Handler", (ScriptedSave,), {"save_status": status})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        dom = Dom(driver, load_locators(), timeout=5.0)
        driver.get(f"http://127.0.0.1:{server.server_port}/")
        confirm = ["oe.kommunikation_gespeichert"]
        if expected is None:  # the failed background GET does not count
            dom.press("oe.kommunikation_speichern", "Test", confirm=confirm)
        else:  # not "Refused: Speichern fehlgeschlagen" (which would not be retried)
            with pytest.raises(expected):
                dom.press("oe.kommunikation_speichern", "Test", confirm=confirm)
        driver.get(f"http://127.0.0.1:{server.server_port}/zu-viele")
        with pytest.raises(ServerError):  # a page answered "too many requests": try later
            dom.raise_problem(dom.problem())
    finally:
        server.shutdown()
        server.server_close()


ID_FIRST_TABLE = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<section><input placeholder="Suchen">
<table><thead><tr><th>ID</th><th>Name</th></tr></thead><tbody>
  <tr tabindex="0" onclick="location.href='mandant.html'">
    <td>1003</td><td>Gemeinde Käbschütztal</td></tr>
  <tr tabindex="0" onclick="location.href='mandant.html'">
    <td>1001</td><td>Gemeinde Klipphausen</td></tr>
</tbody></table></section>
</body></html>"""

ID_IN_HEADER_LINE = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<section><table><thead><tr><th>Name</th><th>ID</th><th>Version</th></tr></thead>
  <tbody><tr><td><a href="#1">Hauptamt</a></td><td>600709</td><td>1.0</td></tr></tbody></table>
</section>
<section><h2>Hauptamt</h2>
  <p>ID: 600709 · <span style="color:#1b7f3b">Version 1.0</span></p></section>
</body></html>"""

HIDDEN_TAB_AND_DIALOG = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<dialog><form><label for="n">Name</label><input id="n" value="">
  <label for="p">Übergeordnete Organisationseinheit</label><select id="p"></select></form></dialog>
<div id="stammdaten" hidden><table>
  <tr><th>Name</th><td>Bauamt</td></tr>
  <tr><th>Übergeordnete Organisationseinheit</th><td>Hauptamt</td></tr></table></div>
<div id="kommunikation"><label>E-Mail <input value="bauamt@example.org"></label></div>
</body></html>"""

LATE_CHOICES = """<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>
<label for="n">Name</label><input id="n">
<label for="p">Übergeordnete Organisationseinheit</label>
<select id="p"><option value="">– keine –</option></select><button>Speichern</button>
<script>
  // The choices come from the same request that fills the list, a moment after the page.
  fetch('data:text/plain,units').then(() => setTimeout(() =>
    document.getElementById('p').add(new Option('Bauamt', '1')), 50));
</script>
</body></html>"""


def test_table_rows_are_named_by_their_words_not_by_a_leading_id(page, tmp_path: Path) -> None:
    (tmp_path / "mandant.html").write_text(MANDANT_DETAIL, encoding="utf-8")
    dom = page(ID_FIRST_TABLE)
    assert MandantenPage(dom).names() == ["Gemeinde Käbschütztal", "Gemeinde Klipphausen"]
    assert isinstance(MandantenPage(dom).open("Gemeinde Klipphausen"), MandantPage)


def test_a_column_header_is_no_caption_of_a_shown_value(page) -> None:
    dom = page(ID_IN_HEADER_LINE)
    assert dom.read([dom.spec("oe.id", kind="value")]) == {"oe.id": "600709 · Version 1.0"}
    badge = dom.run("badge")
    assert (badge["text"], badge["color"]) == ("Version 1.0", "rgb(27, 127, 59)")


def test_a_form_waits_for_choices_a_script_adds_later(page) -> None:
    form = UnitFormPage(page(LATE_CHOICES), "Organisationseinheit anlegen").wait_loaded()
    assert name_key("Bauamt") in (form.offered() or set())


def test_shown_values_of_a_hidden_tab_beat_the_fields_of_a_closed_dialog(page) -> None:
    dom = page(HIDDEN_TAB_AND_DIALOG)
    specs = [dom.spec(key, kind="value") for key in ("oe.name", "oe.parent")]
    assert dom.read(specs) == {"oe.name": "Bauamt", "oe.parent": "Hauptamt"}
