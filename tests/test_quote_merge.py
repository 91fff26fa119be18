"""One statement once: the same words of one speaker carried by several copies are one quote with
every copy's evidence and an independent-source count (copies of one report count once)."""

from __future__ import annotations

from sitroom.contract import Document, Evidence, Quote
from sitroom.link.entities import merge_quotes


def _quote(doc: str, text: str, speaker: str, qid: str, **kind) -> Quote:
    """A quote of `text` by `speaker` in `doc`; `kind`: partial=True (a mixed quote) or direct=False."""
    ev = Evidence(doc=doc, sentence=0, start=0, end=len(text), text=text)
    return Quote(id=qid, text=text, speaker_name=speaker, evidence=[ev], **kind,
                 speaker_evidence=[Evidence(doc=doc, sentence=0, start=0, end=len(speaker), text=speaker)])


def test_copies_of_one_statement_are_one_quote_with_independent_sources():
    words = "The relief convoy will reach the northern valley before the rains close the pass"
    quotes = [
        _quote("d1", words, "Navi Pillay", "q1"),
        _quote("d2", words.replace("will reach", "should reach"), "Pillay", "q2"),  # lightly edited copy
        _quote("d3", words, "navi pillay", "q3"),
        _quote("d3", "Nobody has told us when the schools will open again", "Navi Pillay", "q4"),
    ]
    docs = [Document(id="d1", origin="a"), Document(id="d2", origin="b", duplicate_of="d1"),
            Document(id="d3", origin="c")]
    out = merge_quotes(quotes, docs)
    assert len(out) == 2
    first = next(q for q in out if q.id == "q1")
    assert first.documents == ["d1", "d2", "d3"]
    assert first.sources == 2  # d2 is a copy of d1
    assert first.speaker_name == "Navi Pillay"


def test_different_speakers_or_statements_stay_apart():
    words = "The bridge stays closed until engineers have inspected every pillar of it"
    quotes = [_quote("d1", words, "Ida Brenn", "q1"), _quote("d2", words, "Tomas Vell", "q2"),
              _quote("d3", "The bridge reopens tomorrow morning for all traffic", "Ida Brenn", "q3")]
    out = merge_quotes(quotes, [Document(id=d, origin=d) for d in ("d1", "d2", "d3")])
    assert len(out) == 3 and all(q.sources == 1 for q in out)


def _mixed(doc: str, text: str, speaker: str, qid: str) -> Quote:
    return _quote(doc, text, speaker, qid, partial=True)


def test_one_speakers_quoted_words_in_two_reporters_clauses_are_one_statement():
    quotes = [
        _mixed("d1", "the ferry service had “all but stopped” and crews were waiting ashore", "Ida Brenn", "q1"),
        _mixed("d2", "the ferries there had \"all but stopped,\" with crews idle on the quay", "Ida Brenn", "q2"),
        # the same words quoted whole in a third report: the direct form is the one shown
        _quote("d3", "The ferry service has all but stopped.", "Ida Brenn", "q3"),
        # one quoted word is too little to call two clauses one statement
        _mixed("d4", "the harbour was “calm” by noon", "Ida Brenn", "q4"),
        _mixed("d5", "the crews were “calm” and ready", "Ida Brenn", "q5"),
    ]
    out = merge_quotes(quotes, [Document(id=d, origin=d) for d in ("d1", "d2", "d3", "d4", "d5")])
    assert len(out) == 3
    merged = next(q for q in out if q.id == "q1")
    assert merged.documents == ["d1", "d2", "d3"]
    assert merged.text == "The ferry service has all but stopped." and not merged.partial


def test_a_part_met_before_its_fuller_copy_joins_the_statement_the_copy_completes():
    first = "Keep the roads open for the trucks"
    second = "Every village must get its share of the grain"
    quotes = [_quote("d1", first, "Tomas Vell", "q1"), _quote("d1", second, "Tomas Vell", "q2"),
              _quote("d2", f"{first} … {second}", "Tomas Vell", "q3")]  # a copy that quotes both as one
    out = merge_quotes(quotes, [Document(id=d, origin=d) for d in ("d1", "d2")])
    assert len(out) == 1 and out[0].documents == ["d1", "d2"]


def test_the_report_lists_one_speaker_once_whatever_form_each_report_writes():
    from sitroom.contract import Situation
    from sitroom.export import report_model as rm

    quotes = [_quote("d1", "The harbour reopens at dawn for the fishing fleet", "state-run Kestrel Radio", "q1"),
              _quote("d2", "Two ferries were damaged in the night by the storm", "Kestrel Radio", "q2"),
              _quote("d2", "The storm has passed the northern islands already", "Kestrel Radio", "q3")]
    docs = [Document(id=d, origin=d, text="x") for d in ("d1", "d2")]
    groups = rm.quotes_by_speaker(rm.build(Situation(documents=docs, quotes=quotes)))
    assert [(g["speaker"], len(g["quotes"])) for g in groups] == [("Kestrel Radio", 3)]


def test_a_speaker_written_with_state_run_links_to_the_entity():
    from sitroom.contract import Analysis, Entity
    from sitroom.link.entities import link_quotes

    radio = Entity(id="e-radio", name="Kestrel Radio", type="ORG")
    an = Analysis(doc="d1", quotes=[_quote("d1", "The harbour reopens at dawn", "state-run Kestrel Radio", "q1")])
    (q,) = link_quotes([an], [radio])
    assert q.speaker == "e-radio" and q.speaker_name == "Kestrel Radio"


def _reported(doc: str, text: str, speaker: str, qid: str) -> Quote:
    return _quote(doc, text, speaker, qid, direct=False)


def test_two_reports_wording_one_statement_are_one_unless_the_figures_differ():
    quotes = [
        _reported("d1", "Meanwhile, fishing crews have joined the protest against the new port fees, making "
                        "the blockade of the harbour harder to lift", "the harbour master", "q1"),
        _reported("d2", "At the same time, fishing crews have joined the protest against the fees, making "
                        "the blockade of the harbour harder to lift", "the harbour master", "q2"),
        _reported("d3", "About 40 boats were held in the harbour on Monday because of the blockade",
                  "the harbour master", "q3"),
        _reported("d4", "About 60 boats were held in the harbour on Monday because of the blockade",
                  "the harbour master", "q4"),
    ]
    out = merge_quotes(quotes, [Document(id=d, origin=d) for d in ("d1", "d2", "d3", "d4")])
    assert sorted(q.documents for q in out) == [["d1", "d2"], ["d3"], ["d4"]]


def test_a_copy_joins_the_statement_whichever_of_its_forms_it_repeats():
    # d2 words it like d1, d3 like d4; d1 and d3 are far apart: all four are one statement once d2 joins
    quotes = [
        _reported("d1", "More than 9,000 people have left the valley since the dam broke", "the Red Cross", "q1"),
        _reported("d2", "Since then, more than 9,000 people have left the valley, the dam having broken",
                  "the Red Cross", "q2"),
        _reported("d3", "More than 9,000 people left in the first hours after the dam broke in the valley",
                  "the Red Cross", "q3"),
    ]
    out = merge_quotes(quotes, [Document(id=d, origin=d) for d in ("d1", "d2", "d3")])
    assert [q.documents for q in out] == [["d1", "d2", "d3"]]


def _in_passage(doc: str, before: str, words: str, after: str, speaker: str, qid: str) -> tuple[Quote, Document]:
    """A reported statement standing in a paragraph `before` + `words` + `after` of report `doc`."""
    text = f"An opening paragraph of the report.\n\n{before}{words}{after}\n\nA closing paragraph."
    start = text.index(words)
    ev = Evidence(doc=doc, sentence=1, start=start, end=start + len(words), text=words)
    quote = Quote(id=qid, text=words, speaker_name=speaker, direct=False, evidence=[ev])
    return quote, Document(id=doc, origin=doc, text=text)


def test_one_passage_edited_by_two_reports_is_one_statement_where_its_words_alone_would_not_say():
    tail = ", the envoy said. No date for them has been set yet, and the border stays shut."
    pairs = [
        _in_passage("d1", "", "Talks with the rebels are one of the paths still open", tail, "the envoy", "q1"),
        _in_passage("d2", "", "Talks with rebels are among the paths under review",
                    tail.replace("has been set yet", "is set yet"), "the envoy", "q2"),
        # the same speaker's statement of about as many shared words, in a paragraph of its own
        _in_passage("d3", "Asked about the harvest, ", "Talks with the farmers are the only path left",
                    ", the envoy said after a long meeting in the capital on Monday.", "the envoy", "q3"),
    ]
    quotes, docs = [q for q, _ in pairs], [d for _, d in pairs]
    out = merge_quotes(quotes, docs)
    assert sorted(q.documents for q in out) == [["d1", "d2"], ["d3"]]


def test_a_body_named_with_its_country_links_to_the_body_the_reports_name():
    from sitroom.contract import Analysis, Entity
    from sitroom.link.entities import link_quotes

    ministry = Entity(id="e-min", name="Water Ministry", type="ORG")
    country = Entity(id="e-land", name="Veloria", type="GPE")
    person = Entity(id="e-ana", name="Ana Sorel", type="PERSON")
    an = Analysis(doc="d1", quotes=[
        _quote("d1", "Wells in the south will be tested this week", "Veloria’s Water Ministry", "q1"),
        # a person's possessive is no place: her ministry is not the one the reports name
        _quote("d1", "The pumps were never repaired after the flood", "Ana Sorel's Water Ministry", "q2"),
    ])
    by_id = {q.id: q for q in link_quotes([an], [ministry, country, person])}
    assert by_id["q1"].speaker == "e-min" and by_id["q1"].speaker_name == "Water Ministry"
    assert by_id["q2"].speaker is None
