"""Time expressions against a report's date, and the date that governs a fact."""

from __future__ import annotations

import pytest

from sitroom.extract.timex import normalize

ANCHOR = "2014-06-13"  # a Friday


def one(text: str, anchor=ANCHOR):
    found = normalize(text, anchor)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    t = found[0]
    assert text[t.start:t.end] == t.text
    return t


@pytest.mark.parametrize(
    "sentence, expr, typ, value, precision",
    [
        ("The convoy reached the border on Friday.", "Friday", "DATE", "2014-06-13", "day"),
        ("Rebels shelled the town Tuesday.", "Tuesday", "DATE", "2014-06-10", "day"),
        ("The bridge was blown up on Saturday.", "Saturday", "DATE", "2014-06-07", "day"),
        ("Sirens sounded Friday evening across the capital.", "Friday evening", "TIME", "2014-06-13TEV", "day"),
        ("Overnight, gunmen attacked two checkpoints.", "Overnight", "TIME", "2014-06-12TNI", "day"),
        ("The governor resigned yesterday.", "yesterday", "DATE", "2014-06-12", "day"),
        ("Markets stayed closed today.", "today", "DATE", "2014-06-13", "day"),
        ("Fighters took the airport this week.", "this week", "DATE", "2014-W24", "week"),
        ("Talks collapsed last week.", "last week", "DATE", "2014-W23", "week"),
        ("Earlier this year the dam was seized.", "Earlier this year", "DATE", "2014", "year"),
        ("In January the town changed hands.", "January", "DATE", "2014-01", "month"),
        ("The siege began in 2012.", "2012", "DATE", "2012", "year"),
        ("The assault lasted two hours.", "two hours", "DURATION", "PT2H", None),
        ("It ended a nine-year occupation.", "nine-year", "DURATION", "P9Y", None),
        ("They posted a 17-minute video.", "17-minute", "DURATION", "PT17M", None),
        ("The first blast came at 0530 GMT.", "0530 GMT", "TIME", "2014-06-13T05:30", "day"),
        ("Envoys met on June 10 in Geneva.", "June 10", "DATE", "2014-06-10", "day"),
        ("The ruling was issued June 13, 2014, in the capital.", "June 13, 2014", "DATE", "2014-06-13", "day"),
        ("The ministers will meet Monday.", "Monday", "DATE", "2014-06-16", "day"),
        ("Prices have risen in recent days.", "recent days", "DURATION", "PXD", None),
        ("The army is currently in retreat.", "currently", "DATE", "PRESENT_REF", None),
    ],
)
def test_relative_expressions_against_a_friday(sentence, expr, typ, value, precision):
    t = one(sentence)
    assert expr in t.text
    assert (t.type, t.value, t.precision) == (typ, value, precision)


def test_a_day_earlier_counts_from_the_last_date_mentioned():
    found = normalize("The city fell on Tuesday. A day earlier, the garrison had fled.", ANCHOR)
    assert [t.value for t in found] == ["2014-06-10", "2014-06-09"]


def test_weekday_with_month_day_picks_the_year_that_matches():
    t = one("Monday, November 17 was the deadline.", ANCHOR)
    assert t.value == "2014-11-17"  # 17 November 2014 was a Monday; 2013's was a Sunday


def test_clock_time_takes_the_following_day():
    found = normalize("At 0530 GMT on June 10 the column entered the city.", ANCHOR)
    assert found[0].value == "2014-06-10T05:30"


def test_idiom_overnight_is_not_a_time():
    assert normalize("This is not going to happen overnight, he said.", ANCHOR) == []


def test_no_anchor_leaves_relative_expressions_unresolved():
    t = one("The convoy reached the border on Friday.", None)
    assert t.value == "XXXX-WXX-5" and t.precision is None
    t = one("Envoys met on June 13, 2014 in Geneva.", None)
    assert t.value == "2014-06-13" and t.precision == "day"


def test_lowercase_march_is_a_verb_not_a_month():
    assert normalize("The militants vowed to march on the capital.", ANCHOR) == []


# --------------------------------------------------------------------------- seeds


def _seed(seeds_dir, prefix: str) -> str:
    return next(seeds_dir.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def _values(text: str, anchor: str, word: str) -> set[str]:
    return {t.value[:10] for t in normalize(text, anchor) if t.text.split()[-1].startswith(word) or t.text == word}


def test_seed_weekdays(seeds_dir):
    assert _values(_seed(seeds_dir, "000"), "2014-06-13", "Friday") == {"2014-06-13"}
    assert "2014-06-10" in _values(_seed(seeds_dir, "000"), "2014-06-13", "Tuesday")
    assert _values(_seed(seeds_dir, "004"), "2014-06-23", "Sunday") == {"2014-06-22"}
    assert _values(_seed(seeds_dir, "003"), "2014-06-14", "Friday") == {"2014-06-13"}


@pytest.fixture(scope="module")
def seed_000(seeds_dir, nlp):
    from sitroom.stages.analyze import analyze_text

    text = _seed(seeds_dir, "000")
    from sitroom.contract import Article

    article = Article(id="000", origin="000", paragraphs=[text], published="2014-06-13")
    return article, analyze_text(text, published="2014-06-13", only={"entities", "times"}, doc_id="000")


def test_facts_take_the_date_of_their_sentence(seed_000, nlp):
    from sitroom.extract import Context
    from sitroom.extract.times import governing_date
    from sitroom.settings import Settings

    article, analysis = seed_000
    text = analysis_text = article.text
    ctx = Context(article=article, doc=None, analysis=analysis, settings=Settings())
    # "Three explosions hit Shiite areas in the capital city Friday evening ..."
    at = text.index("Three explosions")
    assert governing_date(ctx, at, at + 16) == ("2014-06-13", "day", "sentence")
    # "Mosul ... fell ... Tuesday" is dated to 10 June wherever the seed says so
    tue = [t for t in analysis.times if t.text == "Tuesday"]
    assert tue and governing_date(ctx, tue[0].start, tue[0].end)[0] == "2014-06-10"
    # a sentence with no time expression in a paragraph with none falls back to the report's date
    for t in analysis.times:
        assert analysis_text[t.start:t.end] == t.text
        assert t.sentence is not None


def test_governing_date_falls_back_to_the_report(nlp):
    from sitroom.contract import Article
    from sitroom.extract import Context
    from sitroom.extract.times import governing_date
    from sitroom.settings import Settings
    from sitroom.stages.analyze import analyze_text

    text = "Gunmen stormed a police post near the river.\n\nOn Tuesday a car bomb exploded at a market."
    analysis = analyze_text(text, published="2014-06-13", only={"times"})
    ctx = Context(article=Article(id="t", origin="t", paragraphs=text.split("\n\n"), published="2014-06-13"),
                  doc=None, analysis=analysis, settings=Settings())
    assert governing_date(ctx, 0, 6) == ("2014-06-13", "day", "report")
    bomb = text.index("car bomb")
    assert governing_date(ctx, bomb, bomb + 8) == ("2014-06-10", "day", "sentence")
