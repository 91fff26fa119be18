"""Numbers as news writes them: digits, words, vague plurals (no value read into them), money, shares, ranges."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitroom.extract.numbers import QUALIFIERS, find_quantities, parse_quantity


@pytest.mark.parametrize("text, value, value_max, qualifier, unit", [
    ("about 500", 500, None, "about", None),
    ("more than 1,000", 1000, None, "more than", None),
    # vague amounts state no number: no value, their words are the qualifier
    ("hundreds", None, None, "hundreds", None),
    ("dozens", None, None, "dozens", None),
    ("several", None, None, "several", None),
    ("thousands", None, None, "thousands", None),
    ("more than a few", None, None, "more than a few", None),
    ("several hundred", None, None, "several hundred", None),
    ("a dozen", 12, None, "about", None),
    ("$15 billion", 15e9, None, "exact", "USD"),
    ("1.6 million", 1.6e6, None, "exact", None),
    ("95%", 95, None, "exact", "percent"),
    ("at least 70 percent", 70, None, "at least", "percent"),
    ("half a million", 5e5, None, "exact", None),
    ("three", 3, None, "exact", None),
    ("twenty-five", 25, None, "exact", None),
    ("some 48", 48, None, "about", None),
    ("nearly 100", 100, None, "about", None),
    ("approaching 1,000", 1000, None, "about", None),
    ("up to 30", 30, None, "up to", None),
    ("between 20 and 30", 20, 30, "exact", None),
    ("40-50", 40, 50, "exact", None),
])
def test_parses_news_numbers(text, value, value_max, qualifier, unit):
    q = parse_quantity(text)
    assert q is not None
    assert (q.value, q.value_max, q.qualifier, q.unit) == (value, value_max, qualifier, unit)


def test_finds_every_figure_in_a_sentence_with_exact_spans():
    text = "Shelling killed two civilians and wounded 14 others near the dam, about 30 km from Marwa."
    found = find_quantities(text)
    assert [q.value for q in found] == [2, 14, 30]
    assert all(text[q.start:q.end] == q.text for q in found)
    assert found[2].qualifier == "about"


def test_years_and_compounds_are_recognisable():
    years = find_quantities("the 1991 uprising")
    assert years[0].is_year_like
    assert not find_quantities("killed 1,991 people")[0].is_year_like
    assert find_quantities("no numbers in here at all") == []
    # a word inside another word is not a number ("often" holds "ten")
    assert find_quantities("it often rains") == []
    # descending "ranges" are not ranges
    assert parse_quantity("10 to 4") is None


@given(n=st.integers(min_value=0, max_value=10**9),
       qualifier=st.sampled_from(sorted(QUALIFIERS)))
def test_digits_with_thousands_separators_and_qualifiers_round_trip(n, qualifier):
    q = parse_quantity(f"{qualifier} {n:,}")
    assert q is not None and q.value == n and q.qualifier == QUALIFIERS[qualifier]


@given(prefix=st.text(alphabet="abcdefg ,.;", max_size=20), n=st.integers(min_value=1, max_value=99_999),
       suffix=st.text(alphabet="abcdefg ,.;", max_size=20))
def test_spans_index_the_text_they_came_from(prefix, n, suffix):
    text = f"{prefix} {n} {suffix}"
    found = find_quantities(text)
    assert any(q.value == n for q in found)
    assert all(text[q.start:q.end] == q.text for q in found)


def test_a_vague_amount_keeps_its_words_and_states_no_number():
    text = "Dozens of fighters attacked; the dead may run into the hundreds and thousands fled."
    found = find_quantities(text)
    assert [(q.text, q.value, q.qualifier) for q in found] == [
        ("Dozens", None, "dozens"), ("hundreds", None, "hundreds"), ("thousands", None, "thousands")]
    assert all(q.vague and not q.is_year_like for q in found)
