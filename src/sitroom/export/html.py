"""report.html: the situation picture in one self-contained, offline file.

Everything is inline (CSS, Leaflet, the borders, the data): the file opens from
disk with the network unplugged. Article text is escaped with `html.escape`
wherever it meets markup; the data block is JSON with `<`, `>` and `&` written
as \\u escapes so no article can close the script element; the page's script
builds DOM from that data only through text nodes. A Content-Security-Policy
allows exactly the report's own scripts (by hash), so even a slip in escaping
could not run injected script.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
from collections import defaultdict
from html import escape
from importlib import resources
from urllib.parse import urlsplit

from sitroom.contract import Situation
from sitroom.export import basemap
from sitroom.export import report_model as rm
from sitroom.settings import Export

EVENT_COLORS = {
    "Battles": "#d7301f",
    "Explosions/Remote violence": "#ff8c00",
    "Violence against civilians": "#7b1fa2",
    "Strategic developments": "#1f78b4",
    "Protests": "#33a02c",
    "Riots": "#b15928",
    "Displacement": "#00897b",
    "Aid": "#6a9f3a",
}
OTHER_COLOR = "#607d8b"
# Squares by holder: colours kept apart from the event circles' so a holder never reads as an event type.
ACTOR_COLORS = ["#000000", "#ffffff", "#e7298a", "#ffd92f", "#1a237e", "#8d6e63", "#80cbc4", "#9e9d24"]
UNNAMED_HOLDER_COLOR = "#bdbdbd"


def e(text: object) -> str:
    return escape("" if text is None else str(text), quote=True)


def script_json(data: object) -> str:
    """JSON safe inside <script>: no `</script>`, `<!--` or `]]>` can form, whatever the text."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def safe_url(url: str | None) -> str | None:
    """Only http(s) links from data become hrefs: no javascript:, data: or file: URLs."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def _static(name: str) -> str:
    return (resources.files("sitroom") / "static" / name).read_text(encoding="utf-8")


def _sha256(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


# --------------------------------------------------------------------------- pieces


def cite_html(cites: list[str], show: int = 3) -> str:
    """The first few `doc#sN` references; the evidence panel lists them all."""
    if not cites:
        return ' <span class="cite">[no evidence]</span>'
    more = f" +{len(cites) - show} more" if len(cites) > show else ""
    return f' <span class="cite">[{e(", ".join(cites[:show]))}{more}]</span>'


def fact_attrs(fact_id: str, *, date=None, place=None, type_=None, actors=None, docs=None, speakers=None) -> str:
    """`data-fact` (click to see the evidence) plus the dimensions the filters read."""
    # tabindex and the filter hook are added by the page script: hundreds of facts, a few bytes each.
    out = f' data-fact="{e(fact_id)}"'
    if date is not None:
        out += f' data-date="{e(date)}"'
    if place is not None:
        out += f' data-place="{e(place)}"'
    if type_ is not None:
        out += f' data-type="{e(type_)}"'
    if actors is not None:
        out += f" data-actors=\"{e(json.dumps(actors, ensure_ascii=False))}\""
    if speakers is not None:
        out += f" data-speakers=\"{e(json.dumps(speakers, ensure_ascii=False))}\""
    if docs is not None:
        out += f' data-docs="{e(" ".join(docs))}"'
    return out


def tags(*pairs: tuple[str, bool]) -> str:
    return "".join(f'<span class="tag {e(name)}">{e(name)}</span>' for name, on in pairs if on)


def dispute_html(status: str, dispute: str = "") -> str:
    """A tag after a statement that is denied, disputed or only claimed, saying by whom."""
    note = rm.dispute_text(status, dispute)
    cls = status if status in ("denied", "disputed", "claimed") else "disputed"
    return f' <span class="tag {e(cls)}">{e(note)}</span>' if note else ""


def _empty(what: str) -> str:
    return f'<p class="muted">No {e(what)} found in these reports.</p>'


def section(section_id: str, title: str, body: str, empty: str, css: str = "") -> str:
    """A report section: its body, or a note that these reports gave nothing for it."""
    cls = f' class="{css}"' if css else ""
    return f'<section id="{section_id}"{cls}><h2>{e(title)}</h2>{body or _empty(empty)}</section>'


def table_section(section_id: str, title: str, headers: list[str], rows: list[str], empty: str) -> str:
    """A report section holding one table."""
    ths = "".join(f"<th>{e(h)}</th>" for h in headers)
    table = f'<table><thead><tr>{ths}</tr></thead><tbody>{"".join(rows)}</tbody></table>' if rows else ""
    return section(section_id, title, table, empty)


def stories_html(stories: list[dict]) -> str:
    if not stories:
        return "<section id=\"stories\"><h2>Stories</h2>" + _empty("stories") + "</section>"
    out = []
    for s in stories:
        span = " to ".join(x for x in (s["first_date"], s["last_date"]) if x) or "dates unknown"
        parts = [f'<section class="story" id="story-{e(s["id"])}"><h2>{e(s["title"])}</h2>',
                 f'<p class="muted">{e(s["support"])} · {e(span)}</p>']
        if s["highlights"]:
            parts.append("<h3>Highlights</h3><ul>" + "".join(
                f'<li{fact_attrs(h["id"])}>{e(h["text"])}{dispute_html(h["status"], h["dispute"])}{cite_html(h["cites"])}</li>'
                for h in s["highlights"]) + "</ul>")
        if s["summary"]:
            parts.append("<h3>Summary</h3><p>" + " ".join(
                f'<span{fact_attrs(x["id"])}>{e(x["text"])}{dispute_html(x["status"], x["dispute"])}{cite_html(x["cites"])}</span>'
                for x in s["summary"]) + "</p>")
        if not s["highlights"] and not s["summary"]:
            parts.append('<p class="muted">No summary yet for this story.</p>')
        parts.append("<h3>Timeline</h3>")
        if s["timeline"]:
            items = []
            for day in s["timeline"]:
                lis = "".join(
                    (f'<li{fact_attrs(it["id"], date=day["date"], type_=it["type"] or None)}>' if it["id"] else "<li>")
                    + f'{e(it["label"])}{dispute_html(it["status"], it["dispute"])}{cite_html(it["cites"]) if it["id"] else ""}</li>'
                    for it in day["items"])
                items.append(f'<li><span class="day">{e(day["date"])}</span><ul>{lis}</ul></li>')
            parts.append('<ul class="timeline">' + "".join(items) + "</ul>")
        else:
            parts.append(_empty("dated events"))
        out.append("".join(parts) + "</section>")
    return "".join(out)


def map_html(has_map: bool, type_colors: dict[str, str], actor_colors: dict[str, str], n_unlocated: int,
             why_not: str = "") -> str:
    if not has_map:
        return '<section id="map-section"><h2>Map</h2>' + (why_not or _empty("places with coordinates")) + "</section>"
    legend = "".join(f'<span><i class="sw" style="background:{c}"></i>{e(t)}</span>' for t, c in type_colors.items())
    legend += "".join(f'<span><i class="sw sq" style="background:{c}"></i>held by {e(a)}</span>' for a, c in actor_colors.items())
    legend += '<span><i class="sw approx"></i>approximate location (province, country): hollow mark, dashed area</span>'
    note = f'<p class="muted">{n_unlocated} events have no place with coordinates and are not on the map.</p>' if n_unlocated else ""
    return ('<section id="map-section"><h2>Map</h2><div id="map" role="region" aria-label="map of events and control"></div>'
            f'<div class="legend">{legend or "<span class=muted>no events or control to show</span>"}</div>'
            '<p class="muted">Circles: events by type. Squares: latest holder of a place. Hollow marks in a dashed area: the '
            'report names only a province or country. Place names that would overlap show when you zoom in or hover. '
            'Click any mark for its evidence.</p>'
            f"{note}</section>")


def control_html(table: list[dict]) -> str:
    rows = []
    for r in table:
        hist = "<br>".join(
            f'<span{fact_attrs(h["id"], date=h["date"], place=r["place"], actors=[h["party"]], docs=h["docs"])}>'
            f'{e(h["date"] or "undated")}: {e(h["actor"])} {e(h["change"])}'
            f'{" " + str(round(h["share"] * 100)) + "%" if h["share"] is not None else ""}'
            f'{dispute_html(h["status"], h["dispute"])} {tags(("assessed", h["assessed"]))}{cite_html(h["cites"])}</span>'
            for h in r["history"])
        holder = (f'<span data-fact="{e(r["holder_change"])}">{e(r["holder"])}</span>' if r["holder"]
                  else '<span class="muted">unclear</span>')
        rows.append(f'<tr><td>{e(r["place"])}</td><td>{holder}</td><td>{tags(("disputed", r["disputed"])) or "no"}</td>'
                    f"<td>{hist}</td></tr>")
    return table_section("control", "Who controls what", ["place", "latest holder", "disputed", "history"], rows,
                         "statements of territorial control")


def claims_html(rows: list[dict]) -> str:
    body = [
        f'<tr{fact_attrs(c["id"], date=c["date"], place=c["place"], docs=c["docs"])}>'
        f'<td>{e(c["kind"])}</td><td class="num">{e(c["label"])}</td><td>{e(c["place"])}</td><td>{e(c["date"] or "undated")}</td>'
        f'<td>{e(c["attributed_to"]) or "<span class=muted>unattributed</span>"} '
        f'{tags(("anon", c["anonymous"]), ("background", c["background"]))}{dispute_html(c["status"], c["dispute"])}</td>'
        f'<td>{e(c["support"])}</td><td>{cite_html(c["cites"])}</td></tr>' for c in rows]
    return table_section("figures", "Figures and who reports them",
                         ["kind", "figure", "place", "date", "according to", "carried by", "evidence"], body, "figures")


def quotes_html(groups: list[dict]) -> str:
    out = []
    for g in groups:
        roles = f' <span class="muted">({e("; ".join(g["roles"]))})</span>' if g["roles"] else ""
        qs = "".join(
            f'<blockquote{fact_attrs(q["id"], date=q["date"], speakers=[g["speaker"]], docs=q["docs"])}>'
            f'{"“" + e(q["text"]) + "”" if q["direct"] else e(q["text"])} '
            f'<span class="muted">{e(q["date"] or "undated")}{", " + e(q["medium"]) if q["medium"] else ""}</span> '
            f'{tags(("anon", q["anonymous"]), ("indirect", not q["direct"]))}'
            f'{" <span class=muted>" + e(q["support"]) + "</span>" if len(q["docs"]) > 1 else ""}{cite_html(q["cites"])}</blockquote>'
            for q in g["quotes"])
        out.append(f'<div class="speaker"><b>{e(g["speaker"])}</b>{roles}{qs}</div>')
    return section("quotes", "Who said what", "".join(out), "quotes", css="quotes")


def contradictions_html(rows: list[dict]) -> str:
    def side(s: dict) -> str:
        when = f' <span class="muted">{e(s["date"])}</span>' if s["date"] else ""
        return (f'<div data-fact="{e(s["id"])}"><div class="ev-kind">{e(s["kind"])}</div>'
                f'<div class="who"><b>{e(s["who"])}</b> {e(s["says"])}{when}:</div><div>{e(s["label"])}</div>'
                f'<div class="ev-text">“{e(s["statement"])}”</div>'
                f'<div class="muted">{e(s["support"])}</div>{cite_html(rm.cites_from_rows(s["evidence"]))}</div>')

    out = [f'<h3>{e(r["topic"])} <span class="tag">{e(r["kind"])}</span></h3>'
           f'<div class="pair">{side(r["a"])}{side(r["b"])}</div>' for r in rows]
    return section("contradictions", "Contradictions", "".join(out), "contradictions")


def events_html(rows: list[dict]) -> str:
    body = [
        f'<tr{fact_attrs(r["id"], date=r["date"], place=r["place"], type_=r["type"], actors=r["actors"], docs=r["docs"])}>'
        f'<td>{e(r["date"] or "undated")}</td><td>{e(r["subtype"] or r["type"])}</td><td>{e(r["place"])}</td>'
        f'<td>{e(r["parties"])}</td><td class="num">{e(r["fatalities"] if r["fatalities"] is not None else "")}</td>'
        f'<td>{e(r["summary"])}{dispute_html(r["status"], r["dispute"])} {tags(("background", r["background"]))}</td>'
        f'<td>{e(r["support"])}</td><td>{cite_html(r["cites"])}</td></tr>' for r in rows]
    return table_section("events", "Events",
                         ["date", "type", "place", "actors", "killed", "what", "sources", "evidence"], body, "events")


def sources_html(rows: list[dict]) -> str:
    body = []
    for d in rows:
        link = safe_url(d["url"])
        title = e(d["title"] or d["origin"])
        title_html = f'<a href="{e(link)}" rel="noopener noreferrer nofollow">{title}</a>' if link else title
        pub = e(d["published"] or "undated") + (' <span class="tag claimed">inferred</span>' if d["inferred"] else "")
        reuse = []
        if d["duplicate_of"]:
            reuse.append(f"copy of {src_link(d['duplicate_of'])}")
        if d["copies"]:
            reuse.append("copied by " + ", ".join(src_link(c) for c in d["copies"]))
        reuse += [f"shares {round(r['overlap'] * 100)}% with {src_link(r['doc'])}" for r in d["reuse"]]
        if d["reuse_more"]:  # the list holds the strongest links only (settings: dedup.reuse_listed)
            reuse.append(f"shares text with {d['reuse_more']} more reports")
        anon = anonymous_html(d["anonymous"])
        body.append(f'<tr id="src-{e(d["id"])}" data-docs="{e(d["id"])}"><td class="cite">{e(d["id"])}</td><td>{e(d["source"])}</td>'
                    f'<td>{title_html}<div class="muted">{e(", ".join(d["authors"]))}</div></td><td>{pub}</td>'
                    f'<td>{"<br>".join(reuse) or "<span class=muted>original</span>"}</td><td>{anon}</td></tr>')
    return table_section("sources", "Sources", ["id", "outlet", "title", "published", "reuse / syndication",
                                                "resting on anonymous sources"], body, "documents")


def src_link(doc_id: str) -> str:
    return f'<a href="#src-{e(doc_id)}">{e(doc_id)}</a>'


def anonymous_html(items: list[str], show: int = 4, chars: int = 90) -> str:
    """A count, then the first few items shortened: the table stays readable; each fact's own row has the full text."""
    if not items:
        return '<span class="muted">none</span>'
    quotes = sum(1 for i in items if i.startswith("quote:"))
    head = f"<b>{quotes} quotes, {len(items) - quotes} figures</b>"
    short = [e(i if len(i) <= chars else i[: chars - 1] + "…") for i in items[:show]]
    more = [f'<span class="muted">+{len(items) - show} more</span>'] if len(items) > show else []
    return "<br>".join([head, *short, *more])


def rejected_html(sit: Situation) -> str:
    head = '<section id="rejected"><h2>Rejected inputs</h2>'
    if not sit.rejected:
        return head + '<p class="muted">Every input was processed.</p></section>'
    return head + "<ul>" + "".join(f"<li><code>{e(r.origin)}</code>: {e(r.reason)}</li>" for r in sit.rejected) + "</ul></section>"


def filters_html(rep: rm.Report, events: list[dict], table: list[dict], live: bool) -> str:
    def select(name: str, label: str, options: list[tuple[str, str]]) -> str:
        opts = '<option value="">all</option>' + "".join(f'<option value="{e(v)}">{e(t)}</option>' for v, t in options)
        return f'<label>{e(label)}<select id="f-{name}">{opts}</select></label>'

    places = sorted({r["place"] for r in events if r["place"]} | {r["place"] for r in table}
                    | {rep.place_name(c.place) for c in rep.sit.claims if c.place})
    # Who fights or holds ground apart from who speaks: "witnesses" and "experts" are not parties to the conflict.
    actors = sorted({a for r in events for a in r["actors"]}
                    | {h["party"] for r in table for h in r["history"] if h["party"] != rm.UNNAMED})
    speakers = sorted({q.speaker_name or rep.name(q.speaker) for q in rep.sit.quotes if q.speaker_name or q.speaker})
    days = sorted({d[:10] for d in [r["date"] for r in events] + [h["date"] for r in table for h in r["history"]]
                   if len(d) >= 10})
    types = sorted({r["type"] for r in events})
    outlets = sorted({d.source for d in rep.sit.documents if d.source})
    sources = [("o:" + o, o) for o in outlets] + [("d:" + d.id, f"{d.id} · {(d.title or '')[:50]}") for d in rep.sit.documents]
    search = ('<form id="search-form" role="search"><label>search the articles<input id="q" type="search" maxlength="200">'
              '</label><button type="submit">search</button></form><ul id="search-results" class="results"></ul>') if live else ""
    return ('<section id="filter-section"><h2>Filter</h2><form id="filters" class="filters">'
            '<label>from<input id="f-from" type="date"></label><label>to<input id="f-to" type="date"></label>'
            + select("place", "place", [(p, p) for p in places]) + select("actor", "armed actor", [(a, a) for a in actors])
            + select("speaker", "speaker", [(a, a) for a in speakers])
            + select("type", "event type", [(t, t) for t in types]) + select("source", "source", sources)
            + time_slider(days) + '<button type="reset">clear</button></form>' + search + "</section>")


def time_slider(days: list[str]) -> str:
    """A slider over the days that have dated facts: facts dated after the chosen day are hidden."""
    if len(days) < 2:
        return ""
    return (f'<label>as of <output id="f-until-day">{e(days[-1])}</output><input id="f-until" type="range" min="0" '
            f'max="{len(days) - 1}" value="{len(days) - 1}" step="1" data-days="{e(" ".join(days))}"></label>')


# --------------------------------------------------------------------------- page


def compact_facts(facts: dict[str, dict]) -> tuple[dict, dict]:
    """Facts with evidence as keys into one table of sentences: a sentence stating ten facts is stored once.

    Places are left out: the page never shows a place's mentions as a fact of its own.
    """
    sentences: dict[str, dict] = {}
    out = {}
    for fid, f in facts.items():
        if f["kind"] == "place":
            continue
        keys = []
        for ev in f["evidence"]:
            key = f"{ev['doc']}:{ev['start']}:{ev['end']}"
            sentences.setdefault(key, ev)
            keys.append(key)
        # No label: the page reads it from the element clicked (or the map mark), not a second copy here.
        out[fid] = {"kind": f["kind"], "evidence": keys}
    return out, sentences


def place_labels(places: list, shown: set[str], markers: list[dict] = ()) -> list[tuple[str, float, float, int]]:
    """One label per spot on the map: names of places at the same coordinates are joined. Each label
    carries its weight (marks at its places), most marks first, then most mentioned: where labels would overlap on screen,
    the page shows the heavier one and the others on zoom or hover."""
    weight: dict[str, int] = defaultdict(int)
    for m in markers:
        weight[m["attrs"]["place"]] += 1
    spots: dict[tuple[float, float], list[str]] = {}
    labelled: set[str] = set()
    for p in places:
        if p.name in shown and p.name not in labelled:
            labelled.add(p.name)
            names = spots.setdefault((round(p.lat, 2), round(p.lon, 2)), [])
            if p.name not in names:
                names.append(p.name)
    mentions = {p.name: p.mentions for p in places}
    labels = [(" / ".join(sorted(names)), lat, lon, sum(weight[n] for n in names), sum(mentions.get(n, 0) for n in names))
              for (lat, lon), names in spots.items()]
    # Most marks first; among equals, the place the reports name most (the capital before a village near it).
    return [x[:4] for x in sorted(labels, key=lambda x: (-x[3], -x[4], x[0]))]


def area_km(approx: str | None, cfg: Export) -> float | None:
    """The radius of the dashed area drawn around an approximate location."""
    radius = {"near": cfg.map_near_radius_km, "region": cfg.map_region_radius_km,
              "country": cfg.map_country_radius_km}.get(approx or "")
    return radius or None


def mark_label(label: str, summary: str, status: str, dispute: str, approx: str | None) -> str:
    """A map mark's tooltip: what, its dispute if any, and how precise its location is."""
    text = f"{label}: {summary}" if summary else label
    note = rm.dispute_text(status, dispute)
    where = f" · location approximate ({approx})" if approx else ""
    return text + (f" ({note})" if note else "") + where


def page_data(rep: rm.Report, events: list[dict], table: list[dict], cfg: Export, live: bool):
    """The JSON the page script reads, and the legend colours."""
    type_colors = {t: EVENT_COLORS.get(t, OTHER_COLOR) for t in sorted({r["type"] for r in events if r["lat"] is not None})}
    # colours by party: "ISIS (militants)" and "Islamic State" hold ground for one side
    holders = sorted({r["holder_party"] for r in table if r["holder"] and r["lat"] is not None
                      and r["holder_party"] != rm.UNNAMED})
    actor_colors = {a: ACTOR_COLORS[i % len(ACTOR_COLORS)] for i, a in enumerate(holders)}
    if any(r["holder_party"] == rm.UNNAMED and r["lat"] is not None for r in table):
        actor_colors[rm.UNNAMED] = UNNAMED_HOLDER_COLOR
    markers, seen = [], {}
    for r in events:
        if r["lat"] is None:
            continue
        # Events at the same place would hide one another: spread them on a small ring.
        k = seen.get((r["lat"], r["lon"]), 0)
        seen[(r["lat"], r["lon"])] = k + 1
        # A sunflower spiral (golden angle): each new mark lands in the largest gap, none on top of another;
        # folded into the half east of the place, since its name is written to the west of its dot.
        angle, radius = (k * 2.39996) % math.pi - math.pi / 2, 0.035 * math.sqrt(2 * k)
        dlat, dlon = radius * math.sin(angle), radius * math.cos(angle)
        approx = rm.approximate(r["precision"], r["feature"])
        markers.append({"id": r["id"], "kind": "event", "lat": r["lat"] + dlat, "lon": r["lon"] + dlon,
                        "color": type_colors[r["type"]], "approx": approx, "area_km": area_km(approx, cfg),
                        "label": mark_label(rep.facts[r["id"]]["label"], r["summary"], r["status"], r["dispute"], approx),
                        "attrs": {"date": r["date"], "place": r["place"], "type": r["type"],
                                  "actors": json.dumps(r["actors"], ensure_ascii=False), "docs": " ".join(r["docs"])}})
    for r in table:
        if r["lat"] is None or not r["holder"]:
            continue
        last = next(h for h in r["history"] if h["id"] == r["holder_change"])
        approx = rm.approximate(r["precision"], r["feature"])
        held = f"{r['place']}: held by {r['holder']}" + (" (disputed)" if r["disputed"] else "")
        markers.append({"id": r["holder_change"], "kind": "control", "lat": r["lat"], "lon": r["lon"],
                        "color": actor_colors[r["holder_party"]], "approx": approx, "area_km": area_km(approx, cfg),
                        "label": mark_label(held, "", last["status"], last["dispute"], approx),
                        "attrs": {"date": last["date"], "place": r["place"], "actors": json.dumps([r["holder_party"]], ensure_ascii=False),
                                  "docs": " ".join(last["docs"])}})
    # A country's centroid ("Syria") says nothing about where things happen: towns and regions set the view.
    located = rm.located_places(rep)
    local = {p.name for p in located if (p.feature or "").lower() != "country"}
    points = ([(m["lat"], m["lon"]) for m in markers if m["attrs"]["place"] in local]
              or [(p.lat, p.lon) for p in located if p.name in local] or [(p.lat, p.lon) for p in located])
    bbox = basemap.focus_bbox(points, cfg)
    facts, sentences = compact_facts(rep.facts)
    data = {
        "live": live, "facts": facts, "sentences": sentences, "markers": markers, "bbox": list(bbox) if bbox else None,
        # Borders reach a span beyond the view so that panning or a wide window shows no bare edge.
        "borders": basemap.borders(basemap.widen(basemap.fit_aspect(bbox, cfg.map_aspect), cfg.map_border_reach), cfg) if bbox
        else {"type": "FeatureCollection", "features": []},
        "labels": place_labels(located, {m["attrs"]["place"] for m in markers} or {p.name for p in located}, markers),
        "docs": {d.id: {"title": d.title or "", "source": d.source or "", "published": d.published or ""}
                 for d in rep.sit.documents},
    }
    return data, type_colors, actor_colors


def render(sit: Situation, *, live: bool = False, cfg: Export | None = None) -> str:
    """The whole report page; `live` adds search and the article view for the web room."""
    cfg = cfg or Export()
    whole = sit  # the header counts the whole situation; the sections show `sit`, cut for a static page
    sit, left_out = (sit, 0) if live else rm.within_report(sit, cfg.report_max_stories, cfg.report_max_reports)
    rep = rm.build(sit)
    events, table = rm.event_rows(rep), rm.control_table(rep)
    data, type_colors, actor_colors = page_data(rep, events, table, cfg, live)
    assets = basemap.leaflet_assets()
    has_map = bool(data["bbox"]) and assets is not None
    leaflet_js, leaflet_css = assets if assets else ("", "")
    app_js = _static("report.js")
    scripts = [leaflet_js, app_js] if has_map else [app_js]
    csp = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
           "connect-src " + ("'self'" if live else "'none'") + "; script-src " + " ".join(_sha256(s) for s in scripts))
    dates = sorted(d.published[:10] for d in whole.documents if d.published)
    cut = f'<p class="meta cut">{e(rm.cut_note(sit, left_out))}</p>' if left_out else ""
    span = f"{dates[0]} to {dates[-1]}" if dates else "undated reports"
    title = whole.stories[0].title if len(whole.stories) == 1 and whole.stories[0].title else "Situation report"
    toc = "".join(f'<a href="#{a}">{e(t)}</a>' for a, t in (
        ("map-section", "Map"), ("stories", "Summary"), ("control", "Control"), ("figures", "Figures"), ("quotes", "Quotes"),
        ("contradictions", "Contradictions"), ("events", "Events"), ("sources", "Sources"), ("rejected", "Rejected")))
    body = "".join([
        # Look first, then read: the map (with its filters) opens the report, the stories' summaries follow.
        filters_html(rep, events, table, live),
        map_html(has_map, type_colors, actor_colors, sum(1 for r in events if r["lat"] is None),
                 "" if assets else '<p class="muted">No map: the django-js-lib-leaflet package is not installed.</p>'),
        '<span id="stories"></span>', stories_html(rm.story_rows(rep)),
        control_html(table), claims_html(rm.claim_rows(rep)), quotes_html(rm.quotes_by_speaker(rep)),
        contradictions_html(rm.contradiction_rows(rep)), events_html(events), sources_html(rm.source_rows(rep)),
        rejected_html(sit),
    ])
    aside = ('<aside id="evidence" aria-live="polite"><h2>Evidence</h2><div id="evidence-body"><p class="muted">'
             'Click any highlight, event, figure, quote, control entry or map mark to see the sentences that state it.'
             '</p></div>' + ('<div id="article" class="hidden"></div>' if live else "") + "</aside>")
    notices = e(basemap.LEAFLET_NOTICE) + "<br>" + e(basemap.BORDERS_NOTICE) if has_map else ""
    return "".join([
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">', '<meta name="referrer" content="no-referrer">',
        f"<title>{e(title)}</title>",
        f"<style>{leaflet_css if has_map else ''}\n{_static('report.css')}</style></head><body>",
        (f'<header class="top"><h1>{e(title)}</h1><div class="meta">{e(rep.support(d.id for d in whole.documents))} · '
         f'{rm.stories_count(whole)} · {e(span)} · {len(whole.events)} events · {len(whole.claims)} figures · '
         f"{len(whole.quotes)} quotes · {len(whole.control)} control statements"
         f'</div>{cut}<nav class="toc">{toc}</nav></header>'),
        f'<div class="layout"><main>{body}</main>{aside}</div>',
        f"<footer>Generated by sitroom. Every item links to the sentences that state it. {notices}</footer>",
        f'<script type="application/json" id="sitroom-data">{script_json(data)}</script>',
        *(f"<script>{s}</script>" for s in scripts),
        "</body></html>\n",
    ])
