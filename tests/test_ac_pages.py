"""The in-page library against markup our sandbox never uses: the same visible texts, other HTML.

The runner will meet AdminCenters we have never seen. These static pages imitate how other
component libraries render what ADMINCENTER.md describes — a drop-down as a button with a
listbox, check boxes drawn by script, a grid of divs, a tree with levels, busy overlays,
dialogs over panels — and check that every element is found by what a person reads.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from selenium.webdriver.remote.webdriver import WebDriver

from importer.admincenter.dom import Dom
from importer.admincenter.locators import load_locators
from importer.admincenter.pages_channels import KOMMUNIKATION, ChannelEditor
from importer.admincenter.pages_units import UnitsPage
from importer.admincenter.problems import Refused
from importer.admincenter.values import PARENT_UNKNOWN, Entry, UnitRef

pytestmark = pytest.mark.browser

HEAD = '<!doctype html><html lang="de"><head><meta charset="utf-8"><style>' \
    '.overlay{position:fixed;inset:0;background:rgba(0,0,0,.2)}</style></head><body>'

SCOPES = HEAD + """
<main><h1>Organisationseinheiten</h1><button id="page-save">Speichern</button>
<label for="n0">Name</label><input id="n0" value="Liste">
<aside role="complementary" aria-label="Hauptamt">
  <label for="n1">Name •</label><input id="n1" value="Hauptamt">
  <button id="panel-save">Speichern</button>
  <button id="open">Kommunikation</button></aside>
<div role="dialog" aria-modal="true" aria-labelledby="t" id="dlg" hidden>
  <h2 id="t">Kommunikationskanäle verwalten - Hauptamt</h2>
  <button id="dialog-save">Speichern</button></div>
</main>
<script>document.getElementById('open').onclick = () => { dlg.hidden = false; };</script>
</body></html>"""

DROPDOWN = HEAD + """
<div class="field"><span id="cap">Kanal •</span>
  <button type="button" id="kanal" aria-haspopup="listbox" aria-expanded="false"
    aria-labelledby="cap kanal" aria-controls="lb"><span>E-Mail</span> ▾</button>
  <ul role="listbox" id="lb" hidden></ul></div>
<script>
const choices = ['E-Mail', 'Telefon mobil', 'Telefon', 'Fax', 'Servicekonto'];
const button = document.getElementById('kanal'), list = document.getElementById('lb');
button.onclick = () => {
  // options drawn anew on every opening, a moment later (as a framework renders them)
  list.replaceChildren();
  setTimeout(() => {
    for (const c of choices) {
      const li = document.createElement('li');
      li.setAttribute('role', 'option');
      li.textContent = c;
      li.onclick = () => { button.firstElementChild.textContent = c; list.hidden = true;
        button.setAttribute('aria-expanded', 'false'); };
      list.append(li);
    }
    list.hidden = false;
    button.setAttribute('aria-expanded', 'true');
  }, 80);
};
list.addEventListener('keydown', () => {});
button.addEventListener('keydown', e => { if (e.key === 'Escape') { list.hidden = true;
  button.setAttribute('aria-expanded', 'false'); } });
</script></body></html>"""

CHECKBOXES = HEAD + """
<div><span>Anzeigen</span>
  <div><span role="checkbox" tabindex="0" aria-checked="false" id="drawn"
    style="display:inline-block;width:14px;height:14px;border:1px solid"></span> Öffentlich</div>
</div>
<table><tr><td><label for="native">Öffentlich anzeigen</label></td>
  <td><input type="checkbox" id="native"></td></tr></table>
<script>
const drawn = document.getElementById('drawn');
drawn.onclick = () => drawn.setAttribute('aria-checked',
  String(drawn.getAttribute('aria-checked') !== 'true'));
</script></body></html>"""

# A grid of divs with a check box column, sort arrows in the headers, a busy overlay after
# every action, and the fields beside it that show the selected row.
GRID = HEAD + """
<div role="dialog" aria-modal="true" aria-label="Kommunikationskanäle verwalten">
 <div role="grid">
  <div role="row"><div role="columnheader">☐</div><div role="columnheader">Kanal ▲</div>
   <div role="columnheader">Kennung</div><div role="columnheader">Kennungszusatz</div></div>
  <div id="rows"></div>
 </div>
 <button id="add">Kommunikationskanal anlegen</button>
 <label for="f-kanal">Kanal</label>
 <select id="f-kanal"><option value="">–</option><option>E-Mail</option><option>Telefon</option>
   <option>Servicekonto</option></select>
 <label for="f-kennung">Kennung •</label><input id="f-kennung">
 <label for="f-zusatz">Kennungszusatz</label><input id="f-zusatz">
 <span role="checkbox" aria-checked="false" tabindex="0" id="f-pub" style="display:inline-block;
   width:14px;height:14px;border:1px solid"></span><span>Öffentlich</span>
 <button id="take" disabled>Übernehmen</button>
 <button id="cancel">Abbrechen</button><button id="save" disabled>Speichern</button>
</div>
<script>
let rows = [{kanal: 'Servicekonto', kennung: 'Testbehörde zur Stadt (999839970682)', zusatz: '',
  pub: false}, {kanal: 'Telefon', kennung: '0351 1', zusatz: 'Zentrale', pub: false}];
let selected = -1;
const $ = id => document.getElementById(id);
function busy(then) {
  const o = document.createElement('div'); o.className = 'overlay'; o.setAttribute('aria-busy',
    'true'); document.body.append(o); setTimeout(() => { o.remove(); then(); }, 120);
}
function draw() {
  $('rows').replaceChildren(...rows.map((r, i) => {
    const row = document.createElement('div'); row.setAttribute('role', 'row');
    row.setAttribute('aria-selected', String(i === selected));
    for (const t of ['☐', r.kanal, r.kennung, r.zusatz]) {
      const c = document.createElement('div'); c.setAttribute('role', 'gridcell');
      c.textContent = t; row.append(c);
    }
    row.onclick = () => busy(() => { selected = i; load(); draw(); });
    return row;
  }));
}
function load() {
  const r = rows[selected];
  $('f-kanal').value = r.kanal; $('f-kennung').value = r.kennung; $('f-zusatz').value = r.zusatz;
  $('f-pub').setAttribute('aria-checked', String(r.pub)); $('take').disabled = true;
}
for (const id of ['f-kanal', 'f-kennung', 'f-zusatz'])
  $(id).addEventListener('input', () => { $('take').disabled = false; });
$('f-kanal').addEventListener('change', () => { $('take').disabled = false; });
$('f-pub').onclick = () => { $('f-pub').setAttribute('aria-checked',
  String($('f-pub').getAttribute('aria-checked') !== 'true')); $('take').disabled = false; };
$('add').onclick = () => busy(() => { rows.push({kanal: '', kennung: '', zusatz: '', pub: false});
  selected = rows.length - 1; load(); draw(); });
$('take').onclick = () => busy(() => { rows[selected] = {kanal: $('f-kanal').value,
  kennung: $('f-kennung').value, zusatz: $('f-zusatz').value,
  pub: $('f-pub').getAttribute('aria-checked') === 'true'}; draw(); $('save').disabled = false; });
draw();
</script></body></html>"""

# A tree of nested groups whose second level is collapsed and loaded only when opened.
TREE = HEAD + """
<main><h1>Organisationseinheiten</h1><button>Anlegen</button>
<input aria-label="Filter">
<div role="tree">
 <div role="treeitem" aria-level="1" aria-expanded="true"><span class="tw">▾</span>
  <span>Bürgermeister</span>
  <div role="group">
   <div role="treeitem" aria-level="2" aria-expanded="false" id="haupt">
    <span class="tw" aria-label="Aufklappen">▸</span><span>Hauptamt</span>
    <div role="group"></div></div>
   <div role="treeitem" aria-level="2"><span>Bauamt</span></div>
  </div></div>
 <div role="treeitem" aria-level="1"><span>Standesamt</span></div>
</div></main>
<script>
const node = document.getElementById('haupt');
node.querySelector('.tw').onclick = () => setTimeout(() => {
  node.setAttribute('aria-expanded', 'true');
  node.querySelector('[role=group]').innerHTML =
    '<div role="treeitem" aria-level="3"><span>Personal</span></div>';
}, 100);
</script></body></html>"""

PAGED = HEAD + """
<main><h1>Organisationseinheiten</h1><button>Anlegen</button>
<label>Suchbegriff <input></label>
<table><thead><tr><th aria-sort="ascending">Titel ▲</th></tr></thead><tbody id="b"></tbody>
</table><span id="p"></span>
<button aria-label="Vorherige Seite">‹</button><button aria-label="Nächste Seite" id="n">›</button>
</main>
<script>
const all = ['Amt 1', 'Amt 2', 'Amt 3', 'Amt 4', 'Amt 5'];
let page = 0;
function draw() {
  const b = document.getElementById('b');
  b.replaceChildren(...all.slice(page * 2, page * 2 + 2).map(t => {
    const tr = document.createElement('tr'); tr.tabIndex = 0;
    const td = document.createElement('td'); td.textContent = t; tr.append(td); return tr;
  }));
  document.getElementById('p').textContent = `Seite ${page + 1} von 3`;
  document.getElementById('n').disabled = page === 2;
}
document.getElementById('n').onclick = () => setTimeout(() => { page++; draw(); }, 60);
draw();
</script></body></html>"""


@pytest.fixture
def page(driver: WebDriver, tmp_path: Path):
    def load(html: str) -> Dom:
        dom = Dom(driver, load_locators(), timeout=3.0)  # installs the library first
        path = tmp_path / "seite.html"
        path.write_text(html, encoding="utf-8")
        driver.get(path.as_uri())
        return dom

    return load


def element_id(dom: Dom, key: str) -> str | None:
    element = dom.find(key)
    return None if element is None else element.get_attribute("id")


def test_lookups_go_to_the_top_dialog_else_the_panel_else_the_page(page, driver) -> None:
    dom = page(SCOPES)
    assert element_id(dom, "oe.speichern") == "panel-save"
    assert dom.read_keys(["oe.name"])["oe.name"] == "Hauptamt"
    dom.click("oe.kommunikation", "Test")
    assert element_id(dom, "kommunikation.speichern") == "dialog-save"
    # the modal dialog hides the rest: the panel's button is not offered
    assert dom.find("oe.kommunikation") is None
    driver.execute_script("document.getElementById('dlg').hidden = true;"
                          "document.querySelector('aside').remove();")
    assert element_id(dom, "oe.speichern") == "page-save"


def test_a_drop_down_of_a_button_and_a_listbox_is_opened_and_its_option_clicked(page) -> None:
    dom = page(DROPDOWN)
    assert dom.read_keys(["kommunikation.kanal"])["kommunikation.kanal"] == "E-Mail"
    dom.fill({"kommunikation.kanal": "Telefon"}, "Test")
    assert dom.read_keys(["kommunikation.kanal"])["kommunikation.kanal"] == "Telefon"
    assert dom.choices("kommunikation.kanal", "Test") == [
        "E-Mail", "Telefon mobil", "Telefon", "Fax", "Servicekonto"]
    assert not dom.run("expanded", dom.spec("kommunikation.kanal"))  # closed again
    with pytest.raises(Refused, match="De-Mail"):
        dom.fill({"kommunikation.kanal": "De-Mail"}, "Test")


def test_check_boxes_drawn_by_script_and_native_ones_are_set_by_their_caption(page) -> None:
    dom = page(CHECKBOXES)
    drawn, native = "internet.oeffentlich", "kommunikation.oeffentlich"
    assert element_id(dom, native) == "native"  # "Öffentlich anzeigen", the earlier form
    dom.fill({native: "true"}, "Test")
    assert dom.read_keys([native])[native] == "true"
    dom.fill({native: "true"}, "Test")  # already set: not clicked off again
    assert dom.read_keys([native])[native] == "true"
    dom.driver.execute_script("document.querySelector('table').remove()")
    assert element_id(dom, drawn) == "drawn"  # "Öffentlich" written after the box
    dom.fill({drawn: "true"}, "Test")
    assert dom.read_keys([drawn])[drawn] == "true"
    dom.fill({drawn: "false"}, "Test")
    assert dom.read_keys([drawn])[drawn] == "false"


def test_a_grid_of_entries_is_read_edited_in_place_and_extended(page) -> None:
    dom = page(GRID)
    editor = ChannelEditor(dom, KOMMUNIKATION)
    entries = editor.entries()
    assert entries == [
        Entry("Servicekonto", "Testbehörde zur Stadt (999839970682)", ""),
        Entry("Telefon", "0351 1", "Zentrale"),
    ]
    assert editor.public(1, entries[1]) is False
    editor.edit(1, entries[1], "+49 351 2")
    editor.add("E-Mail", "amt@example.de")
    assert editor.entries() == [
        Entry("Servicekonto", "Testbehörde zur Stadt (999839970682)", ""),
        Entry("Telefon", "+49 351 2", "Zentrale"),
        Entry("E-Mail", "amt@example.de", ""),
    ]
    shown = editor.entries()
    assert [editor.public(i, e) for i, e in enumerate(shown)] == [False, True, True]


def test_a_tree_is_opened_fully_and_gives_each_unit_its_parent(page) -> None:
    dom = page(TREE)
    units = UnitsPage(dom).units()
    assert units == [
        UnitRef("Bürgermeister", None),
        UnitRef("Hauptamt", "Bürgermeister"),
        UnitRef("Personal", "Hauptamt"),
        UnitRef("Bauamt", "Bürgermeister"),
        UnitRef("Standesamt", None),
    ]


def test_a_paged_table_is_read_page_by_page_without_its_header(page) -> None:
    dom = page(PAGED)
    names = [u.name for u in UnitsPage(dom).units()]
    assert names == ["Amt 1", "Amt 2", "Amt 3", "Amt 4", "Amt 5"]
    assert all(u.parent == PARENT_UNKNOWN for u in UnitsPage(dom).units())


def test_the_form_of_each_text_found_names_the_generation(page) -> None:
    dom = page(GRID)
    found = dom.probe(["kommunikation.anlegen", "kommunikation.uebernehmen",
                       "kommunikation.speichern", "kommunikation.oeffentlich", "oe.umhaengen"])
    assert found == {
        "kommunikation.anlegen": "Kommunikationskanal anlegen",
        "kommunikation.uebernehmen": "Übernehmen",
        "kommunikation.speichern": "Speichern",
        "kommunikation.oeffentlich": "Öffentlich",
        "oe.umhaengen": None,
    }
