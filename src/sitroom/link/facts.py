"""Claims, events and control across documents: one fact per happening, with independent-source counts.

Reports of one happening become one fact holding every report's evidence. A fact's
`sources` counts INDEPENDENT sources (`sitroom.link.sources`): syndicated copies and
reposts count once. Figures that disagree are kept side by side (`Event.figures`), never
averaged. When two facts may be one is `sitroom.link.compatible`; the contradictions
between the merged facts are `sitroom.link.contradictions`.
"""

from __future__ import annotations

from collections import Counter, defaultdict

from sitroom.contract import (
    Analysis,
    Claim,
    Contradiction,
    ControlChange,
    Document,
    Entity,
    Event,
    Evidence,
    Place,
    make_id,
)
from sitroom.knowledge.sides import actors_compatible
from sitroom.link.compatible import (
    PRECISION_RANK,
    PlaceIndex,
    date_range,
    dated_by_report,
    facts_dated_together,
    precision_of,
    subjects_compatible,
)
from sitroom.link.contradictions import find_contradictions
from sitroom.link.entities import entity_lookup
from sitroom.link.figures import merge_copy_variants
from sitroom.link.sources import copy_groups, count_sources, source_groups
from sitroom.settings import Settings

# --------------------------------------------------------------------------- clustering


WILD = "*"  # a place key: the fact may be at any place


def _cluster(items: list, same, block=lambda it: None, window_days: int = 0, place_keys=None) -> list[list]:
    """Greedy single pass: each item joins the first cluster all of whose members it matches.

    Only clusters that could match are tried: those in the item's `block` (a key `same` requires
    to be equal, e.g. the event type), holding a member dated within `window_days` of it (the
    widest gap `same` accepts; undated members match any day) and filed under a place key it looks
    under (`place_keys(item)` -> (keys it is filed under, keys it looks under), or None when it may
    be at any place). Buckets of `window_days + 1` days make the date a look at three buckets, so
    the work grows with the number of facts, not its square; the clusters come out as a scan of
    every cluster would make them.
    """
    clusters: list[list] = []
    width = window_days + 1
    index: dict = defaultdict(lambda: defaultdict(set))  # block -> (place key, day bucket) -> cluster positions

    def buckets(it) -> list:
        span = date_range(getattr(it, "date", None)) if window_days else None
        if span is None:
            return [None]
        return list(range(span[0].toordinal() // width, span[1].toordinal() // width + 1))

    for it in items:
        cells = index[block(it)]
        days = buckets(it)
        keys = place_keys(it) if place_keys else ((WILD,), (WILD,))
        own_places, look_places = ((WILD,), None) if keys is None else keys
        look_days = None if days == [None] else range(days[0] - 1, days[-1] + 2)
        candidates: set[int] = set()
        if look_places is None or look_days is None:  # anywhere or any day: filter every cell
            places_ok = None if look_places is None else {*look_places, WILD}
            days_ok = None if look_days is None else {*look_days, None}
            for (pk, b), found in cells.items():
                if (places_ok is None or pk in places_ok) and (days_ok is None or b in days_ok):
                    candidates |= found
        else:
            for pk in {*look_places, WILD}:
                for b in (*look_days, None):
                    candidates |= cells.get((pk, b), set())
        for pos in sorted(candidates):  # creation order, as a scan of every cluster would go
            if all(same(it, other) for other in clusters[pos]):
                clusters[pos].append(it)
                break
        else:
            pos = len(clusters)
            clusters.append([it])
        for pk in own_places:
            for b in days:
                cells[(pk, b)].add(pos)
    return clusters


def _window(settings: Settings) -> int:
    """The widest gap in days `facts_dated_together` accepts between two facts' date ranges."""
    r = settings.resolve
    return max(r.event_merge_days, r.report_date_window_days) + r.event_merge_days


def _evidence(items) -> list[Evidence]:
    seen, out = set(), []
    for it in items:
        for ev in it.evidence:
            key = (ev.doc, ev.start, ev.end)
            if key not in seen:
                seen.add(key)
                out.append(ev)
    return out


def _best_date(values: list[str | None]) -> str | None:
    known = [v for v in values if v]
    if not known:
        return None
    best = min(PRECISION_RANK[precision_of(v)] for v in known)
    top = [v for v in known if PRECISION_RANK[precision_of(v)] == best]
    return Counter(top).most_common(1)[0][0]


def _attributions(items) -> str | None:
    seen = []
    for it in items:
        for who in (it.attributed_to or "").split("; "):
            if who and who.lower() not in {s.lower() for s in seen}:
                seen.append(who)
    return "; ".join(seen) if seen else None


def _status(statuses: list[str]) -> str:
    s = set(statuses)
    if "denied" in s and s - {"denied"}:
        return "disputed"
    if "reported" in s:
        return "reported"
    return statuses[0] if statuses else "reported"


def _merged_date(facts) -> tuple[str | None, str | None]:
    """The most precise date stated by a time expression, else the report dates' best."""
    stated = [f.date for f in facts if f.date and not dated_by_report(f)]
    if stated:
        return _best_date(stated), next(f.date_basis for f in facts if f.date and not dated_by_report(f))
    best = _best_date([f.date for f in facts])
    basis = next((f.date_basis for f in facts if f.date == best and f.date_basis), "report")
    return best, (basis if best else None)


# --------------------------------------------------------------------------- events


def merge_events(events: list[Event], groups, places: PlaceIndex, find_entity, settings: Settings,
                 names: dict[str, str] | None = None) -> list[Event]:
    """`names`: entity id -> canonical name, to write a linked group ("ISIS") by its entity's name."""
    km = settings.resolve.event_merge_km

    def same(a: Event, b: Event) -> bool:
        if (a.type, a.subtype, a.background) != (b.type, b.subtype, b.background):
            return False
        if not facts_dated_together(a, b, settings):
            return False
        if not places.same_for_facts(a, b, km):
            return False
        if a.fatalities is not None and b.fatalities is not None and a.documents == b.documents \
                and a.fatalities != b.fatalities:
            return False  # two tolls in one report are two incidents
        return actors_compatible(a.actor_names, b.actor_names)

    ordered = sorted(events, key=lambda e: (PRECISION_RANK[precision_of(e.date)], e.date or "", e.id))
    out = []
    for cluster in _cluster(ordered, same, block=lambda e: (e.type, e.subtype, e.background),
                            window_days=_window(settings),
                            place_keys=lambda e: places.fact_keys(e.place, e.place_name, km, unknown_names_free=True)):
        out.append(_merged_event(cluster, groups, find_entity, names or {}))
    return sorted(out, key=lambda e: (e.date or "9999", e.type, e.id))


def _pick_figure(values: list[tuple[int | None, str]], groups) -> int | None:
    """The figure most independent sources give, then most reports (copies of one report that
    disagree: the majority, not the minority); on a tie the lower (conservative) one. A vague
    amount ("dozens", value None) states no number and is never picked."""
    support: dict[int, set] = defaultdict(set)
    reports: dict[int, set] = defaultdict(set)
    for v, doc in values:
        if v is not None:
            support[v].add(groups.get(doc, doc))
            reports[v].add(doc)
    if not support:
        return None
    return min(support, key=lambda v: (-len(support[v]), -len(reports[v]), v))


def _union(lists) -> list[str]:
    """Names in order of first appearance, once each whatever their case ("militants", "Militants")."""
    out: list[str] = []
    seen: set[str] = set()
    for names in lists:
        for n in names:
            if n.lower() not in seen:
                seen.add(n.lower())
                out.append(n)
    return out


def _canonical_group(group: str | None, find_entity, names: dict[str, str]) -> str | None:
    """A linked group by its entity's canonical name ("ISIS" -> "Islamic State in Iraq and Syria"), else as written."""
    eid = find_entity(group) if group else None
    return names.get(eid, group) if eid else group


def _merged_event(cluster: list[Event], groups, find_entity, names_of: dict[str, str]) -> Event:
    figures = [f for e in cluster for f in e.figures]
    picked = {kind: _pick_figure([(f.value, f.doc) for f in figures if f.kind == kind], groups)
              for kind in {f.kind for f in figures}}

    def agrees(e: Event) -> bool:  # its own figures are the picked ones: its summary tells the majority
        return all(f.value == picked[f.kind] for f in e.figures if f.value is not None)

    head = max(cluster, key=lambda e: (agrees(e), len(e.actor_names) + (e.fatalities is not None)
                                       + (e.place is not None), len(e.summary)))
    docs = sorted({d for e in cluster for d in e.documents})
    actor1 = _union(e.actor1 for e in cluster)
    actor2 = [n for n in _union(e.actor2 for e in cluster) if n.lower() not in {a.lower() for a in actor1}]
    names = _union([actor1, actor2, *(e.actor_names for e in cluster)])
    linked: dict[str, str] = {}  # "militants" -> "ISIS" where a report links them (the first report that does)
    for e in cluster:
        for n, g in e.actor_groups.items():
            linked.setdefault(n.lower(), _canonical_group(g, find_entity, names_of))
    actor_groups = {n: linked[n.lower()] for n in names if n.lower() in linked}
    actors = []
    for n in names:  # who acted first: actors[0] is actor1 when it is a known entity (or linked to one)
        eid = find_entity(n) or find_entity(actor_groups.get(n))
        if eid and eid not in actors:
            actors.append(eid)
    certainty = {n: h for e in cluster for n, h in e.actor_certainty.items()}
    date_value, basis = _merged_date(cluster)
    return Event(
        id=make_id("ev", *sorted(e.id for e in cluster)), type=head.type, subtype=head.subtype, date=date_value,
        date_precision=precision_of(date_value), actors=actors, actor_names=names,
        place=next((e.place for e in cluster if e.place), None),
        place_name=next((e.place_name for e in cluster if e.place_name), None),
        fatalities=picked.get("killed"), injured=picked.get("wounded"),
        actor1=actor1, actor2=actor2, actor_certainty=certainty, actor_groups=actor_groups,
        summary=head.summary, status=_status([e.status for e in cluster]),
        # why this type: the reading that typed the event shown (issue "typed by meaning")
        type_confidence=head.type_confidence, type_alternatives=head.type_alternatives, type_rule=head.type_rule,
        sources=count_sources(docs, groups), documents=docs, background=head.background,
        attributed_to=_attributions(cluster), figures=figures, evidence=_evidence(cluster), date_basis=basis,
    )


# --------------------------------------------------------------------------- claims


def merge_claims(claims: list[Claim], groups, places: PlaceIndex, settings: Settings,
                 copy_of: dict[str, str] | None = None) -> list[Claim]:
    km = settings.resolve.event_merge_km

    def same(a: Claim, b: Claim) -> bool:
        return ((a.kind, a.value, a.value_max, a.status, a.background) == (b.kind, b.value, b.value_max, b.status,
                                                                           b.background)
                and subjects_compatible(a.subject, b.subject)
                and places.same((a.place, a.place_name), (b.place, b.place_name), km, wildcard=True)
                and facts_dated_together(a, b, settings))

    out = []
    for cluster in _cluster(sorted(claims, key=lambda c: c.id), same,
                            block=lambda c: (c.kind, c.value, c.value_max, c.status, c.background),
                            window_days=_window(settings),
                            place_keys=lambda c: places.fact_keys(c.place, c.place_name, km, wildcard=True)):
        head = max(cluster, key=lambda c: (c.attributed_to is not None, c.place is not None, c.qualifier != "exact"))
        docs = sorted({d for c in cluster for d in (c.documents or [c.evidence[0].doc])})
        out.append(head.model_copy(update={
            "id": make_id("c", *sorted(c.id for c in cluster)), "documents": docs,
            "sources": count_sources(docs, groups), "attributed_to": _attributions(cluster),
            "anonymous_source": all(c.anonymous_source for c in cluster if c.attributed_to),
            "date": _merged_date(cluster)[0], "date_basis": _merged_date(cluster)[1],
            "place": next((c.place for c in cluster if c.place), None),
            "place_name": next((c.place_name for c in cluster if c.place_name), None),
            "evidence": _evidence(cluster), "copies": len(docs),
        }))
    if copy_of is None:
        return out

    def same_topic(a: Claim, b: Claim) -> bool:
        return (subjects_compatible(a.subject, b.subject) and facts_dated_together(a, b, settings)
                and places.same((a.place, a.place_name), (b.place, b.place_name), km, wildcard=True))

    merged = merge_copy_variants(out, copy_of, same_topic, settings.resolve.figure_variant_overlap)
    for c in merged:
        if c.variants:
            c.sources = count_sources(sorted({*c.documents, *(d for v in c.variants for d in v.documents)}), groups)
    return merged


# --------------------------------------------------------------------------- control


def merge_control(changes: list[ControlChange], groups, places: PlaceIndex, find_entity,
                  settings: Settings, names: dict[str, str] | None = None) -> list[ControlChange]:
    km = settings.resolve.event_merge_km

    def same(a: ControlChange, b: ControlChange) -> bool:
        return ((a.change, a.background) == (b.change, b.background)
                and places.same((a.place, a.place_name), (b.place, b.place_name), km)
                and facts_dated_together(a, b, settings)
                and actors_compatible([a.actor_name or ""], [b.actor_name or ""]))

    out = []
    ordered = sorted(changes, key=lambda c: (PRECISION_RANK[precision_of(c.date)], c.date or "", c.id))
    for cluster in _cluster(ordered, same, block=lambda c: (c.change, c.background), window_days=_window(settings),
                            place_keys=lambda c: places.fact_keys(c.place, c.place_name, km)):
        head = max(cluster, key=lambda c: (c.actor_name is not None, c.share is not None, c.date is not None))
        docs = sorted({d for c in cluster for d in (c.documents or [c.evidence[0].doc])})
        n = count_sources(docs, groups)
        statuses = [c.status for c in cluster]
        actor_name = next((c.actor_name for c in cluster if c.actor_name), None)
        group = _canonical_group(next((c.actor_group for c in cluster if c.actor_group and c.actor_name == actor_name),
                                      None), find_entity, names or {})
        out.append(head.model_copy(update={
            "id": make_id("k", *sorted(c.id for c in cluster)), "documents": docs, "sources": n,
            "assessed": n >= settings.resolve.assessed_min_sources and "claimed" not in statuses,
            "status": _status(statuses), "actor_name": actor_name, "actor_group": group,
            "actor": find_entity(actor_name) or find_entity(group),
            "date": _merged_date(cluster)[0], "date_basis": _merged_date(cluster)[1],
            "attributed_to": _attributions(cluster),
            "share": next((c.share for c in cluster if c.share is not None), None),
            "place": next((c.place for c in cluster if c.place), None),
            "evidence": _evidence(cluster),
        }))
    return sorted(out, key=lambda c: (c.place_name or "", c.date or "", c.change))


# --------------------------------------------------------------------------- entry point


def merge_facts(
    analyses: list[Analysis], documents: list[Document], entities: list[Entity], places: list[Place],
    settings: Settings,
) -> tuple[list[Claim], list[Event], list[ControlChange], list[Contradiction]]:
    """Every document's claims, events and control changes merged across reports, with
    independent-source counts, plus the contradictions between them. Nothing else changes:
    who holds each place is `sitroom.link.places.assign_control`, a step of its own."""
    groups = source_groups(documents, settings)
    index = PlaceIndex(places)
    find_entity = entity_lookup(entities)
    for an in analyses:  # facts made before `documents` existed on them
        for fact in [*an.claims, *an.events, *an.control]:
            if not fact.documents:
                fact.documents = [an.doc]
    copy_of = copy_groups(documents, settings)
    claims = merge_claims([c for an in analyses for c in an.claims], groups, index, settings, copy_of)
    names = {e.id: e.name for e in entities}
    events = merge_events([e for an in analyses for e in an.events], groups, index, find_entity, settings, names)
    control = merge_control([c for an in analyses for c in an.control], groups, index, find_entity, settings, names)
    _name_people_once([*claims, *events, *control], entities)
    contradictions = find_contradictions(claims, control, index, settings, copy_of)
    return claims, events, control, contradictions


def _name_people_once(facts, entities: list[Entity]) -> None:
    """A person is credited under their canonical name, once: "Ruiz" in one figure's row and "Ana Ruiz"
    in the next are one person to a reader comparing sources, and "Ana Ruiz; Ruiz" is one credit."""
    canonical = {n.lower(): e.name for e in entities if e.type == "PERSON" for n in [e.name, *e.aliases]}
    for fact in facts:
        if fact.attributed_to:
            names = [canonical.get(who.lower(), who) for who in fact.attributed_to.split("; ")]
            fact.attributed_to = "; ".join(dict.fromkeys(names))
