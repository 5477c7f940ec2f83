"""The decision about a unit's Kommunikation: the first entry per Kanal, nothing else touched."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from importer.admincenter.values import Entry
from importer.runner.channels import (
    EntryChange,
    Wanted,
    differences,
    entry_changes,
    expected,
    first_index,
    kept,
)

EMAIL = Wanted("email", "E-Mail", ("E-Mail",), "amt@coswig.example")
TELEFON = Wanted("telefon", "Telefon", ("Telefon",), "+49 3523 66-2")
FAX = Wanted("fax", "Fax", ("Fax",), "+49 3523 66-9")
SERVICEKONTO = Entry("Servicekonto", "Testbehörde zur Stadt (999839970682)", "", False)


def test_the_first_entry_of_a_kanal_is_edited_in_place_and_the_rest_stays() -> None:
    entries = [
        SERVICEKONTO,
        Entry("Telefon", "+49 3523 66-1", "Zentrale", True),
        Entry("E-Mail", "alt@coswig.example", "", True),
        Entry("Telefon", "+49 3523 66-7", "Sekretariat", False),
    ]
    changes = entry_changes(entries, [EMAIL, TELEFON, FAX])
    assert changes == [
        EntryChange(EMAIL, 2, "alt@coswig.example", True),
        EntryChange(TELEFON, 1, "+49 3523 66-1", True),
        EntryChange(FAX, None),
    ]
    assert [c.describe() for c in changes] == [
        "E-Mail (erster Eintrag): alt@coswig.example → amt@coswig.example",
        "Telefon (erster Eintrag): +49 3523 66-1 → +49 3523 66-2",
        "Fax: wird angelegt (+49 3523 66-9)",
    ]
    assert expected(entries, changes) == [
        SERVICEKONTO,
        Entry("Telefon", "+49 3523 66-2", "Zentrale", True),
        Entry("E-Mail", "amt@coswig.example", "", True),
        Entry("Telefon", "+49 3523 66-7", "Sekretariat", False),
        Entry("Fax", "+49 3523 66-9", "", True),
    ]
    assert kept(entries, [EMAIL, TELEFON, FAX]) == ["Servicekonto: bleibt", "Telefon: bleibt"]


def test_a_right_value_that_is_not_public_is_only_made_public() -> None:
    entries = [Entry("Fax", "+49 3523 66-9", "", False)]
    changes = entry_changes(entries, [FAX])
    assert [c.describe() for c in changes] == ["Fax (erster Eintrag): wird öffentlich"]
    assert entry_changes([Entry("Fax", "+49  3523 66-9 ", "", True)], [FAX]) == []


def test_an_empty_cell_leaves_its_kanal_alone_and_another_caption_can_be_mapped() -> None:
    festnetz = Wanted("telefon", "Telefon", ("Festnetz", "Telefon"), "+49 1 2")
    entries = [Entry("festnetz", "+49 1 1", "", True)]
    assert first_index(entries, festnetz) == 0
    assert entry_changes(entries, []) == []


def test_the_list_read_back_is_held_against_what_must_be_there() -> None:
    want = [SERVICEKONTO, Entry("E-Mail", "amt@coswig.example", "", True)]
    assert differences(want, want) == []
    twice = [*want, Entry("E-Mail", "amt@coswig.example", "", True)]
    assert differences(want, twice) == ["3 Einträge statt 2"]
    hidden = [SERVICEKONTO, Entry("E-Mail", "amt@coswig.example", "", False)]
    assert differences(want, hidden) == ["Eintrag 2: öffentlich erwartet"]


KANAELE = ("E-Mail", "Telefon", "Fax", "Servicekonto", "Sonstiges")
entry = st.builds(
    Entry,
    st.sampled_from(KANAELE),
    st.text("0123456789 +-", min_size=1, max_size=8),
    st.sampled_from(["", "Zentrale"]),
    st.booleans(),
)


@given(st.lists(entry, max_size=7), st.lists(st.sampled_from([EMAIL, TELEFON, FAX]), unique=True))
def test_after_the_changes_each_wanted_value_leads_its_kanal_and_nothing_is_lost(
    entries: list[Entry], wanted: list[Wanted]
) -> None:
    after = expected(entries, entry_changes(entries, wanted))
    for want in wanted:
        first = after[first_index(after, want)]
        assert (first.kennung, first.oeffentlich) == (want.value, True)
    # every entry not the first of a wanted Kanal is still there, unchanged and in order
    firsts = {first_index(entries, w) for w in wanted}
    untouched = [e for i, e in enumerate(entries) if i not in firsts]
    assert [e for i, e in enumerate(after[: len(entries)]) if i not in firsts] == untouched
    assert len(after) == len(entries) + sum(first_index(entries, w) is None for w in wanted)
    # deciding again on the result changes nothing: a repeated save adds no second entry
    assert entry_changes(after, wanted) == []
