"""report.html, report.md, events.csv and events.geojson: content, sourcing, escaping, offline-ness."""

from __future__ import annotations

import base64
import csv
import hashlib
import io
import json
import re
from html.parser import HTMLParser

import pytest

from sitroom.contract import Situation
from sitroom.export import basemap, csv_export, export_all, geojson, html, markdown
from situation_factory import HOSTILE, hostile_situation, make_situation


class Scripts(HTMLParser):
    """Collects every script element, every attribute and every URL-bearing attribute of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.attrs: list[tuple[str, str, str]] = []
        self._in: dict | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            self.attrs.append((tag, k, v or ""))
        if tag == "script":
            self._in, self._buf = dict(attrs), []

    def handle_data(self, data):
        if self._in is not None:
            self._buf.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in is not None:
            self.scripts.append((self._in, "".join(self._buf)))
            self._in = None


def parse(page: str) -> Scripts:
    p = Scripts()
    p.feed(page)
    return p


def embedded_data(page: str) -> dict:
    (attrs, body), = [(a, b) for a, b in parse(page).scripts if a.get("id") == "sitroom-data"]
    return json.loads(body)


def assert_evidence_faithful(data: dict, sit: Situation) -> None:
    """Every sentence the page can show is the document text at its offsets, and every key resolves."""
    texts = {d.id: d.text for d in sit.documents}
    for fact in data["facts"].values():
        for key in fact["evidence"]:
            ev = data["sentences"][key]
            assert texts[ev["doc"]][ev["start"]:ev["end"]] == ev["text"]


# --------------------------------------------------------------------------- report.html


@pytest.fixture(scope="module")
def page() -> str:
    return html.render(make_situation())


def test_every_fact_is_clickable_to_its_evidence(page):
    sit = make_situation()
    data = embedded_data(page)
    clickable = set(re.findall(r'data-fact="([^"]+)"', page))
    for fact in [*sit.events, *sit.claims, *sit.quotes, *sit.control]:
        assert fact.id in clickable, fact.id
        assert data["facts"][fact.id]["evidence"], fact.id
    assert_evidence_faithful(data, sit)


def test_report_sections_show_control_figures_quotes_and_contradictions(page):
    assert "Who controls what" in page and "Figures and who reports them" in page and "Contradictions" in page
    # Tal Afar: taken by militants, then claimed back by the army (disputed); Kirkuk held by Kurdish forces.
    row = re.search(r"<tr><td>Tal Afar</td><td>(.*?)</td><td>(.*?)</td>", page)
    assert "Iraqi army" in row.group(1) and "disputed" in row.group(2)
    row = re.search(r"<tr><td>Kirkuk</td><td>(.*?)</td><td>(.*?)</td>", page)
    assert "Kurdish forces" in row.group(1) and row.group(2) == "no"
    assert "a provincial official" in page and "a security source" in page
    assert "army spokesman" in page


def test_report_is_self_contained_and_locks_down_scripts(page):
    parsed = parse(page)
    # No element loads anything: no src, no stylesheet link, no CSS url().
    assert not [a for a in parsed.attrs if a[1] in ("src", "srcset", "data") or (a[0] == "link")]
    assert "url(" not in page.split("<script")[0]
    assert "sourceMappingURL" not in page
    assert "Leaflet 1.9.4" in page and "Natural Earth" in page  # the licence notices travel with the code
    # Every executable script is allowed by hash in the CSP, and nothing else is.
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page).group(1)
    hashes = set(re.findall(r"'(sha256-[^']+)'", csp))
    executable = [body for attrs, body in parsed.scripts if attrs.get("type") != "application/json"]
    assert len(executable) == 2  # Leaflet and the report's own script
    for body in executable:
        assert "sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() in hashes
    assert "connect-src 'none'" in csp


def test_map_data_has_borders_markers_and_a_focused_view(page):
    data = embedded_data(page)
    names = {f["properties"]["name"] for f in data["borders"]["features"]}
    assert {"Iraq", "Syria"} <= names
    west, south, east, north = data["bbox"]
    for m in data["markers"]:
        assert west <= m["lon"] <= east and south <= m["lat"] <= north
    kinds = sorted(m["kind"] for m in data["markers"])
    assert kinds == ["control", "control", "event", "event"]


def test_hostile_text_is_escaped_everywhere():
    sit = hostile_situation()
    page = html.render(sit)
    parsed = parse(page)
    assert len(parsed.scripts) == 3  # data, Leaflet, report: no script element came from an article
    assert "window.pwned" not in "".join(body for attrs, body in parsed.scripts if attrs.get("type") != "application/json")
    assert not [a for a in parsed.attrs if a[1].startswith("on")]  # no event-handler attribute at all
    assert not [a for a in parsed.attrs if a[1] == "href" and a[2].lower().lstrip().startswith("javascript")]
    data_block = page.split('id="sitroom-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block and ">" not in data_block
    data = embedded_data(page)
    assert data["facts"]["q-h"]["kind"] == "quote"
    assert data["sentences"][data["facts"]["q-h"]["evidence"][0]]["text"] == HOSTILE  # the text survives, as text

    md = markdown.render(sit)
    # Every '<' and '[' is backslash-escaped (an odd run of backslashes before it), so no tag or link can form.
    assert not re.search(r"(^|[^\\])(\\\\)*[<\[]", md.replace("[no evidence]", "").replace("[doc-", "")), md
    assert "\\<script\\>" in md


# --------------------------------------------------------------------------- report.md


def test_markdown_carries_the_same_content():
    md = markdown.render(make_situation())
    for heading in ("Highlights", "Summary", "Timeline", "Who controls what", "Figures and who reports them",
                    "Who said what", "Contradictions", "Events", "Sources", "Rejected inputs"):
        assert heading in md
    assert re.search(r"\| Tal Afar \| Iraqi army \| disputed \|", md)
    assert "a security source (anonymous source)" in md
    assert "[doc-a#s1]" in md  # figures cite their sentences


def test_empty_situation_degrades_gracefully():
    empty = Situation()
    page = html.render(empty)
    assert "No events found" in page and 'id="map"' not in page
    assert "No quotes found" in markdown.render(empty)
    assert csv_export.render(empty).count("\n") == 1
    assert json.loads(geojson.render(empty)) == {"type": "FeatureCollection", "features": []}


# --------------------------------------------------------------------------- events.csv / events.geojson


def test_events_csv_has_acled_columns_and_neutralises_formulas():
    sit = make_situation()
    sit.events[1].summary = "=HYPERLINK(\"http://evil.example\")"
    rows = list(csv.DictReader(io.StringIO(csv_export.render(sit))))
    assert list(rows[0])[:len(csv_export.ACLED_COLUMNS)] == csv_export.ACLED_COLUMNS
    battle = next(r for r in rows if r["event_id"] == "ev-battle")
    assert (battle["event_date"], battle["event_type"], battle["actor1"], battle["actor2"]) == (
        "2014-06-15", "Battles", "militants", "Iraqi army")
    assert (battle["location"], battle["admin1"], battle["geo_precision"], battle["time_precision"]) == (
        "Tal Afar", "Nineveh", "1", "1")
    assert float(battle["latitude"]) == pytest.approx(36.377) and battle["fatalities"] == "28"
    assert battle["source"] == "Daily Example; Example Wire"
    strike = next(r for r in rows if r["event_id"] == "ev-strike")
    assert strike["notes"].startswith("'=") and strike["fatalities"] == ""


def test_events_geojson_points_are_lon_lat():
    sit = make_situation()
    sit.places[2].lat = sit.places[2].lon = None  # Mosul without coordinates: its event drops out
    fc = json.loads(geojson.render(sit))
    assert fc["type"] == "FeatureCollection"
    assert [f["id"] for f in fc["features"] if f["properties"]["layer"] == "events"] == ["ev-battle"]
    assert fc["features"][0]["geometry"]["coordinates"] == [42.449, 36.377]
    assert fc["features"][0]["properties"]["evidence"][0]["doc"] == "doc-a"


def test_export_all_writes_every_registered_file(tmp_path):
    written = {p.name for p in export_all(make_situation(), tmp_path)}
    assert {"situation.json", "report.md", "report.html", "events.csv", "events.geojson"} <= written


# --------------------------------------------------------------------------- base map


def test_focus_ignores_a_far_away_place():
    iraq = [(36.34, 43.13), (33.31, 44.36), (35.47, 44.39)]
    west, south, east, north = basemap.focus_bbox(iraq + [(51.51, -0.13)])  # a quote given in London
    assert west > 30 and north < 45
    assert basemap.focus_bbox([]) is None


def test_borders_are_clipped_to_the_area():
    bbox = (40.0, 31.0, 47.0, 38.0)
    fc = basemap.borders(bbox)
    assert "Iraq" in {f["properties"]["name"] for f in fc["features"]}

    def coords(c):
        return [c] if isinstance(c[0], (int, float)) else [x for y in c for x in coords(y)]

    pts = [p for f in fc["features"] for p in coords(f["geometry"]["coordinates"])]
    assert all(39.999 <= x <= 47.001 and 30.999 <= y <= 38.001 for x, y in pts)


# --------------------------------------------------------------------------- the seeds


def test_seed_outputs(seeds_run):
    sit, out = seeds_run
    page = (out / "report.html").read_text(encoding="utf-8")
    assert len(page.encode()) < 500_000  # target ~400 KB; Leaflet alone is 147 KB
    data = embedded_data(page)
    assert_evidence_faithful(data, sit)
    md = (out / "report.md").read_text(encoding="utf-8")
    for d in sit.documents:
        assert d.id.replace("_", "\\_") in md
    for q in sit.quotes:
        assert q.id in data["facts"]
    rows = list(csv.DictReader(io.StringIO((out / "events.csv").read_text(encoding="utf-8"))))
    assert len(rows) == len(sit.events)
    fc = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    located = {p.id for p in sit.places if p.lat is not None}
    events = [f for f in fc["features"] if f["properties"]["layer"] == "events"]
    assert len(events) == sum(1 for e in sit.events if e.place in located)


# --------------------------------------------------------------------------- issue 19: disputes, places, filters


def denial_situation() -> Situation:
    """A claim and its denial in our own words: the denial's evidence also holds the claim sentence it answers."""
    from sitroom.contract import Claim, Contradiction, Document, Evidence

    text = ("A border official said on Monday that about 200 Varnian soldiers had crossed into the valley.\n\n"
            "The Varnian defence ministry called the report false and said its units had not left their bases.")
    claim_s, denial_s = text.split("\n\n")

    def ev(sentence: str, i: int) -> Evidence:
        start = text.index(sentence)
        return Evidence(doc="d1", sentence=i, start=start, end=start + len(sentence), text=sentence)

    claim = Claim(id="c-a", kind="troops", value=200, qualifier="about", subject="Varnian soldiers", status="denied",
                  attributed_to="a border official", documents=["d1"], evidence=[ev(claim_s, 0)])
    denial = Claim(id="c-b", kind="troops", value=200, qualifier="about", subject="Varnian soldiers", status="denied",
                   attributed_to="the Varnian defence ministry", documents=["d1"], evidence=[ev(claim_s, 0), ev(denial_s, 1)])
    return Situation(documents=[Document(id="d1", origin="d1.txt", source="Valley Times", text=text)], claims=[claim, denial],
                     contradictions=[Contradiction(id="x", topic="troops: Varnian soldiers", kind="denial", a="c-a", b="c-b")])


def test_a_contradiction_shows_what_each_side_says_and_who():
    from sitroom.export import report_model as rm

    (row,) = rm.contradiction_rows(rm.build(denial_situation()))
    a, b = row["a"], row["b"]
    assert (a["who"], a["says"]) == ("a border official", "says")
    assert (b["who"], b["says"]) == ("the Varnian defence ministry", "denies")
    assert a["statement"].startswith("A border official said") and b["statement"].startswith("The Varnian defence ministry")
    md = markdown.render(denial_situation())
    assert "the Varnian defence ministry denies" in md and "“The Varnian defence ministry called the report false" in md
    page = html.render(denial_situation())
    assert page.count('<div class="who">') == 2 and "called the report false" in page


def test_control_statements_at_unlocated_places_keep_their_own_names():
    from sitroom.contract import ControlChange, Evidence
    from sitroom.export import report_model as rm

    sit = make_situation()
    e = sit.control[0].evidence[0]
    sit.control += [
        ControlChange(id="c-u1", change="contested", place_name="Amber Hill", date="2014-06-15", evidence=[e]),
        ControlChange(id="c-u2", change="holds", actor_name="the army", place_name="Redstone air base", date="2014-06-16",
                      evidence=[Evidence(**{**e.model_dump(), "sentence": 1})]),
    ]
    table = {r["place"]: r for r in rm.control_table(rm.build(sit))}
    assert "unnamed place" not in table
    assert [h["id"] for h in table["Amber Hill"]["history"]] == ["c-u1"]
    assert table["Redstone air base"]["holder"] == "the army" and not table["Redstone air base"]["disputed"]
    assert "| Amber Hill |" in markdown.render(sit)


def test_a_province_is_marked_approximate_and_labels_are_ranked():
    from sitroom.contract import Event, Place

    sit = make_situation()
    ev = sit.events[0].evidence[0]
    sit.places.append(Place(id="p-nineveh", name="Nineveh", lat=36.2, lon=42.9, country="IQ", feature="region",
                            precision="region", evidence=[ev]))
    sit.events.append(Event(id="ev-prov", type="Battles", subtype="Armed clash", date="2014-06-15", place="p-nineveh",
                            summary="Clashes somewhere in Nineveh", evidence=[ev]))
    data = embedded_data(html.render(sit))
    marks = {m["id"]: m for m in data["markers"]}
    assert marks["ev-prov"]["approx"] == "region" and marks["ev-prov"]["area_km"] > 0
    assert "location approximate (region)" in marks["ev-prov"]["label"]
    assert marks["ev-battle"]["approx"] is None and marks["ev-battle"]["area_km"] is None
    weights = [label[3] for label in data["labels"]]
    assert weights == sorted(weights, reverse=True)  # heaviest label first: it wins where labels collide
    fc = json.loads(geojson.render(sit))
    props = {f["id"]: f["properties"] for f in fc["features"]}
    assert props["ev-prov"]["approximate"] == "region" and props["ev-battle"]["approximate"] is None


def test_filters_keep_armed_actors_apart_from_speakers_and_offer_a_time_slider(page):
    actor_box = page[page.index('id="f-actor"'):page.index("</select>", page.index('id="f-actor"'))]
    speaker_box = page[page.index('id="f-speaker"'):page.index("</select>", page.index('id="f-speaker"'))]
    assert "militants" in actor_box and "Kurdish forces" in actor_box and "Ali Hamdan" not in actor_box
    assert "Ali Hamdan" in speaker_box and "militants" not in speaker_box
    assert 'id="f-until"' in page and 'data-days="2014-06-15 2014-06-16"' in page
    assert 'data-speakers="[&quot;Ali Hamdan&quot;]"' in page


def test_seed_disputes_are_visible_everywhere(seeds_run):
    """On the seeds: the Iranian troops claim never appears without its denial, the two sides of its
    contradiction read differently, and no control row mixes places."""
    sit, out = seeds_run
    told = [x for s in sit.stories for x in s.highlights + s.summary if "500 Revolutionary Guard" in x.text]
    assert all(x.status == "denied" and "denied by" in (x.dispute or "") for x in told)
    troops = [c for c in sit.claims if c.kind == "troops" and c.value == 500]
    assert troops and all(c.status == "denied" for c in troops)
    md = (out / "report.md").read_text(encoding="utf-8")
    denial = next(block for block in md.split("\n\n") if block.startswith("- A:") and "Guard troops" in block)
    a_line, b_line = denial.splitlines()[:2]
    assert a_line[5:] != b_line[5:] and "denies" in b_line and "denies" not in a_line
    assert "| unnamed place |" not in md
    tikrit = [e for e in sit.events if e.place_name == "Tikrit" and e.subtype == "Government regains territory"]
    assert tikrit and all(e.status in ("claimed", "disputed") for e in tikrit)
    # no highlight or summary sentence states a contradicted fact (a denial's own words aside) without saying so
    sides = {x.a for x in sit.contradictions} | {x.b for x in sit.contradictions if x.kind != "denial"}
    spans = [(e.doc, e.start, e.end) for f in (*sit.claims, *sit.events, *sit.control) if f.id in sides for e in f.evidence]
    for story in sit.stories:
        for x in story.highlights + story.summary:
            states = any(d == e.doc and a < e.end and e.start < b for e in x.evidence for d, a, b in spans)
            assert not states or (x.status in ("denied", "disputed") and x.dispute), x.text


def test_reuse_beyond_the_listed_links_is_counted_in_both_reports():
    sit = make_situation()
    doc = sit.documents[0]
    doc.reuse_more = 7  # as dedup leaves it when more reports share text than settings.dedup.reuse_listed
    assert "shares text with 7 more reports" in markdown.render(sit)
    assert "shares text with 7 more reports" in html.render(sit)
    doc.reuse_more = 0
    assert "more reports" not in markdown.render(sit)


def _with_a_small_second_story() -> Situation:
    """The factory's two-report story, and a one-report story beside it with a quote of its own."""
    from sitroom.contract import Document, Evidence, Quote, Story

    sit = make_situation()
    text = "\u201cThe bridge at Qayyarah is open again,\u201d a local council member said on Tuesday."
    ev = Evidence(doc="d-small", sentence=0, start=0, end=len(text), text=text)
    sit.documents.append(Document(id="d-small", origin="reports/small.txt", source="Small Gazette", text=text,
                                  published="2014-06-17", story="s-2"))
    sit.quotes.append(Quote(id="q-small", text="The bridge at Qayyarah is open again,", speaker_name="a local council member",
                            date="2014-06-17", documents=["d-small"], evidence=[ev]))
    sit.stories.append(Story(id="s-2", title="A bridge reopens", documents=["d-small"]))
    return sit


@pytest.mark.parametrize("render", [
    lambda sit, cfg: markdown.render(sit, cfg),
    lambda sit, cfg: html.render(sit, cfg=cfg),
], ids=["md", "html"])
@pytest.mark.parametrize("cap", [{"report_max_stories": 1}, {"report_max_reports": 2}], ids=["stories", "reports"])
def test_a_report_over_its_cap_shows_the_best_carried_stories_and_says_what_it_left_out(render, cap):
    import dataclasses

    from sitroom.settings import Export

    sit = _with_a_small_second_story()  # 2 stories, of 2 reports and 1
    cut = render(sit, dataclasses.replace(Export(), **cap))
    assert "Fighting for Tal Afar" in cut and "We will take back every village" in cut
    assert "A bridge reopens" not in cut and "Qayyarah" not in cut  # the one-report story and its quote
    assert "2 stories" in cut and "1 smaller story is left out" in cut and "sitroom serve" in cut
    whole = render(sit, dataclasses.replace(Export(), report_max_stories=2, report_max_reports=3))
    assert "A bridge reopens" in whole and "Qayyarah" in whole and "left out" not in whole


def test_the_header_counts_one_story_in_the_singular():
    sit = make_situation()
    assert len(sit.stories) == 1
    assert "1 story," in markdown.render(sit) and "1 story ·" in html.render(sit)
    assert "1 stories" not in markdown.render(sit) + html.render(sit)
