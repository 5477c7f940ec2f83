"""The one table of validation codes: stable code → German message template and rule.

Messages name the column (`{spalte}`) and say what to do. `docs/validation.md` lists every code
(a test keeps both in step). Codes are stable: the writer, the runner and users rely on them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Code:
    message: str  # str.format template; always gets `spalte` (the column header)
    rule: str  # the rule in German, for the documentation


CODES: dict[str, Code] = {
    "pflichtfeld-leer": Code(
        "{spalte} ist ein Pflichtfeld und darf nicht leer sein. Bitte einen Wert eintragen.",
        "Pflichtspalten (im Vorlagenkopf farbig hervorgehoben) brauchen einen Wert; nur "
        "Leerzeichen zählen als leer.",
    ),
    "zelltyp-falsch": Code(
        "{spalte} enthält {art} ({wert}) statt Text. Excel hat die Eingabe vermutlich "
        "umgewandelt. Bitte den Wert als Text eingeben.",
        "Zellen enthalten Text oder Zahlen; ein Datum, eine Uhrzeit oder WAHR/FALSCH wird "
        "nicht gesendet.",
    ),
    "formel-ohne-wert": Code(
        "{spalte} enthält eine Formel ohne gespeichertes Ergebnis. Bitte die Mappe in Excel "
        "öffnen und speichern oder den Wert direkt eintragen.",
        "Bei Formeln wird das von Excel gespeicherte Ergebnis verwendet; fehlt es (z. B. nach "
        "Bearbeitung mit einem anderen Programm), wird nichts geraten.",
    ),
    "zelle-verbunden": Code(
        "{spalte} ist leer: Die Zelle ist mit {mit} verbunden ({bereich}) – {hinweis}.",
        "Nur die erste Zelle verbundener Zellen enthält einen Wert; die anderen sind leer, auch "
        "wenn die Tabelle den Wert über alle zeigt. Markiert wird die erste Zelle; der Hinweis "
        "lautet „bitte die Verbindung aufheben“, bei Zellen über mehrere Zeilen „… und den Wert "
        "in jede Zeile schreiben“.",
    ),
    "text-zu-lang": Code(
        "{spalte} ist zu lang ({laenge} Zeichen); erlaubt sind höchstens 255 Zeichen. "
        "Bitte kürzen.",
        "Jeder Wert hat höchstens 255 Zeichen (ohne Leerzeichen am Anfang und Ende).",
    ),
    "text-mehrzeilig": Code(
        "{spalte} enthält einen Zeilenumbruch; erlaubt ist nur eine Zeile. Bitte den Umbruch "
        "entfernen (in Excel entsteht er mit Alt+Eingabe).",
        "Jeder Wert ist einzeilig; ein Umbruch am Anfang oder Ende wird ignoriert.",
    ),
    "text-steuerzeichen": Code(
        "{spalte} enthält ein unsichtbares Steuerzeichen ({zeichen}). Bitte den Wert neu "
        "eintippen statt ihn aus einem anderen Programm einzufügen.",
        "Unsichtbare Steuer- und Formatzeichen (z. B. Tabulator, U+200B) sind nicht erlaubt.",
    ),
    "telefon-als-zahl": Code(
        "{spalte} wurde von Excel als Zahl gespeichert ({wert}); die führende 0 fehlt. "
        "Bitte als Text eingeben, z. B. 0351 123456.",
        "Telefon- und Faxnummern müssen als Text in der Zelle stehen; eine als Zahl "
        "gespeicherte Nummer wird nie ergänzt oder geraten.",
    ),
    "telefon-ohne-vorwahl": Code(
        "{spalte} „{wert}“ beginnt weder mit 0 noch mit +; die Vorwahl fehlt oder ist "
        "unvollständig. Bitte mit Vorwahl eingeben, z. B. 0351 123456.",
        "Eine Nummer beginnt mit 0 (Vorwahl) oder + (Ländervorwahl); sonst wäre die Vorwahl "
        "geraten.",
    ),
    "telefon-ungueltig": Code(
        "{spalte} „{wert}“ ist keine gültige Telefonnummer. Bitte mit Vorwahl eingeben, "
        "z. B. 0351 123456 oder mit Durchwahl 0351 1234-56.",
        "Die Nummer muss nach dem deutschen Nummernplan (bzw. dem des angegebenen Landes) "
        "gültig sein. Erlaubt sind Ziffern, Leerzeichen, + ( ) / . und der Bindestrich vor "
        "der Durchwahl. Gesendet wird „+49 351 123456“, eine Durchwahl als „-56“.",
    ),
    "email-ungueltig": Code(
        "{spalte} „{wert}“ ist keine gültige E-Mail-Adresse. Bitte in der Form "
        "name@beispiel.de eingeben.",
        "Die Schreibweise der Adresse wird geprüft (ohne Abfrage im Internet); gesendet wird "
        "die normalisierte Form.",
    ),
    "plz-als-zahl": Code(
        "{spalte} wurde von Excel als Zahl gespeichert ({wert}); die führende 0 fehlt. "
        "Bitte als Text eingeben, z. B. 01665.",
        "Eine als Zahl gespeicherte PLZ mit weniger als fünf Ziffern wird nicht ergänzt; eine "
        "fünfstellige Zahl wird als Text übernommen.",
    ),
    "plz-ungueltig": Code(
        "{spalte} „{wert}“ ist ungültig: Die PLZ muss aus fünf Ziffern bestehen, z. B. 01665.",
        "Die PLZ besteht aus genau fünf Ziffern.",
    ),
    "internet-ungueltig": Code(
        "{spalte} „{wert}“ ist keine gültige Internetadresse. Bitte in der Form "
        "www.beispiel.de oder https://www.beispiel.de eingeben, ohne Leerzeichen.",
        "Eine Adresse mit http:// oder https:// und einem Domainnamen mit Punkt; ohne "
        "http(s):// wird https:// ergänzt (www.beispiel.de → https://www.beispiel.de).",
    ),
    "ust-id-ungueltig": Code(
        "{spalte} „{wert}“ ist ungültig: Die USt-IdNr. besteht aus DE und neun Ziffern, "
        "z. B. DE123456789.",
        "DE und neun Ziffern; Leerzeichen sind erlaubt und werden beim Senden entfernt.",
    ),
    "oe-id-ungueltig": Code(
        "{spalte} „{wert}“ ist ungültig: Die OE-ID ist eine sechsstellige Zahl, z. B. 600709. "
        "Leer lassen, wenn die Einheit im AdminCenter noch nicht existiert.",
        "Die OE-ID ist leer oder eine sechsstellige Zahl (als Text oder Zahl).",
    ),
    "mandant-doppelt": Code(
        "{spalte} „{wert}“ steht mehrmals in diesem Blatt (Zeilen {zeilen}); erlaubt ist eine "
        "Zeile je Mandant. Bitte die Zeilen zusammenführen.",
        "In Impressum, Datenschutzbeauftragte und Logo steht jeder Mandant nur einmal "
        "(Groß-/Kleinschreibung und Leerzeichen zählen nicht). Jede Kopie wird markiert.",
    ),
    "oe-doppelt": Code(
        "{spalte} „{wert}“ steht für Mandant „{mandant}“ mehrmals (Zeilen {zeilen}). Bitte "
        "jede Einheit nur einmal eintragen.",
        "Innerhalb eines Mandanten ist jeder Name einer Organisationseinheit eindeutig "
        "(Groß-/Kleinschreibung und Leerzeichen zählen nicht). Jede Kopie wird markiert.",
    ),
    "oe-id-doppelt": Code(
        "{spalte} {wert} steht mehrmals (Zeilen {zeilen}). Jede OE-ID gehört zu genau einer "
        "Organisationseinheit.",
        "Eine OE-ID steht höchstens einmal im Blatt. Jede Kopie wird markiert.",
    ),
    "oe-uebergeordnet-unbekannt": Code(
        "{spalte} „{wert}“ gibt es für Mandant „{mandant}“ weder in diesem Blatt noch im "
        "AdminCenter. Bitte den Namen prüfen oder die Einheit als eigene Zeile eintragen.",
        "Die übergeordnete Einheit steht im selben Blatt beim selben Mandanten oder existiert "
        "dort schon im AdminCenter.",
    ),
    "oe-zyklus": Code(
        "{spalte} „{wert}“ ergibt einen Kreis ({kette}): Keine Einheit kann sich selbst "
        "übergeordnet sein, auch nicht über andere. Bitte die übergeordnete "
        "Organisationseinheit korrigieren.",
        "Eine Einheit darf weder ihre eigene übergeordnete Einheit sein noch über eine Kette "
        "von Übergeordneten wieder bei sich ankommen. Jede Einheit der Kette wird markiert.",
    ),
    "logo-fehlt": Code(
        "{spalte} „{wert}“ wurde nicht gefunden (gesucht: {pfad}). Bitte den Pfad relativ zum "
        "Ordner der Arbeitsmappe oder vollständig angeben.",
        "Die Bilddatei existiert; ein relativer Pfad gilt ab dem Ordner der Arbeitsmappe. "
        "Gesendet wird der vollständige Pfad.",
    ),
    "logo-format": Code(
        "{spalte} „{wert}“ ist kein lesbares PNG- oder JPEG-Bild. Bitte als PNG oder JPEG "
        "speichern.",
        "Das Bild ist dem Inhalt nach ein unbeschädigtes PNG oder JPEG (die Dateiendung allein "
        "zählt nicht).",
    ),
    "logo-zu-gross": Code(
        "{spalte} „{wert}“ ist zu groß ({groesse}); erlaubt ist höchstens 1 MB. Bitte das Bild "
        "verkleinern oder stärker komprimieren.",
        "Die Bilddatei ist höchstens 1 MB (1.048.576 Byte) groß.",
    ),
    "logo-abmessungen": Code(
        "{spalte} „{wert}“ ist {abmessungen} Pixel groß; erlaubt sind höchstens "
        "2000 × 2000 Pixel. Bitte das Bild verkleinern.",
        "Das Bild ist höchstens 2000 Pixel breit und 2000 Pixel hoch.",
    ),
}


def message(code: str, column: str, **params: object) -> str:
    """The German message of `code` for the column `column`."""
    return CODES[code].message.format(spalte=column, **params)
