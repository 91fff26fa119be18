"""Territorial control: captured, holds, withdrew, contested, with actor, named place, share and date."""

from __future__ import annotations

import pytest

from sitroom.stages.analyze import analyze_text

# A fictional report, written for these tests.
REPORT = """Rebels captured the town of Marwa on Friday after a day of heavy fighting, residents said.

Government troops withdrew from Dalit overnight, two officers told the agency.

Nearly 90% of Marwa is now under the control of the rebels, a local official said.

The rebels tried to take over the village of Sena but were pushed back.

The insurgents have threatened the takeover of more cities, including the capital.

Earlier this year, the rebels took control of the city of Ostra.

Government forces said they were in full control of Kefra on Thursday. But that claim was in doubt on Friday, with rebels still in the town."""


@pytest.fixture(scope="module")
def control():
    return analyze_text(REPORT, published="2024-03-08", doc_id="fict").control


def changes(control, place):
    return [(c.change, c.actor_name) for c in control if c.place_name == place]


def test_capture_with_actor_place_and_date(control):
    (marwa,) = [c for c in control if c.place_name == "Marwa" and c.change == "captured"]
    assert marwa.actor_name == "Rebels" and marwa.attributed_to == "residents"
    assert marwa.date == "2024-03-08"


def test_withdrawal(control):
    assert changes(control, "Dalit") == [("withdrew", "Government troops")]


def test_share_of_a_place(control):
    (held,) = [c for c in control if c.place_name == "Marwa" and c.change == "holds"]
    assert held.share == pytest.approx(0.9) and held.actor_name == "rebels"


def test_attempts_threats_and_unnamed_places_are_not_changes(control):
    names = {c.place_name for c in control}
    assert "Sena" not in names  # tried, pushed back
    assert not any("capital" in (n or "") for n in names)  # only threatened, and unnamed


def test_history_is_background(control):
    (ostra,) = [c for c in control if c.place_name == "Ostra"]
    assert ostra.change == "captured" and ostra.background


def test_claimed_control_and_its_doubt(control):
    kefra = [c for c in control if c.place_name == "Kefra"]
    assert {c.change for c in kefra} == {"holds", "contested"}
    holds = next(c for c in kefra if c.change == "holds")
    assert holds.status == "claimed"


def test_evidence_offsets_index_the_text(control):
    for c in control:
        ev = c.evidence[0]
        assert REPORT[ev.start:ev.end] == ev.text


@pytest.fixture(scope="module")
def seed_control(seeds_dir):
    out = []
    for stem, published in [("000", "2014-06-13"), ("004", "2014-06-23")]:
        path = next(seeds_dir.glob(f"{stem}_*.txt"))
        out += analyze_text(path.read_text(encoding="utf-8"), published=published, doc_id=stem).control
    return out


def test_seed_control(seed_control):
    kirkuk = [c for c in seed_control if c.place_name == "Kirkuk"]
    assert kirkuk and kirkuk[0].change == "holds" and "Kurdish" in kirkuk[0].actor_name and kirkuk[0].share == 1.0
    tikrit = {c.change: c for c in seed_control if c.place_name == "Tikrit"}
    assert tikrit["holds"].status == "claimed" and tikrit["holds"].date == "2014-06-12"
    assert tikrit["contested"].date == "2014-06-13"
    jalawla = next(c for c in seed_control if c.place_name and c.place_name.startswith("Jalawla"))
    assert jalawla.share == pytest.approx(0.95) and jalawla.actor_name == "Peshmerga"
    by_place = {c.place_name: c for c in seed_control if c.change in {"captured", "withdrew"}}
    assert by_place["Qaim"].date == "2014-06-21"
    assert by_place["Tal Afar airbase"].date == "2014-06-22"
    assert by_place["Haditha"].change == "withdrew"
    assert next(c for c in seed_control if c.place_name == "Rutba").actor_name == "ISIS fighters"


def test_a_province_statement_holds_the_province_not_its_city():
    # written for this test: the province and its capital share a name
    text = ("Inside the city of Kirkuk, local police are still in charge. "
            "Kurdish forces said on Monday they now control the entire province of Kirkuk.")
    analysis = analyze_text(text, published="2024-06-10", doc_id="kirkuk")
    kinds = {p.id: p.feature for p in analysis.places}
    province = [c for c in analysis.control if c.actor_name and "Kurdish" in c.actor_name]
    assert province and kinds[province[0].place] == "region", [(c.place, c.actor_name) for c in analysis.control]
