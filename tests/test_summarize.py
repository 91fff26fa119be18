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


def test_timeline_by_day_without_background_events_or_events_that_name_nothing():
    ev = Evidence(doc="d1", sentence=0, start=0, end=4, text="Rain")
    named = {"actor_names": ["river patrol"], "place_name": "Kestrel"}
    events = [
        Event(id="e2", type="Battles", date="2024-03-06", evidence=[ev], place_name="Kestrel"),
        Event(id="e1", type="Battles", date="2024-03-05T10:00", evidence=[ev], actor_names=["river patrol"]),
        Event(id="e0", type="Battles", date="2010-01-01", background=True, evidence=[ev], **named),
        Event(id="e3", type="Battles", date="2024-03", evidence=[ev], **named),
        Event(id="x", type="Battles", date="2024-03-05", documents=["elsewhere"], **named),
        Event(id="e4", type="Battles", date="2024-03-06", evidence=[ev]),  # no actor, place or figure
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


# --------------------------------------------------------------------------- disputes (issue 19)
# A fictional story in our own words: a claim, its denial, and undisputed news from two outlets.

CLAIM = ("A provincial police chief told reporters that neighbouring Varnia has sent about 400 border guards "
         "into Kestrel province to fight beside the army.")
DENIAL = "Varnia's interior ministry rejected that claim on Saturday and said no guard had crossed the border."
SEIZED = "Rebels of the Northern Front seized two villages east of Kestrel on Friday after a day of fighting, residents said."
FLED = "Aid workers said hundreds of families had fled the villages toward the provincial capital overnight."


def _evidence_of(doc: Document, sentence: str, index: int) -> Evidence:
    start = doc.text.index(sentence)
    return Evidence(doc=doc.id, sentence=index, start=start, end=start + len(sentence), text=sentence)


def disputed_story():
    from sitroom.contract import Claim, Contradiction, ControlChange

    herald = Document(id="herald", origin="herald", source="Norland Herald", published="2024-05-04",
                      text="\n\n".join([CLAIM, DENIAL, SEIZED, FLED]))
    post = Document(id="post", origin="post", source="Kestrel Post", published="2024-05-04",
                    text="\n\n".join([CLAIM, SEIZED, FLED]))
    claim = Claim(id="cl-guards", kind="troops", value=400, qualifier="about", subject="border guards", place="p-kestrel",
                  attributed_to="a provincial police chief", documents=["herald", "post"],
                  evidence=[_evidence_of(herald, CLAIM, 0), _evidence_of(post, CLAIM, 0)])
    denial = Claim(id="cl-denial", kind="troops", value=400, qualifier="about", subject="border guards",
                   place="p-kestrel", status="denied", attributed_to="Varnia's interior ministry", documents=["herald"],
                   evidence=[_evidence_of(herald, CLAIM, 0), _evidence_of(herald, DENIAL, 1)])
    held = ControlChange(id="k-rebels", place="p-east", change="captured", actor_name="Northern Front", date="2024-05-03",
                         evidence=[_evidence_of(herald, SEIZED, 2)])
    retaken = ControlChange(id="k-army", place="p-east", change="holds", actor_name="army", date="2024-05-04",
                            attributed_to="the defence ministry", evidence=[_evidence_of(post, FLED, 2)])
    seizure = Event(id="ev-seized", type="Battles", subtype="Non-state actor overtakes territory", date="2024-05-03",
                    place="p-east", summary="Rebels take two villages", documents=["herald"],
                    evidence=[_evidence_of(herald, SEIZED, 2)])
    elsewhere = Event(id="ev-other", type="Battles", subtype="Armed clash", date="2024-05-03", place="p-far",
                      summary="Clash elsewhere", documents=["herald"], evidence=[_evidence_of(herald, SEIZED, 2)])
    contradictions = [Contradiction(id="x-guards", topic="troops: border guards", kind="denial", a="cl-guards", b="cl-denial"),
                      Contradiction(id="x-east", topic="control of the villages", kind="status", a="k-rebels", b="k-army")]
    story = Story(id="s-kestrel", title="Fighting near Kestrel", documents=["herald", "post"])
    return [herald, post], [claim, denial], [seizure, elsewhere], [held, retaken], contradictions, story


def test_a_denial_marks_the_claim_and_a_contradiction_marks_both_sides():
    from sitroom.link.disputes import mark_disputes

    docs, claims, events, control, contradictions, _ = disputed_story()
    disputes = mark_disputes(claims, events, control, contradictions)
    claim, denial = claims
    assert claim.status == "denied" and disputes[claim.id].note == "denied by Varnia's interior ministry"
    assert denial.status == "denied" and denial.id not in disputes  # stating a denial is not itself disputed
    assert {c.status for c in control} == {"disputed"}
    assert "army holds" in disputes["k-rebels"].note and "Northern Front captured" in disputes["k-army"].note
    assert "according to the defence ministry" in disputes["k-army"].note
    seizure, elsewhere = events
    # the event told in the disputed sentence about the same place is the same statement; one elsewhere is not
    assert seizure.status == "disputed" and elsewhere.status == "reported"


def test_the_summary_leads_with_undisputed_news_and_says_who_denies_the_rest():
    from sitroom.link.disputes import mark_disputes

    docs, claims, events, control, contradictions, story = disputed_story()
    plain = summarize_story(story.model_copy(deep=True), docs, {}, events, S)
    assert "border guards" in plain.summary[0].text  # without the dispute, the claim leads (first in both reports)
    disputes = mark_disputes(claims, events, control, contradictions)
    told = summarize_story(story, docs, {}, events, S, facts=[*claims, *events, *control], disputes=disputes)
    assert "border guards" not in told.summary[0].text
    stating = [x for x in told.summary + told.highlights if "border guards" in x.text]
    assert stating and all(x.status == "denied" and "Varnia's interior ministry" in x.dispute for x in stating)
    assert all(x.status is None for x in told.summary if x.text == FLED.rstrip("."))


def test_every_output_shows_the_dispute():
    import csv
    import io
    import json

    from sitroom.contract import Place, Situation
    from sitroom.export import csv_export, geojson, html, markdown
    from sitroom.link.disputes import mark_disputes

    docs, claims, events, control, contradictions, story = disputed_story()
    disputes = mark_disputes(claims, events, control, contradictions)
    summarize_story(story, docs, {}, events, S, facts=[*claims, *events, *control], disputes=disputes)
    places = [Place(id="p-kestrel", name="Kestrel province", lat=36.2, lon=43.9, feature="region", precision="region"),
              Place(id="p-east", name="Amber Hill", lat=36.3, lon=44.1, feature="village", precision="town"),
              Place(id="p-far", name="Far Ford", lat=35.1, lon=42.2, feature="village", precision="town")]
    sit = Situation(documents=docs, claims=claims, events=events, control=control, contradictions=contradictions,
                    stories=[story], places=places)
    md = markdown.render(sit)
    told = md[md.index("**Highlights**"):md.index("**Timeline**")]  # the story's highlights and summary
    guards = [part for part in told.split("[") if "border guards" in part]
    assert guards and all("denied by Varnia" in part for part in guards)
    assert "Rebels take two villages (**according to" in md or "Rebels take two villages (**disputed" in md
    page = html.render(sit)
    assert 'class="tag denied">denied by Varnia' in page and 'class="tag disputed">' in page
    rows = {r["event_id"]: r for r in csv.DictReader(io.StringIO(csv_export.render(sit)))}
    assert rows["ev-seized"]["status"] == "disputed" and "disputed by" in rows["ev-seized"]["dispute"]
    assert "disputed by" in rows["ev-seized"]["notes"] and rows["ev-other"]["dispute"] == ""
    feats = {f["id"]: f["properties"] for f in json.loads(geojson.render(sit))["features"]}
    assert feats["ev-seized"]["status"] == "disputed" and "disputed by" in feats["ev-seized"]["dispute"]
