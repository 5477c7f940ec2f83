"""The facts behind the example Landkreis Meißen: its 28 Gemeinden and their typical units.

Names, PLZ and telephone area codes are real; streets are plausible, people, subscriber
numbers, e-mail and web addresses are fictional (domains under `.example`, RFC 2606).
"""

from __future__ import annotations

from dataclasses import dataclass

GROSSE_KREISSTADT, STADT, GEMEINDE = "Große Kreisstadt", "Stadt", "Gemeinde"


@dataclass(frozen=True)
class Gemeinde:
    name: str
    art: str  # GROSSE_KREISSTADT, STADT or GEMEINDE
    plz: str
    strasse: str
    vorwahl: str
    anschluss: str  # fictional subscriber number of the town hall, extensions are appended
    einheiten: int  # how many units the example lists for this Mandant
    dsb_extern: str | None  # key of EXTERNAL_DSB when the DSB is not in-house
    logo_format: str | None  # "png" or "jpg" when the example has a logo for this Mandant

    @property
    def stadt(self) -> bool:
        return self.art != GEMEINDE

    @property
    def mandant(self) -> str:
        return f"{'Stadt' if self.stadt else 'Gemeinde'} {self.name}"

    @property
    def slug(self) -> str:
        """ASCII name for e-mail, web and logo file names."""
        return ascii_slug(self.name)

    @property
    def domain(self) -> str:
        return f"{self.slug}.example"

    @property
    def logo(self) -> str | None:
        return f"{self.slug}.{self.logo_format}" if self.logo_format else None


def ascii_slug(text: str) -> str:
    """ASCII, lower case, hyphens: "Käbschütztal" → "kaebschuetztal"."""
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", " ": "-"})
    return text.lower().translate(table)


_GKS, _S, _G = GROSSE_KREISSTADT, STADT, GEMEINDE
# fmt: off
GEMEINDEN: tuple[Gemeinde, ...] = tuple(Gemeinde(*row) for row in (
    ("Coswig", _GKS, "01640", "Karrasstraße 2", "03523", "6610", 22, None, "jpg"),
    ("Gröditz", _S, "01609", "Hauptstraße 25", "035263", "6510", 14, "kisa", None),
    ("Großenhain", _GKS, "01558", "Hauptmarkt 1", "03522", "5340", 24, None, "png"),
    ("Lommatzsch", _S, "01623", "Am Markt 1", "035241", "5710", 13, "elbland", None),
    ("Meißen", _GKS, "01662", "Markt 1", "03521", "4690", 25, None, "png"),
    ("Nossen", _S, "01683", "Markt 31", "035242", "4190", 16, "kisa", None),
    ("Radebeul", _GKS, "01445", "Pestalozzistraße 6", "0351", "8311", 25, None, "png"),
    ("Radeburg", _S, "01471", "Heinrich-Zille-Straße 6", "035208", "9610", 15, None, None),
    ("Riesa", _GKS, "01589", "Rathausplatz 1", "03525", "7186", 25, None, "png"),
    ("Strehla", _S, "01616", "Markt 1", "035264", "9210", 12, "elbland", None),
    ("Diera-Zehren", _G, "01665", "Meißner Straße 37", "035247", "5030", 10, "kisa", None),
    ("Ebersbach", _G, "01561", "Dresdner Straße 5", "035208", "8040", 11, None, None),
    ("Glaubitz", _G, "01612", "Hauptstraße 1", "035265", "5210", 10, "kisa", None),
    ("Hirschstein", _G, "01594", "Kirchstraße 3", "035266", "6320", 10, "elbland", None),
    ("Käbschütztal", _G, "01665", "Krögis Nr. 7", "035244", "4230", 11, "kisa", None),
    ("Klipphausen", _G, "01665", "Talstraße 3", "035204", "4630", 16, None, "png"),
    ("Lampertswalde", _G, "01561", "Großenhainer Straße 19", "035248", "8150", 10, "elbland", None),
    ("Moritzburg", _G, "01468", "Schloßallee 22", "035207", "8540", 15, None, None),
    ("Niederau", _G, "01689", "Meißner Straße 2", "035243", "3310", 11, "kisa", None),
    ("Nünchritz", _G, "01612", "Friedensstraße 61", "035265", "6730", 13, None, None),
    ("Priestewitz", _G, "01561", "Am Bahnhof 2", "035249", "7310", 10, "elbland", None),
    ("Röderaue", _G, "01609", "Hauptstraße 40", "035263", "4410", 10, "kisa", None),
    ("Schönfeld", _G, "01561", "Schloßstraße 4", "035248", "8720", 10, "elbland", None),
    ("Stauchitz", _G, "01594", "Hauptstraße 1", "035268", "8250", 11, "kisa", None),
    ("Thiendorf", _G, "01561", "Dresdner Straße 1", "035248", "8940", 12, None, None),
    ("Weinböhla", _G, "01689", "Rathausplatz 2", "035243", "5610", 15, None, None),
    ("Wülknitz", _G, "01609", "Hauptstraße 15", "035263", "6210", 10, "elbland", None),
    ("Zeithain", _G, "01619", "Friedensstraße 8", "03525", "5290", 14, None, None),
))
# fmt: on

# External data protection officers some Gemeinden appoint (fictional contact data).
EXTERNAL_DSB: dict[str, dict[str, str]] = {
    "kisa": {
        "name": "Behördlicher Datenschutzbeauftragter (extern)",
        "organisation": "Zweckverband Kommunale Informationsverarbeitung Sachsen (KISA)",
        "strasse": "Eilenburger Straße 1a",
        "plz": "04317",
        "ort": "Leipzig",
        "telefon": "0341 2624-740",
        "email": "datenschutz@kisa.example",
    },
    "elbland": {
        "name": "Dr. Jana Wendler",
        "organisation": "Kommunales Datenschutzbüro Elbland",
        "strasse": "Niederauer Straße 12",
        "plz": "01662",
        "ort": "Meißen",
        "telefon": "(03521) 71 94-0",
        "email": "kontakt@dsb-elbland.example",
    },
}

# Units in the order a town lists them: (name, parent or None, extension, has fax, has web page).
# Städte take their first N rows; Gemeinden take GEMEINDE_UNITS. Every parent is in the list
# before its children, so the first N of a list always includes the parents they need.
STADT_UNITS: tuple[tuple[str, str | None, str, bool, bool], ...] = (
    ("Hauptamt", None, "100", True, True),
    ("Bürgeramt", None, "200", True, True),
    ("Einwohnermeldeamt", "Bürgeramt", "210", False, False),
    ("Standesamt", "Bürgeramt", "220", True, True),
    ("Kämmerei", None, "300", True, False),
    ("Stadtkasse", "Kämmerei", "310", True, False),
    ("Bauamt", None, "400", True, True),
    ("Ordnungsamt", None, "500", True, False),
    ("Personalamt", "Hauptamt", "120", False, False),
    ("Gewerbeamt", "Ordnungsamt", "510", False, True),
    ("Steuern und Abgaben", "Kämmerei", "320", False, False),
    ("Bauhof", "Bauamt", "450", False, False),
    ("Liegenschaften", "Bauamt", "420", False, False),
    ("Schulverwaltung", None, "600", False, True),
    ("Kita-Verwaltung", "Schulverwaltung", "610", False, True),
    ("Sozialamt", None, "700", True, False),
    ("Friedhofsverwaltung", "Bauhof", "460", False, True),
    ("Kultur und Tourismus", None, "800", False, True),
    ("Stadtbibliothek", "Kultur und Tourismus", "810", False, True),
    ("Wirtschaftsförderung", "Hauptamt", "130", False, True),
    ("Feuerwehr", "Ordnungsamt", "520", False, False),
    ("Vollstreckung", "Stadtkasse", "315", False, False),
    ("Stadtplanung", "Bauamt", "410", False, True),
    ("Bürgerbüro Ortsteile", "Bürgeramt", "230", False, False),
    ("Archiv", "Hauptamt", "140", False, True),
)

GEMEINDE_UNITS: tuple[tuple[str, str | None, str, bool, bool], ...] = (
    ("Hauptamt", None, "10", True, True),
    ("Bürgerbüro", None, "20", True, True),
    ("Standesamt", "Bürgerbüro", "22", False, True),
    ("Kämmerei", None, "30", True, False),
    ("Gemeindekasse", "Kämmerei", "31", False, False),
    ("Bauamt", None, "40", True, True),
    ("Ordnungsamt", None, "50", False, False),
    ("Einwohnermeldeamt", "Bürgerbüro", "21", False, False),
    ("Bauhof", "Bauamt", "45", False, False),
    ("Kita-Verwaltung", "Hauptamt", "15", False, True),
    ("Friedhofsverwaltung", "Bauamt", "46", False, False),
    ("Gewerbeamt", "Ordnungsamt", "51", False, False),
    ("Feuerwehr", "Ordnungsamt", "52", False, True),
    ("Steuern und Abgaben", "Kämmerei", "32", False, False),
    ("Gemeindebibliothek", "Hauptamt", "16", False, True),
    ("Tourist-Information", "Hauptamt", "17", False, True),
)

# Fictional people: first and last names are paired by index with different strides.
# fmt: off
VORNAMEN = (
    "Andreas", "Katrin", "Thomas", "Susanne", "Frank", "Heike", "Jens", "Claudia", "Steffen",
    "Anja", "Uwe", "Kerstin", "Matthias", "Sabine", "Ronny", "Ines",
)
NACHNAMEN = (
    "Lehmann", "Kretzschmar", "Böhme", "Hänel", "Schubert", "Ullrich", "Wagner", "Richter",
    "Pönitz", "Seifert", "Kühne", "Neubert", "Zschiesche", "Gräfe", "Tietze", "Heinrich", "Mörbe",
)
# fmt: on
