"""Place names split at a lower-case particle are joined; common nouns are not places."""

from __future__ import annotations

from sitroom.stages.analyze import analyze_text


def test_name_with_particle_is_one_place():
    an = analyze_text("Helicopters struck a camp outside Mocimboa da Praia on Wednesday night, officials said.")
    assert [(p.name, p.country) for p in an.places] == [("Mocimboa da Praia", "MZ")]


def test_lower_case_noun_is_not_a_place_but_al_names_are():
    an = analyze_text('"They came out of the bush before dawn," said Ana Costa. A car bomb exploded in al-Tarmiya, '
                      "north of Baghdad, police said.")
    names = {p.name for p in an.places}
    assert "Baghdad" in names and any("Tarmiya" in n for n in names)
    assert not any(n.lower() == "bush" for n in names)
