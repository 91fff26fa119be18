"""One test per error class of issue 17, on sentences written for these tests (report of Friday 13 June 2014)."""

from __future__ import annotations

import pytest

from sitroom.extract.timex import normalize

ANCHOR = "2014-06-13"  # a Friday


def values(text: str, anchor=ANCHOR, tense=None) -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in normalize(text, anchor, tense)]


# signal words stand apart from the duration they follow
@pytest.mark.parametrize("text, expected", [
    ("The truce collapsed two years after it was signed.", [("two years", "P2Y")]),
    ("Three days later the bridge reopened.", [("Three days", "P3D")]),
    ("The dam should be finished eight years from now.", [("eight years", "P8Y"), ("now", "PRESENT_REF")]),
])
def test_signal_words_are_not_swallowed(text, expected):
    assert values(text) == expected


def test_a_year_ago_in_an_earnings_report_is_the_year_earlier_quarter():
    text = "Profit rose in the third quarter of 2013. A year ago the firm lost money; the year-ago period was weak."
    assert values(text, "2013-10-30") == [("the third quarter of 2013", "2013-Q3"), ("A year ago", "2012-Q3"),
                                          ("the year-ago period", "2012-Q3")]


def test_a_year_ago_without_a_quarter_is_a_year():
    assert values("A year ago the city was calm.") == [("A year ago", "2013")]


# tense of the governing verb orients bare months and weekdays
def test_tense_orients_a_bare_month():
    text = "Militants entered the town in August."
    assert values(text, "2014-03-20", tense=lambda s, e: "past") == [("August", "2013-08")]
    assert values(text, "2014-03-20", tense=lambda s, e: "future") == [("August", "2014-08")]


def test_tense_orients_a_weekday_against_future_words_in_a_quote():
    text = '"It will take days," the minister said Thursday.'
    assert values(text, tense=lambda s, e: "past")[-1] == ("Thursday", "2014-06-12")
    assert values(text)[-1] == ("Thursday", "2014-06-19")  # without the parse, the quote's "will" wins


def test_spacy_tense_of_the_governing_verb(nlp):
    from sitroom.extract.times import tense_of

    text = "The envoy arrived on Monday. The talks will resume on Tuesday. The pact, payable through January, holds."
    tense = tense_of(nlp(text))
    mon, tue, jan = (text.index(w) for w in ("Monday", "Tuesday", "January"))
    assert tense(mon, mon + 6) == "past"
    assert tense(tue, tue + 7) == "future"
    assert tense(jan, jan + 7) is None  # a preposition of extent: the verb's tense says nothing


def test_weekday_reference_to_the_previous_one():
    text = "The deal closed on June 10. The previous Friday, talks had stalled."
    assert values(text)[1] == ("The previous Friday", "2014-06-06")


# missing patterns
@pytest.mark.parametrize("text, expected", [
    ("Sales fell in Q3 2013.", [("Q3 2013", "2013-Q3")]),
    ("Output doubled in the 2012 second quarter.", [("the 2012 second quarter", "2012-Q2")]),
    ("The fourth quarter was slow.", [("The fourth quarter", "2013-Q4")]),
    ("The budget for fiscal 2015 was cut.", [("fiscal 2015", "2015")]),
    ("The fort dates from the 12th century.", [("the 12th century", "11")]),
    ("The drought of 2009-2010 ruined farms.", [("2009", "2009"), ("2010", "2010")]),
    ("The strike of 1957-58 closed the mines.", [("1957", "1957"), ("58", "1958")]),
    ("The election was held in April last year.", [("April last year", "2013-04")]),
    ("Troops will leave by the end of the year.", [("the end of the year", "2014")]),
    ("Nobody objected at the time.", [("the time", "PAST_REF")]),
    ("The valley has been contested for years.", [("years", "PXY")]),
    ("The blast came at 10:42:07 a.m.", [("10:42:07 a.m.", "2014-06-13T10:42:07")]),
])
def test_missing_patterns(text, expected):
    assert values(text) == expected


# conventions
@pytest.mark.parametrize("text, expected", [
    ("The border stayed shut for two decades.", [("two decades", "P20Y")]),
    ("Guards patrol the wall every morning.", [("every morning", "XXXX-XX-XXTMO")]),
    ("The market opens on Tuesday nights.", [("Tuesday nights", "XXXX-WXX-2TNI")]),
    ("Prices rose over the past week.", [("the past week", "P1W")]),
    ("Prices rose last week.", [("last week", "2014-W23")]),
])
def test_conventions(text, expected):
    assert values(text) == expected


def test_last_month_name_is_the_latest_one_before_the_report():
    assert values("The rebels took the pass last May.", "2014-03-20") == [("last May", "2013-05")]


def test_now_as_a_turn_of_speech_is_not_a_time():
    assert values("Now, the council has a choice.") == []
    assert values("The plan is on hold for now.") == []
    assert values("The town is now under curfew.") == [("now", "PRESENT_REF")]


def test_since_a_year_does_not_date_a_fact(nlp):
    from sitroom.contract import Article
    from sitroom.extract import Context
    from sitroom.extract.times import governing_date
    from sitroom.settings import Settings
    from sitroom.stages.analyze import analyze_text

    text = "Violence has reached levels not recorded since 2009, the agency warned."
    analysis = analyze_text(text, published=ANCHOR, only={"times"})
    ctx = Context(article=Article(id="s", origin="s", paragraphs=[text], published=ANCHOR),
                  doc=nlp(text), analysis=analysis, settings=Settings())
    assert governing_date(ctx, 0, 8) == (ANCHOR, "day", "report")


def test_explain_names_the_rule_and_the_anchor_of_each_expression():
    from sitroom.extract.timex import explain

    text = "The town fell on Tuesday. A day earlier, on June 3, 2014, rebels cut the road, as they had for weeks."
    rows = {t.text: (rule, basis) for t, rule, basis in explain(text, ANCHOR)}
    assert rows["Tuesday"] == ("weekday", "report 2014-06-13")
    assert rows["A day earlier"][1] == "previous date 2014-06-10"
    assert rows["June 3, 2014"] == ("mdy", "absolute")
    assert rows["weeks"][0] == "bare_plural"
