"""Actors in their roles: generic fighters linked to a named group only where the text links them,
victims as actor2, and the one rule that a place modifying a noun tells whose, not where.

Every sentence here is written for these tests (a fictional conflict)."""

from __future__ import annotations

import csv
import io

import pytest

from sitroom.contract import Entity, Event, Evidence, Place
from sitroom.extract.actor_groups import document_links, group_of
from sitroom.extract.event_roles import event_actors
from sitroom.extract.place_roles import tells_whose


@pytest.fixture(scope="module")
def nlp():
    from sitroom.stages.analyze import load_nlp

    return load_nlp()


# --------------------------------------------------------------------------- groups


@pytest.mark.parametrize("text, word, group", [
    # "of / from X"
    ("The militants from the Northern Front want a state of their own. Militants seized the town of Kefra.",
     "Militants", "Northern Front"),
    # a later clause of membership links the earlier mention too
    ("Gunmen stormed a market in Kefra. The gunmen, who belong to the Black Banner Brigade, fled into the hills.",
     "gunmen", "Black Banner Brigade"),
    ("The attackers were members of the Black Banner Brigade, police said. The attackers fled.",
     "attackers", "Black Banner Brigade"),
    # a name modifying the word, the same bare word elsewhere in the report
    ("Northern Front militants shelled Dalit. Radical Islamist militants then took the bridge.",
     "Radical Islamist militants", "Northern Front"),
])
def test_a_generic_word_stands_for_the_group_the_text_links_it_to(nlp, text, word, group):
    assert group_of(nlp(text), word) == group


@pytest.mark.parametrize("text, word", [
    # the report names one armed group, but never says the gunmen are its members
    ("The Northern Front has grown in the valley. Gunmen killed five people in Kefra.", "Gunmen"),
    # linked to two groups: stands for neither
    ("Northern Front fighters held the pass. Black Banner Brigade fighters held the bridge. The fighters withdrew.",
     "fighters"),
    # a hedged identity is no link
    ("Tribal insurgents, possibly Northern Front fighters, clashed with troops. The insurgents withdrew.",
     "insurgents"),
    # a nationality or creed names no group
    ("Sunni militants attacked a checkpoint. The militants fled.", "militants"),
])
def test_no_link_where_the_text_does_not_make_one(nlp, text, word):
    assert group_of(nlp(text), word) is None


def test_a_described_phrase_is_linked_only_by_its_own_link(nlp):
    doc = nlp("Hill fighters, known as the Wardens, are battling the Northern Front. "
              "Northern Front fighters held the pass. The fighters withdrew.")
    _phrases, words = document_links(doc)
    assert group_of(doc, "Hill fighters") == "Wardens"
    assert group_of(doc, "fighters") is None  # "fighters" is tied to two groups in this report
    assert "fighter" not in words


def test_events_and_control_carry_the_link():
    from sitroom.stages.analyze import analyze_text

    text = ("The militants from the Northern Front want to carve out a state.\n\n"
            "Militants captured the town of Marwa on Friday after a day of heavy fighting, residents said.")
    an = analyze_text(text, published="2024-05-10", doc_id="grp")
    captures = [e for e in an.events if e.place_name == "Marwa"]
    assert captures and captures[0].actor_groups == {"Militants": "Northern Front"}
    assert any(c.actor_group == "Northern Front" for c in an.control if c.place_name == "Marwa")


def _ev(**kw) -> Event:
    base = {"type": "Battles", "subtype": "Non-state actor overtakes territory", "date": "2024-05-10",
            "place": "p-marwa", "place_name": "Marwa", "documents": ["d1"],
            "evidence": [Evidence(doc="d1", sentence=0, start=0, end=10, text="x" * 10)]}
    return Event(**{**base, **kw})


def test_the_linked_group_is_an_actor_of_the_merged_event_so_the_filter_finds_it():
    from sitroom.link.compatible import PlaceIndex
    from sitroom.link.entities import entity_lookup
    from sitroom.link.facts import merge_events
    from sitroom.settings import Settings

    entities = [Entity(id="e-nf", name="Northern Front", type="ORG", aliases=["NF"])]
    places = [Place(id="p-marwa", name="Marwa", lat=10.0, lon=20.0)]
    ev = _ev(id="ev-1", actor_names=["militants"], actor1=["militants"], actor_groups={"militants": "NF"})
    (merged,) = merge_events([ev], {"d1": "d1"}, PlaceIndex(places), entity_lookup(entities), Settings(),
                             {"e-nf": "Northern Front"})
    # the group by its entity's name, and the entity among the event's actors (what the filters match)
    assert merged.actors == ["e-nf"] and merged.actor_groups == {"militants": "Northern Front"}
    bare = _ev(id="ev-2", actor_names=["militants"], actor1=["militants"])
    (alone,) = merge_events([bare], {"d1": "d1"}, PlaceIndex(places), entity_lookup(entities), Settings())
    assert alone.actors == []  # no link in the text, no group


# --------------------------------------------------------------------------- victims


def test_people_killed_are_the_target_and_a_reporting_verb_is_not_the_actor(nlp):
    doc = nlp("Gunmen shot 6 farmers in the hamlet of Sena on Monday, police said.")
    said = next(t for t in doc if t.text == "said")
    assert event_actors(doc[:], said) == (["Gunmen"], ["farmers"], {})


def test_one_kind_of_victim_in_singular_and_plural_is_named_once(nlp):
    doc = nlp("A car bomb tore through the market in Dalit, killing one person and wounding 14 people.")
    anchor = next(t for t in doc if t.text == "tore")
    _doers, targets, _ = event_actors(doc[:], anchor)
    assert "people" in targets and "person" not in targets


def test_victims_the_toll_counts_lead_actor2(nlp):
    doc = nlp("The commission documented the killings of prison guards after the raid on Sena, and of 23 farmers "
              "in the orchards, its report said.")
    anchor = next(t for t in doc if t.text == "killings")
    _doers, targets, _ = event_actors(doc[:], anchor)
    assert targets[0] == "farmers" and "prison guards" in targets


def test_soldiers_stay_actor2_when_they_are_the_target(nlp):
    doc = nlp("Rebel fighters ambushed an army patrol near Dalit, killing 9 soldiers.")
    anchor = next(t for t in doc if t.text == "ambushed")
    doers, targets, _ = event_actors(doc[:], anchor)
    assert doers == ["Rebel fighters"] and targets and "civilian" not in " ".join(targets)


def test_csv_puts_victims_in_actor2_with_civilian_targeting():
    from sitroom.contract import Situation
    from sitroom.export import csv_export

    ev = _ev(id="ev-vac", type="Explosions/Remote violence", subtype="Shelling/artillery/missile attack",
             actor1=["militants"], actor2=["civilians"], actor_names=["militants", "civilians"], fatalities=6,
             actor_groups={"militants": "Northern Front"}, actor_certainty={})
    rows = list(csv.DictReader(io.StringIO(csv_export.render(Situation(events=[ev])))))
    assert rows[0]["actor1"] == "Northern Front (militants)"
    assert rows[0]["actor2"] == "civilians" and rows[0]["civilian_targeting"] == "Civilian targeting"
    assert rows[0]["fatalities"] == "6"


# --------------------------------------------------------------------------- a place that tells whose


@pytest.mark.parametrize("text, place, whose", [
    ("About 300 Veldan military advisers arrived in Kefra.", "Veldan", True),
    ("Veldan officials said the convoy reached Kefra.", "Veldan", True),
    ("The convoy reached Kefra on Monday.", "Kefra", False),
])
def test_a_place_modifying_a_noun_tells_whose(nlp, text, place, whose):
    from sitroom.extract.attribution import PlaceName

    doc = nlp(text)
    start = text.index(place)
    assert tells_whose(doc, PlaceName(place, start, start + len(place), 0, False)) is whose


def test_claims_and_events_ask_the_same_question():
    """One rule, one home: neither extractor keeps its own copy."""
    from pathlib import Path

    import sitroom.extract.event_roles as roles
    from sitroom.extract import claims

    assert claims.tells_whose is roles.tells_whose is tells_whose
    for module in (claims, roles):
        source = Path(module.__file__).read_text(encoding="utf-8")
        assert "left_edge.idx <= place.start" not in source and "def _describes_someone" not in source


def test_the_report_shows_the_group_and_its_filter_keeps_the_militants(tmp_path):
    import json
    import re
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent))
    from sitroom.contract import ControlChange
    from sitroom.export import html, markdown
    from situation_factory import make_situation

    sit = make_situation()
    sit.entities.append(Entity(id="e-nf", name="Northern Front", type="ORG"))
    battle = sit.events[0]
    battle.actor1, battle.actor2 = ["militants"], ["soldiers"]
    battle.actors, battle.actor_groups = ["e-nf"], {"militants": "Northern Front"}
    sit.control.append(ControlChange(id="c-nf", place="p-mosul", actor="e-nf", actor_name="militants",
                                     actor_group="Northern Front", change="captured", date="2014-06-16",
                                     evidence=battle.evidence[:1]))
    page = html.render(sit)
    row = re.search(r'<tr data-fact="ev-battle"[^>]*>.*?</tr>', page, re.DOTALL).group(0)
    assert "Northern Front (militants) → soldiers" in row
    assert "Northern Front" in json.loads(re.search(r'data-actors="([^"]*)"', row).group(1).replace("&quot;", '"'))
    assert '<option value="Northern Front">' in page  # one armed actor to filter on, whatever the text calls it
    md = markdown.render(sit)
    assert "Northern Front (militants) captured" in md


def test_a_report_that_doubts_who_its_militants_are_links_none_of_them(nlp):
    doc = nlp("Northern Front militants shelled Dalit on Monday. The airport was taken by militants believed to be "
              "Northern Front fighters. Militants also took the bridge.")
    assert group_of(doc, "Militants") is None


def test_people_a_blast_killed_are_its_victims(nlp):
    doc = nlp("A parked truck blew up outside the grain depot in Dalit, killing three civilians and hurting a "
              "driver, officials said.")
    anchor = next(t for t in doc if t.text == "blew")
    assert event_actors(doc[:], anchor)[1][:1] == ["civilians"]


def test_one_actor_lexicon_gives_both_the_sides_and_the_kinds():
    """The sides that merging reads and the state/non-state kinds that event typing reads come from one list."""
    from sitroom.knowledge.sides import ACTOR_LEXICON, NON_STATE_ACTORS, SIDES, STATE_ACTORS, sides

    words = {w for w, _, _ in ACTOR_LEXICON}
    assert all(w in words for side in SIDES.values() for w in side)
    assert set(STATE_ACTORS) | set(NON_STATE_ACTORS) <= words and not set(STATE_ACTORS) & set(NON_STATE_ACTORS)
    assert sides(["Peshmerga units"]) == {"kurdish"} and "peshmerga" in STATE_ACTORS
    assert sides(["a gendarmerie patrol"]) == {"government"}  # a state word puts a name on the government's side
    assert sides(["rebel fighters"]) == set()  # a kind without a party


# --------------------------------------------------------------------------- state forces, one lexicon


@pytest.mark.parametrize("actor, state", [
    ("the army", True), ("Kurdish forces", True), ("the government", True), ("gendarmes", True),
    ("paramilitary police", True), ("the Arakan Army", False), ("Marchland self-defense forces", False),
    ("rebels", False), (None, False),
])
def test_a_government_actor_is_read_from_the_one_actor_lexicon(actor, state):
    from sitroom.extract.events import _is_government

    assert _is_government(actor) is state
