"""The situation report as plain rows: what report.html, report.md and the web room show.

One place decides what the report says (names resolved, control history per
place, quotes per speaker, contradictions paired, anonymous sourcing per
document); the renderers only decide how it looks. Nothing here escapes text:
each renderer escapes for its own output format.
"""

from __future__ import annotations

import functools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sitroom.contract import Claim, ControlChange, Event, Evidence, Place, Quote, Situation
from sitroom.link.disputes import Dispute, all_disputes
from sitroom.link.entities import speaker_key
from sitroom.link.figures import claim_text
from sitroom.link.sources import OUTLET_PREFIX, source_groups, source_names

# A holder is whoever last took or kept a place; the other changes say it is fought over or lost.
HOLDING_CHANGES = ("captured", "holds", "retook")
DISPUTED_CHANGES = ("contested", "besieged")
UNNAMED = "an unnamed actor"  # a control statement whose actor was not resolved


def _unique_tags(pairs) -> list[str]:
    """Unique `doc#sN` references for (doc, sentence) pairs, in order of first appearance."""
    return list(dict.fromkeys(f"{doc}#s{sentence}" for doc, sentence in pairs))


def cites(evidence: list[Evidence]) -> list[str]:
    return _unique_tags((e.doc, e.sentence) for e in evidence)


def cites_from_rows(rows: list[dict]) -> list[str]:
    return _unique_tags((r["doc"], r["sentence"]) for r in rows)


def evidence_rows(evidence: list[Evidence]) -> list[dict]:
    return [{"doc": e.doc, "sentence": e.sentence, "start": e.start, "end": e.end, "text": e.text} for e in evidence]


@dataclass
class Report:
    sit: Situation
    names: dict[str, str] = field(default_factory=dict)  # entity id -> canonical name
    places: dict = field(default_factory=dict)  # place id -> Place
    docs: dict = field(default_factory=dict)  # doc id -> Document
    groups: dict[str, str] = field(default_factory=dict)  # doc id -> independent source key (outlet or wire)
    source_names: dict[str, str] = field(default_factory=dict)  # source key -> "CNN"
    disputes: dict[str, Dispute] = field(default_factory=dict)  # fact id -> who denies, contradicts or claims it

    @functools.cached_property
    def facts(self) -> dict[str, dict]:
        """{fact id: {kind, label, evidence}} for every fact and summary sentence: what the page's evidence
        panel shows. Made when first asked: the CSV, the GeoJSON and report.md never ask for it."""
        sit, facts = self.sit, {}
        for f in (*sit.events, *sit.claims, *sit.quotes, *sit.control, *sit.places):
            facts[f.id] = fact_row(self, f)
        for s in sit.stories:
            for i, sent in enumerate(s.highlights):
                facts[f"{s.id}:h{i}"] = {"kind": "highlight", "label": sent.text, "evidence": evidence_rows(sent.evidence)}
            for i, sent in enumerate(s.summary):
                facts[f"{s.id}:s{i}"] = {"kind": "summary", "label": sent.text, "evidence": evidence_rows(sent.evidence)}
        return facts

    def name(self, entity_id: str | None) -> str:
        if not entity_id:
            return ""
        return self.names.get(entity_id, entity_id)

    def place_name(self, place_id: str | None) -> str:
        if not place_id:
            return ""
        p = self.places.get(place_id)
        return p.name if p else place_id

    def outlet(self, doc_id: str) -> str:
        d = self.docs.get(doc_id)
        return (d.source or d.id) if d else doc_id

    def support(self, docs) -> str:
        """"5 reports, 1 outlet (CNN)": reports carrying a fact and the independent sources among them."""
        docs = sorted(set(docs))
        keys = list(dict.fromkeys(self.groups.get(d, d) for d in docs))
        n = len(keys)
        if not all(k.startswith(OUTLET_PREFIX) for k in keys):  # some outlet unknown: count sources, name none
            return f"{len(docs)} report{'s' * (len(docs) != 1)}, {n} independent source{'s' * (n != 1)}"
        shown = f" ({', '.join(self.source_names.get(k, k) for k in keys)})" if 0 < n <= 3 else ""
        return f"{len(docs)} report{'s' * (len(docs) != 1)}, {n} outlet{'s' * (n != 1)}{shown}"

    def dispute(self, fact_id: str) -> str:
        d = self.disputes.get(fact_id)
        return d.note if d else ""


def within_report(sit: Situation, max_stories: int, max_reports: int) -> tuple[Situation, int]:
    """What report.html and report.md show of a very large situation, and how many stories they leave
    out: the stories carried by the most reports (in their own order), as many as fit in `max_stories`
    stories and `max_reports` reports (one at least), those stories' reports, and the facts, places and
    contradictions those reports state. A page of every story of tens of thousands of reports is too
    big to open, and to build; the web room (`sitroom serve`) serves the whole situation. A situation
    within both bounds is shown whole."""
    if len(sit.stories) <= max_stories and len(sit.documents) <= max_reports:
        return sit, 0
    ranked = sorted(range(len(sit.stories)), key=lambda i: (-len(sit.stories[i].documents), i))
    chosen, reports = [], 0
    for i in ranked:
        reports += len(sit.stories[i].documents)
        if chosen and (len(chosen) == max_stories or reports > max_reports):
            break
        chosen.append(i)
    if len(chosen) == len(sit.stories):
        return sit, 0
    stories = [sit.stories[i] for i in sorted(chosen)]
    docs = {d for s in stories for d in s.documents}

    def stated(facts: list) -> list:  # a fact's reports: those it lists, and those its evidence quotes
        return [f for f in facts if not docs.isdisjoint(f.documents) or any(e.doc in docs for e in f.evidence)]

    quotes, claims, events, control = stated(sit.quotes), stated(sit.claims), stated(sit.events), stated(sit.control)
    facts = {f.id for f in (*quotes, *claims, *events, *control)}
    named = {f.place for f in (*claims, *events, *control) if f.place}
    places = [p for p in sit.places if p.id in named or any(m.doc in docs for m in p.spans)
              or any(e.doc in docs for e in p.evidence)]
    part = sit.model_copy(update={
        "documents": [d for d in sit.documents if d.id in docs], "stories": stories, "quotes": quotes,
        "claims": claims, "events": events, "control": control, "places": places,
        "contradictions": [c for c in sit.contradictions if c.a in facts and c.b in facts],
        "times": [t for t in sit.times if t.doc in docs]})
    return part, len(sit.stories) - len(stories)


def stories_count(sit: Situation) -> str:
    """"1 story", "12 stories"."""
    return f"{len(sit.stories)} stor{'y' if len(sit.stories) == 1 else 'ies'}"


def cut_note(shown: Situation, left_out: int) -> str:
    """What a report cut by `within_report` says of its cut ("" when it shows everything)."""
    if not left_out:
        return ""
    smaller = f"{left_out:,} smaller stor{'y is' if left_out == 1 else 'ies are'} left out"
    return (f"This report shows the {len(shown.stories):,} stories carried by the most reports and what their "
            f"{len(shown.documents):,} reports state; {smaller}. "
            "The web room (sitroom serve on this folder) shows the whole situation.")


def build(sit: Situation) -> Report:
    rep = Report(sit=sit)
    rep.names = {e.id: e.name for e in sit.entities}
    rep.places = {p.id: p for p in sit.places}
    rep.docs = {d.id: d for d in sit.documents}
    rep.groups = source_groups(sit.documents)
    rep.source_names = source_names(sit.documents, rep.groups)
    rep.disputes = all_disputes(sit.claims, sit.events, sit.control, sit.contradictions)
    return rep


def fact_row(rep: Report, f: Event | Claim | Quote | ControlChange | Place) -> dict:
    """One fact as the evidence panel shows it: its kind, a label, its evidence rows."""
    if isinstance(f, Event):
        kind, label = "event", event_label(rep, f)
    elif isinstance(f, Claim):
        kind, label = "claim", claim_label(rep, f)
    elif isinstance(f, Quote):
        kind, label = "quote", f"{f.speaker_name or rep.name(f.speaker) or 'unattributed'}: {f.text}"
    elif isinstance(f, ControlChange):
        kind, label = "control", control_label(rep, f)
    else:
        kind, label = "place", f.name
    return {"kind": kind, "label": label, "evidence": evidence_rows(f.evidence)}


# --------------------------------------------------------------------------- labels


def number(value: float | None) -> str:
    if value is None:
        return ""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.2f}"


def event_label(rep: Report, ev) -> str:
    what = ev.subtype or ev.type
    where = rep.place_name(ev.place)
    return f"{ev.date or 'undated'} · {what}" + (f" · {where}" if where else "")


def claim_label(rep: Report, c) -> str:
    # units and currencies, vague amounts as their words, the spread across copies: one definition
    return claim_text(c)


def actor_label(name: str, group: str | None = None, hedge: str | None = None) -> str:
    """An actor as the text names it, with the group the text links it to and its hedge:
    "ISIS (militants)", "possibly ISIS fighters"."""
    text = f"{group} ({name})" if group and group.lower() not in name.lower() else name
    return f"{hedge} {text}" if hedge else text


def event_parties(ev) -> str:
    """Who acted and on whom, by role: "ISIS (militants) → civilians, army soldiers"."""
    def side(names):
        return ", ".join(actor_label(n, ev.actor_groups.get(n), ev.actor_certainty.get(n)) for n in names)
    doers, targets = side(ev.actor1), side(ev.actor2)
    return f"{doers} → {targets}" if doers and targets else doers or (f"→ {targets}" if targets else "")


def control_party(rep: Report, cc) -> str:
    """Who holds or takes the place, as one party for filters and colours: the linked group's entity."""
    return rep.name(cc.actor) or cc.actor_name or UNNAMED


def control_actor(rep: Report, cc) -> str:
    """The actor as shown: its entity name, or the text's word with the group it is linked to."""
    if cc.actor_group and cc.actor_name:
        return actor_label(cc.actor_name, rep.name(cc.actor) or cc.actor_group)
    return rep.name(cc.actor) or cc.actor_name or UNNAMED


def control_label(rep: Report, cc) -> str:
    share = f" ({round(cc.share * 100)}%)" if cc.share is not None else ""
    who = control_actor(rep, cc) if (cc.actor or cc.actor_name) else "unknown actor"
    return f"{who} {cc.change} {rep.place_name(cc.place) or cc.place_name or 'an unnamed place'}{share}"


# --------------------------------------------------------------------------- sections


def event_rows(rep: Report) -> list[dict]:
    rows = []
    for ev in sorted(rep.sit.events, key=lambda e: (e.date or "9999", e.id)):
        p = rep.places.get(ev.place) if ev.place else None
        rows.append({
            "id": ev.id, "date": ev.date or "", "date_precision": ev.date_precision or "", "type": ev.type,
            "subtype": ev.subtype or "", "place": rep.place_name(ev.place), "place_id": ev.place or "",
            "lat": p.lat if p else None, "lon": p.lon if p else None,
            "actors": [rep.name(a) for a in ev.actors], "fatalities": ev.fatalities, "injured": ev.injured,
            "parties": event_parties(ev) or ", ".join(rep.name(a) for a in ev.actors),
            "summary": ev.summary, "status": ev.status, "sources": ev.sources, "background": ev.background,
            "docs": sorted({e.doc for e in ev.evidence} | set(ev.documents)), "cites": cites(ev.evidence),
            "support": rep.support({e.doc for e in ev.evidence} | set(ev.documents)), "dispute": rep.dispute(ev.id),
            "precision": (p.precision or p.feature or "") if p else "", "feature": (p.feature or "") if p else "",
        })
    return rows


def control_table(rep: Report) -> list[dict]:
    """Per place: its history in date order, the latest holder, and whether holding it is disputed."""
    by_place: dict[str, list] = defaultdict(list)
    for cc in rep.sit.control:
        # A place not found in the gazetteer is still the place the text names: one row per name, never one for all.
        by_place[cc.place or "name:" + (cc.place_name or cc.id)].append(cc)
    contradicted = {side for x in rep.sit.contradictions for side in (x.a, x.b)}
    table = []
    for place_id, changes in by_place.items():
        changes.sort(key=lambda c: (c.date or "", c.id))
        history = [{
            "id": c.id, "date": c.date or "", "actor": control_actor(rep, c), "party": control_party(rep, c),
            "change": c.change,
            "share": c.share, "status": c.status, "assessed": c.assessed, "sources": c.sources, "cites": cites(c.evidence),
            "docs": sorted({e.doc for e in c.evidence}), "attributed_to": c.attributed_to or "",
            "dispute": rep.dispute(c.id), "support": rep.support({e.doc for e in c.evidence} | set(c.documents)),
        } for c in changes]
        holders = [h for h in history if h["change"] in HOLDING_CHANGES and h["status"] != "denied"]
        latest = holders[-1] if holders else None
        # Disputed: an explicit contest or siege, a disputed/denied status, a statement another
        # contradicts, or different actors claiming the place on the latest date anyone claimed it.
        last_date = latest["date"] if latest else None
        rivals = {h["party"] for h in holders if h["date"] == last_date}
        disputed = (
            any(h["change"] in DISPUTED_CHANGES or h["status"] in ("disputed", "denied") for h in history)
            or any(h["id"] in contradicted for h in history)
            or len(rivals) > 1
        )
        p = rep.places.get(place_id)
        named = place_id.removeprefix("name:") if place_id.startswith("name:") else ""
        table.append({
            "place": (changes[0].place_name or "unnamed place") if named else rep.place_name(place_id),
            "place_id": "" if named else place_id, "located": not named,
            "precision": (p.precision or p.feature or "") if p else "", "feature": (p.feature or "") if p else "",
            "lat": p.lat if p else None, "lon": p.lon if p else None,
            "history": history, "holder": latest["actor"] if latest else "",
            "holder_party": latest["party"] if latest else "", "holder_change": latest["id"] if latest else "",
            "disputed": disputed,
        })
    table.sort(key=lambda r: r["place"].lower())
    return table


def claim_rows(rep: Report) -> list[dict]:
    rows = []
    for c in sorted(rep.sit.claims, key=lambda c: (c.kind, c.date or "", c.id)):
        rows.append({
            "id": c.id, "label": claim_label(rep, c), "kind": c.kind, "value": c.value, "value_max": c.value_max,
            "qualifier": c.qualifier, "subject": c.subject or "", "place": rep.place_name(c.place),
            "date": c.date or "", "attributed_to": c.attributed_to or "", "anonymous": c.anonymous_source,
            "status": c.status, "background": c.background, "cites": cites(c.evidence),
            "docs": sorted({e.doc for e in c.evidence}), "dispute": rep.dispute(c.id),
            "support": rep.support({e.doc for e in c.evidence} | set(c.documents)),
        })
    return rows


def quotes_by_speaker(rep: Report) -> list[dict]:
    """The quotes grouped by speaker: one group for the forms one speaker is written in ("Iraqiya TV",
    "state-run Iraqiya TV"), headed by the form written most often, then the fullest."""
    groups: dict[str, dict] = {}
    names: dict[str, Counter] = defaultdict(Counter)
    for q in rep.sit.quotes:
        name = q.speaker_name or rep.name(q.speaker) or ("anonymous source" if q.anonymous else "unattributed")
        key = speaker_key(q) if q.speaker_name or q.speaker else name
        names[key][name] += 1
        g = groups.setdefault(key, {"speaker": name, "roles": [], "quotes": []})
        if q.speaker_role and q.speaker_role not in g["roles"]:
            g["roles"].append(q.speaker_role)
        g["quotes"].append({
            "id": q.id, "text": q.text, "direct": q.direct, "date": q.date or "", "anonymous": q.anonymous,
            "medium": q.medium or "", "cites": cites(q.evidence), "docs": sorted({e.doc for e in q.evidence}),
            "partial": q.partial, "sources": q.sources,
            "support": rep.support({e.doc for e in q.evidence} | set(q.documents)),
        })
    for key, g in groups.items():
        g["speaker"] = max(names[key].items(), key=lambda kv: (kv[1], len(kv[0])))[0]
        g["quotes"].sort(key=lambda x: (x["date"], x["id"]))
    # Most-quoted speakers first: the voices that shape the story.
    return sorted(groups.values(), key=lambda g: (-len(g["quotes"]), g["speaker"].lower()))


def contradiction_rows(rep: Report) -> list[dict]:
    """Each contradiction with its two sides told apart: who says what, in which words, in how many reports."""
    by_id = {f.id: f for f in (*rep.sit.claims, *rep.sit.events, *rep.sit.control, *rep.sit.quotes)}

    def side(fid: str, other: str, denial: bool) -> dict:
        f = by_id.get(fid)  # its row alone (not every fact's, as `rep.facts` makes them)
        row = {"id": fid, **(fact_row(rep, f) if f is not None else {"kind": "?", "label": fid, "evidence": []})}
        who = (getattr(f, "attributed_to", None) if f is not None else None) or "an unattributed report"
        says = "denies" if denial else "says"
        docs = {e["doc"] for e in row["evidence"]} | set(getattr(f, "documents", []) or [])
        # A side's own words: a denial's evidence also holds the claim it denies, which the other side already shows.
        theirs = {(e.doc, e.sentence) for e in (by_id[other].evidence if other in by_id else [])}
        own = [e for e in row["evidence"] if (e["doc"], e["sentence"]) not in theirs] or row["evidence"]
        row.update(who=who, says=says, statement=own[0]["text"].strip() if own else "",
                   date=(getattr(f, "date", None) or "") if f is not None else "", support=rep.support(docs))
        return row

    rows = []
    for c in rep.sit.contradictions:
        rows.append({"id": c.id, "topic": c.topic, "kind": c.kind, "note": c.note,
                     "a": side(c.a, c.b, False), "b": side(c.b, c.a, c.kind == "denial")})
    return rows


def source_rows(rep: Report) -> list[dict]:
    """Each document with its copies and reuse, and the quotes/claims in it that rest on anonymous sources."""
    anon: dict[str, list[str]] = defaultdict(list)
    for q in rep.sit.quotes:
        if q.anonymous:
            for d in {e.doc for e in q.evidence}:
                anon[d].append(f"quote: {q.text}")
    for c in rep.sit.claims:
        if c.anonymous_source:
            for d in {e.doc for e in c.evidence}:
                anon[d].append(f"figure: {claim_label(rep, c)} ({c.attributed_to or 'unnamed source'})")
    copies: dict[str, list[str]] = defaultdict(list)
    for d in rep.sit.documents:
        if d.duplicate_of:
            copies[d.duplicate_of].append(d.id)
    rows = []
    for d in rep.sit.documents:
        rows.append({
            "id": d.id, "source": d.source or "", "title": d.title or "", "url": d.url or "", "origin": d.origin,
            "published": d.published or "", "inferred": d.published_inferred, "precision": d.published_precision or "",
            "authors": d.authors, "duplicate_of": d.duplicate_of or "", "copies": copies.get(d.id, []),
            "reuse": [{"doc": r.doc, "overlap": r.overlap} for r in d.reuse], "reuse_more": d.reuse_more,
            "anonymous": anon.get(d.id, []),
            "story": d.story or "",
        })
    return rows


def story_rows(rep: Report) -> list[dict]:
    events = {e.id: e for e in rep.sit.events}
    rows = []
    for s in rep.sit.stories:
        timeline = []
        for day in s.timeline:
            items = []
            for eid in day.events:
                ev = events.get(eid)
                if ev is not None:
                    items.append({"id": eid, "label": ev.summary or event_label(rep, ev), "type": ev.type,
                                  "cites": cites(ev.evidence), "status": ev.status, "dispute": rep.dispute(eid)})
                else:  # a timeline entry that is not an event id (e.g. a free-text item): show it as given
                    items.append({"id": "", "label": eid, "type": "", "cites": [], "status": "reported", "dispute": ""})
            timeline.append({"date": day.date, "items": items})
        rows.append({
            "id": s.id, "title": s.title or s.id, "documents": s.documents, "support": rep.support(s.documents),
            "first_date": s.first_date or "",
            "last_date": s.last_date or "",
            "highlights": [sentence_row(f"{s.id}:h{i}", h) for i, h in enumerate(s.highlights)],
            "summary": [sentence_row(f"{s.id}:s{i}", x) for i, x in enumerate(s.summary)],
            "timeline": timeline,
        })
    return rows


def sentence_row(row_id: str, sent) -> dict:
    """A highlight or summary sentence with the dispute it states ("denied by …"), if any."""
    return {"id": row_id, "text": sent.text, "cites": cites(sent.evidence), "status": sent.status or "",
            "dispute": sent.dispute or ""}


def dispute_text(status: str, dispute: str) -> str:
    """What a renderer appends to a disputed statement: the note, else the bare status."""
    if dispute:
        return dispute
    return status if status and status != "reported" else ""


# What a place's precision or feature class says about how exactly its point locates what happened there.
APPROXIMATE = {"near": "near", "region": "region", "admin1": "region", "admin2": "region", "province": "region",
               "country": "country"}


def approximate(precision: str, feature: str) -> str | None:
    """"region", "country" or "near" when the point stands for an area or a vicinity; None for a town itself."""
    return APPROXIMATE.get((precision or "").lower()) or APPROXIMATE.get((feature or "").lower())


def located_places(rep: Report) -> list:
    return [p for p in rep.sit.places if p.lat is not None and p.lon is not None]
