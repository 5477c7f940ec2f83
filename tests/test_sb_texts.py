"""Texts a test renames (`SandboxConfig.label_overrides`) are renamed wherever a page shows
them — in the texts rendered through `t` and in every other text node or label — so that a
renamed text is missing everywhere, as it would be on an AdminCenter that words it otherwise."""

from __future__ import annotations

import pytest
from fixtures_sandbox import AuthActions
from sb_support import create_unit

from importer.sandbox.texts import relabel

RENAMED = {"Unterhalb anlegen": "Darunter anlegen", "Stammdaten": "Grunddaten"}


@pytest.mark.parametrize("oberflaeche", ["neu", "klassisch"])
def test_a_renamed_text_is_gone_from_the_unit_panel(make_sandbox_app, oberflaeche) -> None:
    app = make_sandbox_app(oberflaeche=oberflaeche, label_overrides=RENAMED)
    auth = AuthActions(app.test_client())
    auth.login()
    oe_id = create_unit(auth, "Hauptamt")

    html = auth.fragment(f"/organisationseinheiten/{oe_id}/panel").get_data(as_text=True)

    assert "Unterhalb anlegen" not in html and "Darunter anlegen" in html
    assert "Hauptamt" in html


def test_relabel_replaces_whole_texts_and_labels_only() -> None:
    html = (
        '<button aria-label="Stammdaten">\n  Stammdaten\n</button>'
        "<p>Stammdaten der Einheit</p><option>Stammdaten-Archiv</option>"
    )

    assert relabel(html, {"Stammdaten": "Grunddaten"}) == (
        '<button aria-label="Grunddaten">\n  Grunddaten\n</button>'
        "<p>Stammdaten der Einheit</p><option>Stammdaten-Archiv</option>"
    )


def test_a_renamed_text_is_escaped_like_any_other() -> None:
    assert relabel("<b>Bild</b>", {"Bild": "<i>Logo</i>"}) == "<b>&lt;i&gt;Logo&lt;/i&gt;</b>"
