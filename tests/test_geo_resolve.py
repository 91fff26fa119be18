"""One name, one place across a situation: a stray foreign reading follows the majority at home."""

from __future__ import annotations

from sitroom.contract import Analysis, Claim, Evidence, Place
from sitroom.link.places import merge_places


def _place(pid, name, country, lat, lon, doc, mentions=1):
    ev = Evidence(doc=doc, sentence=0, start=0, end=len(name), text=name)
    return Place(id=pid, name=name, country=country, lat=lat, lon=lon, mentions=mentions, evidence=[ev])


def test_stray_foreign_reading_joins_the_home_reading():
    home = _place("p-mz", "Palma", "MZ", -10.78, 40.47, "a", mentions=3)
    pemba = _place("p-pemba", "Pemba", "MZ", -12.97, 40.52, "a", mentions=2)
    stray = _place("p-es", "Palma", "ES", 39.57, 2.65, "b")
    claim = Claim(id="c1", kind="killed", value=3, place="p-es")
    analyses = [Analysis(doc="a", places=[home, pemba]), Analysis(doc="b", places=[stray], claims=[claim])]
    places = {p.id: p for p in merge_places(analyses)}
    assert set(places) == {"p-mz", "p-pemba"}
    assert places["p-mz"].mentions == 4 and {e.doc for e in places["p-mz"].evidence} == {"a", "b"}
    assert claim.place == "p-mz"


def test_a_foreign_place_named_alone_stays_abroad():
    home = _place("p-bag", "Baghdad", "IQ", 33.3, 44.4, "a", mentions=5)
    abroad = _place("p-was", "Washington", "US", 38.9, -77.0, "a")
    places = {p.id for p in merge_places([Analysis(doc="a", places=[home, abroad])])}
    assert places == {"p-bag", "p-was"}


def test_majority_abroad_is_not_overruled():
    home = _place("p-geo-us", "Georgia", "US", 32.7, -83.4, "a", mentions=1)
    other = _place("p-geo", "Georgia", "GE", 42.0, 43.5, "b", mentions=3)
    filler = _place("p-atl", "Atlanta", "US", 33.7, -84.4, "a", mentions=5)
    ids = {p.id for p in merge_places([Analysis(doc="a", places=[home, filler]), Analysis(doc="b", places=[other])])}
    assert ids == {"p-geo-us", "p-geo", "p-atl"}  # the home reading has fewer mentions: both kept
