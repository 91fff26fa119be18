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
    # the denial's evidence keeps the sentence that states the figure and adds the denial
    assert [e.sentence for e in denied.evidence] == [troops.evidence[0].sentence, troops.evidence[0].sentence + 1]
    assert "400" in denied.evidence[0].text and "rejected" in denied.evidence[1].text


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


# Figures as the text states them: vague amounts keep their words, "approaching N" is kept,
# a victims' figure in an elided "and of N civilians" is a toll, a nationality is not a place.
STATED = """Dozens of rebel fighters clashed with army troops near the village of Kefra, police officials said.

The envoy said the number of injured is said to be approaching 600.

Her office has received accounts of the summary killings of captured policemen during the fall of Dalit, and of 23 civilians at a checkpoint in the town on May 3, the envoy said.

The total number of U.K. military trainers who will eventually arrive will be about 150, an official said.

The donors have pledged $2.5 billion, and the prime minister said thousands of volunteers had signed up."""


@pytest.fixture(scope="module")
def stated():
    return analyze_text(STATED, published="2024-05-06", doc_id="stated",
                        only={"entities", "times", "places", "claims"}).claims


def test_vague_amounts_state_no_number(stated):
    vague = {c.qualifier: c for c in stated if c.value is None}
    assert set(vague) == {"dozens", "thousands"}
    assert vague["dozens"].subject == "rebel fighters" and vague["dozens"].stated == "Dozens"
    # every figure's stated words and value are in the sentence of its evidence
    for c in stated:
        assert c.stated and c.stated in c.evidence[0].text
        if c.value is not None and c.unit is None:
            assert f"{c.value:,.0f}" in c.evidence[0].text


def test_approaching_figure_is_kept_with_its_words(stated):
    (wounded,) = by_kind(stated, "wounded")
    assert (wounded.value, wounded.stated) == (600, "approaching 600")


def test_elided_of_phrase_counts_the_killed(stated):
    (killed,) = by_kind(stated, "killed")
    assert (killed.value, killed.subject, killed.place_name) == (23, "civilians", "Dalit")


def test_nationality_of_the_counted_is_not_their_place(stated):
    (trainers,) = by_kind(stated, "advisers")
    assert trainers.value == 150 and trainers.place_name is None


def test_money_label_carries_its_currency(stated):
    from sitroom.link.figures import claim_text

    (money,) = by_kind(stated, "money")
    assert (money.value, money.unit, money.stated) == (2.5e9, "USD", "$2.5 billion")
    assert claim_text(money) == "US$2.5 billion"
    assert claim_text(next(c for c in stated if c.qualifier == "dozens")) == "dozens rebel fighters"


def test_an_organization_telling_its_own_aid_work_is_its_source():
    text = ("Staff of the World Food Programme have distributed blankets to more than 3,000 people displaced in "
            "Dalit.\n\nThe Northern Front killed 20 soldiers in Ostra.")
    claims = analyze_text(text, published="2024-05-06", doc_id="aid", only={"entities", "places", "claims"}).claims
    (aid,) = by_kind(claims, "displaced")
    assert aid.attributed_to == "the World Food Programme" and not aid.anonymous_source
    (killed,) = by_kind(claims, "killed")  # an armed party's own act is not its report
    assert killed.attributed_to is None
