"""One statement once: the same words of one speaker carried by several copies are one quote with
every copy's evidence and an independent-source count (copies of one report count once)."""

from __future__ import annotations

from sitroom.contract import Document, Evidence, Quote
from sitroom.link.entities import merge_quotes


def _quote(doc: str, text: str, speaker: str, qid: str) -> Quote:
    ev = Evidence(doc=doc, sentence=0, start=0, end=len(text), text=text)
    return Quote(id=qid, text=text, speaker_name=speaker, evidence=[ev],
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
