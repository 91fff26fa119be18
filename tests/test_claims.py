"""Numeric claims: what a figure counts, its qualifier, place, date and who says so."""

from __future__ import annotations

import pytest

from sitroom.stages.analyze import analyze_text

# A fictional report, written for these tests.
REPORT = """Gunmen stormed a market in the town of Kefra on Tuesday, killing 12 civilians and wounding 30 others, local police told reporters.

About 2,000 families have fled the fighting, the aid group Relief Now said on Wednesday.

The Northern Front has deployed more than 400 fighters to the valley, a security official said on condition of anonymity. However, that claim was rejected by the Northern Front's spokesman.

The government has already spent $2.5 billion on reconstruction. A 17-minute recording surfaced, and the convoy stopped about 60 kilometers north of Dalit.

In 1998, rebels held the town for three weeks.

At least 80% of the district is under the control of the rebels, a regional governor said."""


@pytest.fixture(scope="module")
def claims():
    return analyze_text(REPORT, published="2024-03-08", doc_id="fict", only={"entities", "times", "places",
                                                                             "claims"}).claims


def by_kind(claims, kind, status="reported"):
    return [c for c in claims if c.kind == kind and c.status == status]


def test_casualties_with_attribution_place_and_date(claims):
    killed, wounded = by_kind(claims, "killed"), by_kind(claims, "wounded")
    assert [c.value for c in killed] == [12] and [c.value for c in wounded] == [30]
    assert killed[0].subject == "civilians"
    assert killed[0].attributed_to == "local police" and not killed[0].anonymous_source
    assert killed[0].place_name == "Kefra"
    # "on Tuesday" in a report of Friday 8 March 2024 (when the time extractor resolves weekdays)
    assert killed[0].date in {"2024-03-05", "2024-03-08"}


def test_displacement_keeps_its_qualifier(claims):
    (moved,) = by_kind(claims, "displaced")
    assert (moved.value, moved.qualifier, moved.subject) == (2000, "about", "families")
    assert moved.attributed_to.startswith("aid group Relief")


def test_anonymous_source_and_its_denial(claims):
    (troops,) = by_kind(claims, "troops")
    assert (troops.value, troops.qualifier) == (400, "more than")
    assert troops.anonymous_source and troops.attributed_to == "a security official"
    (denied,) = by_kind(claims, "troops", "denied")
    assert denied.value == 400 and "spokesman" in denied.attributed_to
    assert denied.evidence[0].sentence == troops.evidence[0].sentence + 1


def test_money_and_share(claims):
    (money,) = by_kind(claims, "money")
    assert money.value == 2.5e9 and money.unit == "USD"
    (share,) = by_kind(claims, "share")
    assert share.value == pytest.approx(0.8) and share.qualifier == "at least"


def test_durations_distances_and_years_are_not_claims(claims):
    values = {c.value for c in claims}
    assert not values & {17, 60, 1998, 3}
    assert len(claims) == 7  # killed, wounded, displaced, troops and its denial, money, share


def test_evidence_offsets_index_the_text(claims):
    for c in claims:
        ev = c.evidence[0]
        assert REPORT[ev.start:ev.end] == ev.text


def test_history_is_background():
    text = "The 2003 invasion left 4,000 soldiers dead. Yesterday a bomb killed 3 people in Pelo, police said."
    claims = analyze_text(text, published="2014-06-13", only={"entities", "times", "places", "claims"}).claims
    assert {(c.value, c.background) for c in claims if c.kind == "killed"} == {(4000, True), (3, False)}


@pytest.fixture(scope="module")
def seed_claims(seeds_dir):
    out = {}
    for stem, published in [("000", "2014-06-13"), ("004", "2014-06-23")]:
        path = next(seeds_dir.glob(f"{stem}_*.txt"))
        out[stem] = analyze_text(path.read_text(encoding="utf-8"), published=published, doc_id=stem,
                                 only={"entities", "times", "places", "claims"}).claims
    return out


def find(claims, kind, value, status="reported"):
    return [c for c in claims if c.kind == kind and c.value == value and c.status == status]


def test_seed_figures_with_their_sources(seed_claims):
    doc = seed_claims["000"]
    # The sub-heading and the body sentence both state it (one claim each; resolve merges them).
    tikrit = [c for c in find(doc, "killed", 70) if c.attributed_to == "state TV"]
    assert tikrit and all(c.place_name == "Tikrit" for c in tikrit)
    assert not [c for c in find(doc, "killed", 70) if c.attributed_to != "state TV"]
    assert find(doc, "detained", 48) and find(doc, "money", 15e9)
    moved = find(doc, "displaced", 500_000)
    assert any(c.attributed_to == "International Organization for Migration" for c in moved)
    (tarmiya,) = find(doc, "killed", 2)
    assert tarmiya.place_name == "al-Tarmiya" and tarmiya.attributed_to.startswith("police officials")
    iran = find(doc, "troops", 500)
    assert iran[0].anonymous_source and "senior security official" in iran[0].attributed_to
    (denial,) = find(doc, "troops", 500, "denied")
    assert "Foreign Ministry" in denial.attributed_to


def test_seed_figures_later_in_the_month(seed_claims):
    doc = seed_claims["004"]
    (hillah,) = find(doc, "killed", 4)
    assert hillah.qualifier == "at least" and hillah.place_name == "Hillah"
    assert find(doc, "wounded", 34)
    (advisers,) = find(doc, "advisers", 300)
    assert advisers.qualifier == "about"
    (share,) = find(doc, "share", 0.7)
    assert share.anonymous_source
