"""Independent sources are outlets and wire origins after dedup (`sitroom.link.sources`): reports of one
outlet are one source however many there are; a wire story reposted by several sites is one source, the
wire; syndicated copies never raise the count. The reports below are fictional, in our own words."""

from __future__ import annotations

from sitroom.contract import Document, Event, Evidence, Removed, Reuse, Situation
from sitroom.export import report_model as rm
from sitroom.link.sources import count_sources, outlet_key, source_groups, source_names, wire_credit

FLOOD = "Floodwaters cut the main road into Kestrel on Tuesday, leaving thousands without power, officials said."
DAM = "Engineers warned that a second dam upstream of Kestrel was under strain after four days of rain."
SHELTER = "A school on higher ground in Kestrel now shelters about 300 families, the regional governor said."


def doc(doc_id: str, text: str, **kw) -> Document:
    return Document(id=doc_id, origin=f"{doc_id}.html", text=text, **kw)


def test_outlet_names_hosts_and_aliases_reduce_to_one_key():
    assert {outlet_key(n) for n in ("CNN", "edition.cnn.com", "www.cnn.com", "Cable News Network")} == {"cnn"}
    assert outlet_key("www.bbc.co.uk") == outlet_key("BBC News") == "bbc"
    assert outlet_key("The Associated Press") == outlet_key("apnews.com") == outlet_key("AP") == "ap"
    assert outlet_key("news.yahoo.com") == "yahoo" != outlet_key("Reuters")
    assert outlet_key("") is None and outlet_key(None) is None


def test_three_different_reports_of_one_outlet_are_one_source():
    docs = [doc("a", FLOOD, source="CNN", published="2024-03-05"),
            doc("b", DAM, url="https://edition.cnn.com/2024/03/05/dam", published="2024-03-05"),
            doc("c", SHELTER, source="cnn.com", published="2024-03-06")]
    groups = source_groups(docs)
    assert count_sources(["a", "b", "c"], groups) == 1
    assert source_names(docs, groups)[groups["a"]] == "CNN"


def test_a_wire_story_reposted_by_two_sites_counts_once_as_the_wire():
    wire = "KESTREL, Norland (Reuters) - " + FLOOD
    docs = [doc("yahoo", wire, source="Yahoo News", url="https://news.yahoo.com/flood"),
            # the cleaner took the dateline off this copy: the credit survives in what it removed
            doc("local", FLOOD, source="Kestrel Courier", removed=[Removed(text="KESTREL, Norland (Reuters) -",
                                                                          reason="dateline lead-in")]),
            doc("bbc", DAM, source="BBC News", url="https://www.bbc.co.uk/news/dam")]
    assert wire_credit(docs[0]) == wire_credit(docs[1]) == "Reuters"
    groups = source_groups(docs)
    assert groups["yahoo"] == groups["local"] != groups["bbc"]
    assert count_sources(["yahoo", "local", "bbc"], groups) == 2
    assert source_names(docs, groups)[groups["yahoo"]] == "Reuters"


def test_a_syndicated_copy_takes_its_originals_wire_origin():
    # the copy lost the credit line, its original carries it: the copy is still the wire's story
    docs = [doc("orig", "(AP) -- " + FLOOD, source="Daily Norland", published="2024-03-05"),
            doc("copy", FLOOD, source="Evening Norland", duplicate_of="orig"),
            doc("own", SHELTER, source="Evening Norland")]
    groups = source_groups(docs)
    assert groups["orig"] == groups["copy"] == "outlet:ap"
    assert count_sources(["orig", "copy", "own"], groups) == 2


def test_a_parenthesis_in_the_first_sentence_is_not_a_wire_credit():
    assert wire_credit(doc("x", "The Northern Front (NF) -- a rebel coalition -- said it took the bridge.")) is None


def test_reports_without_an_outlet_fall_back_to_their_copy_group():
    docs = [doc("a", FLOOD), doc("b", FLOOD, duplicate_of="a"), doc("c", DAM, reuse=[Reuse(doc="a", overlap=0.05)])]
    groups = source_groups(docs)
    assert groups == {"a": "a", "b": "a", "c": "c"}


def test_the_report_says_reports_and_outlets():
    docs = [doc(f"d{i}", t, source="CNN") for i, t in enumerate((FLOOD, DAM, SHELTER))]
    ev = [Evidence(doc=d.id, sentence=0, start=0, end=len(d.text), text=d.text) for d in docs]
    event = Event(id="e-1", type="Disasters", summary="Flood in Kestrel", sources=1, documents=[d.id for d in docs],
                  evidence=ev)
    rep = rm.build(Situation(documents=docs, events=[event]))
    assert rm.event_rows(rep)[0]["support"] == "3 reports, 1 outlet (CNN)"
    # reports whose outlet is unknown are counted as independent sources, never named as outlets
    anonymous = [d.model_copy(update={"source": None}) for d in docs]
    rep = rm.build(Situation(documents=anonymous, events=[event]))
    assert rm.event_rows(rep)[0]["support"] == "3 reports, 3 independent sources"


def test_the_seed_reports_are_one_outlet(seeds_run):
    """All five seed reports are CNN's: every fact counts one source, whatever number of reports carry it."""
    sit, out = seeds_run
    assert {d.source for d in sit.documents} == {"CNN"}
    facts = [*sit.events, *sit.claims, *sit.control, *sit.quotes]
    assert facts and all(f.sources == 1 for f in facts)
    assert any(len(set(f.documents)) >= 3 for f in facts)
    md = (out / "report.md").read_text()
    assert "reports, 1 outlet (CNN)" in md
