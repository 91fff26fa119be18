"""Facts dated by the expression that governs them (issue 17): a statement by its verb of saying,
a continued statement by the sentence before, never by a date inside what was said.

The report is of Friday 13 June 2014; the sentences are written for these tests.
"""

from __future__ import annotations

import pytest

from sitroom.stages.analyze import analyze_text

REPORT = "2014-06-13"  # a Friday


def quotes_of(text: str):
    analysis = analyze_text(text, published=REPORT, only={"entities", "times", "quotes"})
    return {q.text.split()[0].strip("\"“,"): (q.date, q.date_basis) for q in analysis.quotes}


@pytest.fixture(scope="module")
def dated(nlp):
    text = (
        "\"We will reopen the crossing as soon as the rain stops,\" Governor Ahmad Saleh said Thursday.\n\n"
        "The governor's deputy, Omar Haddad, met aid groups on Monday. Violence has reached levels not seen "
        "since 2009, Haddad said.\n\n"
        "Bridges were repaired on June 2, and Haddad told reporters on Wednesday that the roads were clear. "
        "\"Nobody will be left behind,\" Haddad said. \"Trucks are ready.\""
    )
    return quotes_of(text)


def test_a_weekday_on_the_verb_of_saying_is_read_backward_in_past_tense(dated):
    # the quote speaks of the future, but "said Thursday" in a Friday report is the day before
    assert dated["We"] == ("2014-06-12", "sentence")


def test_a_year_inside_what_was_said_does_not_date_the_statement(dated):
    date, basis = next(v for k, v in dated.items() if k == "Violence")
    assert date != "2009" and not date.startswith("2009")
    assert date == "2014-06-09" and basis == "previous sentence"  # Haddad's own earlier sentence


def test_a_continued_statement_takes_its_speakers_date(dated):
    # the sentence before also holds June 2, but Wednesday is the one on the verb of saying
    assert dated["Nobody"] == ("2014-06-11", "previous sentence")


def test_a_statement_with_nothing_to_date_it_falls_back_to_the_report_and_says_so(nlp):
    found = quotes_of("\"The checkpoints are open again,\" a police spokesman, Karim Nasser, said.")
    assert list(found.values()) == [(REPORT, "report")]


def _copy(doc: str, date: str, basis: str):
    from sitroom.contract import Evidence, Quote

    words = "The crossing stays closed until the floods recede"
    return Quote(id=f"q-{doc}", text=words, speaker_name="Omar Haddad", date=date, date_basis=basis,
                 evidence=[Evidence(doc=doc, sentence=3, start=0, end=len(words), text=words)])


@pytest.mark.parametrize("order", [0, 1])
def test_one_statement_in_two_copies_takes_the_well_founded_date(order):
    from sitroom.link.entities import merge_quotes

    copies = [_copy("a", "2014-06-14", "report"), _copy("b", "2014-06-12", "previous sentence")]
    merged = merge_quotes(copies if order == 0 else copies[::-1])
    assert len(merged) == 1
    assert (merged[0].date, merged[0].date_basis) == ("2014-06-12", "previous sentence")
