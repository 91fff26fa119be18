"""summarize: evidence-exact, redundancy- and recency-aware summaries; highlights; timeline."""

from __future__ import annotations

from sitroom.contract import Document, Event, Evidence, Story
from sitroom.settings import Summarize
from sitroom.stages.summarize import (
    _score,
    candidates,
    is_story_prose,
    news_style,
    sentence_spans,
    summarize_story,
    timeline,
    whole_quotes,
)

S = Summarize()


def make_doc(doc_id: str, paragraphs: list[str], published: str | None = None) -> Document:
    return Document(id=doc_id, origin=doc_id, text="\n\n".join(paragraphs), published=published)


def test_prose_filter_keeps_story_sentences_only():
    assert is_story_prose("Rescue crews in small boats moved through the lower districts overnight, officials said.", S)
    assert not is_story_prose("Skip to main content", S)
    assert not is_story_prose("Watch Live Coverage Of The Flood In Kestrel And The Varna Valley Today.", S)
    assert not is_story_prose("Click here to subscribe to our newsletter for more updates on the flood.", S)
    assert not is_story_prose("Is the dam upstream of the valley town safe from the rising river?", S)


def test_a_quote_split_by_the_sentence_splitter_is_cited_whole():
    text = '“We have lost everything. The water came at night,” a farmer said. Crews reached the farms at dawn.'
    doc = make_doc("q", [text])
    spans = whole_quotes(sentence_spans(doc, None), doc.text)
    texts = [doc.text[s:e] for _, s, e in spans]
    assert texts[0] == '“We have lost everything. The water came at night,” a farmer said.'
    assert texts[1] == "Crews reached the farms at dawn."


def test_copies_do_not_add_support_but_independent_sources_do():
    said_once = "The governor said at least fourteen people had died in the flooded districts of the town."
    said_twice = "Engineers warned that the dam upstream was under strain after four days of heavy rain."
    docs = [
        make_doc("wire", [said_once, said_twice]),
        make_doc("repost", [said_once, "Our reporters followed the rescue boats through the night in the valley."]),
        make_doc("local", ["Engineers warned the dam upstream was under strain after four days of heavy rain there."]),
    ]
    groups = {"wire": "wire", "repost": "wire", "local": "local"}
    cands = candidates(docs, {}, groups, S)
    support = _score(cands, S)
    by_text = {(c.doc, c.text): support[i] for i, c in enumerate(cands)}
    assert by_text[("repost", said_once)] == {"wire"}
    assert by_text[("wire", said_twice)] == {"wire", "local"}


def _recency_docs(old_day: str, new_day: str) -> list[Document]:
    background = ("The valley has flooded three times in a decade, and residents have long asked for a "
                  "stronger dam on the river above the town.")
    return [
        make_doc("old", ["Rescue crews pulled families from rooftops in the valley town as the river rose.",
                         background], old_day),
        make_doc("new", ["Soldiers reinforced the dam wall in the valley town as the river began to fall.",
                         background], new_day),
    ]


def test_the_latest_report_leads_a_developing_story():
    for old_day, new_day, expected in (("2024-03-01", "2024-03-07", "new"), ("2024-03-07", "2024-03-01", "old")):
        docs = _recency_docs(old_day, new_day)
        story = summarize_story(Story(id="s", documents=["old", "new"]), docs, {}, [], S)
        assert story.summary[0].evidence[0].doc == expected


def test_timeline_by_day_without_background_events():
    ev = Evidence(doc="d1", sentence=0, start=0, end=4, text="Rain")
    events = [
        Event(id="e2", type="Battles", date="2024-03-06", evidence=[ev]),
        Event(id="e1", type="Battles", date="2024-03-05T10:00", evidence=[ev]),
        Event(id="e0", type="Battles", date="2010-01-01", background=True, evidence=[ev]),
        Event(id="e3", type="Battles", date="2024-03", evidence=[ev]),
        Event(id="x", type="Battles", date="2024-03-05", documents=["elsewhere"]),
    ]
    days = timeline(Story(id="s", documents=["d1"]), events)
    assert [(d.date, d.events) for d in days] == [("2024-03-05", ["e1"]), ("2024-03-06", ["e2"])]


def test_news_style_drops_dateline_and_full_stop():
    assert news_style("KESTREL (CNN) -- The river rose overnight.") == "The river rose overnight"


# --------------------------------------------------------------------------- the seeds


def test_seed_summaries_cite_exact_evidence(seeds_run):
    sit, _ = seeds_run
    texts = {d.id: d.text for d in sit.documents}
    assert sit.stories
    for story in sit.stories:
        assert 1 <= len(story.summary) <= S.summary_sentences
        assert 3 <= len(story.highlights) <= 5
        for item in story.summary + story.highlights:
            assert item.evidence
            for ev in item.evidence:
                assert ev.doc in story.documents
                assert texts[ev.doc][ev.start:ev.end] == ev.text
            assert item.evidence[0].text.startswith(item.text[:20])
        for item in story.summary:
            assert "\n" not in item.text and is_story_prose(item.text, S)


def test_seed_summary_draws_on_several_reports_and_the_latest_day(seeds_run):
    sit, _ = seeds_run
    story = max(sit.stories, key=lambda s: len(s.documents))
    cited = {ev.doc for item in story.summary for ev in item.evidence}
    assert len(cited) >= 2
    latest = [d.id for d in sit.documents if d.id in story.documents and (d.published or "")[:10] == story.last_date]
    assert cited & set(latest)
