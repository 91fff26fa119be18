"""Claims, events and control across documents: merged, with independent-source counts; contradictions.

Reports of one happening become one fact holding every report's evidence. A fact's
`sources` counts INDEPENDENT sources: syndicated copies and reposts (linked by
`duplicate_of` or heavy text reuse) count once. Figures that disagree are kept side
by side (`Event.figures`), never averaged. Contradictions pair a claim with its denial,
figures that disagree on one topic, and control statuses that disagree at one time.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Iterable

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
from sitroom.settings import Settings

# Which side an actor phrase is on: what "compatible actors" means when merging reports.
SIDES = {
    "isis": ("isis", "isil", "islamic state", "militant", "jihadist", "insurgent", "extremist", "radical", "islamist"),
    "kurdish": ("peshmerga", "kurdish", "kurd"),
    "government": ("army", "military", "government", "security forces", "iraqi forces", "police", "soldiers", "troops"),
}
GENERIC_SUBJECTS = {"people", "civilians", "persons", "others", "iraqis", "residents", None}
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}


# --------------------------------------------------------------------------- independent sources


def source_groups(documents: list[Document], settings: Settings) -> dict[str, str]:
    """doc id → id of its independent source group (copies and heavy reuse share one group)."""
    parent = {d.id: d.id for d in documents}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

    for d in documents:
        if d.duplicate_of:
            union(d.id, d.duplicate_of)
        for r in d.reuse:
            if r.overlap >= settings.resolve.same_source_overlap:
                union(d.id, r.doc)
    return {d: find(d) for d in parent}


def count_sources(docs: Iterable[str], groups: dict[str, str]) -> int:
    return len({groups.get(d, d) for d in docs})


# --------------------------------------------------------------------------- compatibility


def date_range(value: str | None) -> tuple[date, date] | None:
    """The days a TimeML-like value covers: 2014-06-10, 2014-W24, 2014-06, 2014 (None if unknown)."""
    if not value:
        return None
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
            d = date.fromisoformat(value[:10])
            return d, d
        m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
        if m:
            start = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return start, start + timedelta(days=6)
        m = re.fullmatch(r"(\d{4})-(\d{2})", value)
        if m:
            y, mo = int(m.group(1)), int(m.group(2))
            end = date(y + (mo == 12), mo % 12 + 1, 1) - timedelta(days=1)
            return date(y, mo, 1), end
        if re.fullmatch(r"\d{4}", value):
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def dates_compatible(a: str | None, b: str | None, days: int) -> bool:
    ra, rb = date_range(a), date_range(b)
    if ra is None or rb is None:
        return True
    gap = max((rb[0] - ra[1]).days, (ra[0] - rb[1]).days, 0)
    return gap <= days


# No time expression governs the fact: it carries its report's date ("report") or the news day
# of the report's lede ("lede"); either way an undated repetition of something said earlier.
REPORT_BASES = {"report", "lede"}


def dated_by_report(fact) -> bool:
    return fact.date_basis in REPORT_BASES


def facts_dated_together(a, b, settings: Settings) -> bool:
    """Could two facts be about the same day? A fact dated only by its report's date (no time
    expression) may have happened up to `report_date_window_days` before that date."""
    days = settings.resolve.event_merge_days
    ra, rb = date_range(a.date), date_range(b.date)
    if ra is None or rb is None:
        return True
    a_rep, b_rep = dated_by_report(a), dated_by_report(b)
    if a_rep == b_rep:
        return dates_compatible(a.date, b.date, days if not a_rep else settings.resolve.report_date_window_days)
    rep, other = (ra, rb) if a_rep else (rb, ra)
    window = timedelta(days=settings.resolve.report_date_window_days)
    return other[0] <= rep[1] + timedelta(days=days) and other[1] >= rep[0] - window


def _merged_date(facts) -> tuple[str | None, str | None]:
    """The most precise date stated by a time expression, else the report dates' best."""
    stated = [f.date for f in facts if f.date and not dated_by_report(f)]
    if stated:
        return _best_date(stated), next(f.date_basis for f in facts if f.date and not dated_by_report(f))
    best = _best_date([f.date for f in facts])
    basis = next((f.date_basis for f in facts if f.date == best and f.date_basis), "report")
    return best, (basis if best else None)


def _precision(value: str | None) -> str | None:
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return "day"
    if "-W" in value:
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    return "year"


def sides(names: Iterable[str]) -> set[str]:
    out = set()
    for n in names:
        low = n.lower()
        for side, words in SIDES.items():
            if any(w in low for w in words):
                out.add(side)
                break
    return out


def actors_compatible(a: Iterable[str], b: Iterable[str]) -> bool:
    sa, sb = sides(a), sides(b)
    return not sa or not sb or bool(sa & sb)


def haversine_km(a: Place, b: Place) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


class PlaceIndex:
    """Place ids and names → Place records, to tell whether two facts happened at one place."""

    def __init__(self, places: list[Place]) -> None:
        self.by_id = {p.id: p for p in places}
        self.by_name: dict[str, Place] = {}
        for p in places:
            for n in [p.name, *p.aliases]:
                self.by_name.setdefault(n.lower(), p)

    def lookup(self, pid: str | None, name: str | None) -> Place | None:
        if pid and pid in self.by_id:
            return self.by_id[pid]
        return self.by_name.get(name.lower()) if name else None

    def key(self, pid: str | None, name: str | None) -> str | None:
        p = self.lookup(pid, name)
        return p.id if p is not None else (name.lower() if name else None)

    def same(self, a: tuple[str | None, str | None], b: tuple[str | None, str | None], km: float,
             wildcard: bool = False) -> bool:
        """Within `km` (by coordinates) or the same name; unknown places match only when `wildcard`."""
        pa, pb = self.lookup(*a), self.lookup(*b)
        if a[1] and b[1] and a[1].lower() == b[1].lower():
            return True  # "Kirkuk" the city and "Kirkuk" the province as reports name them
        if pa is not None and pb is not None:
            if pa.id == pb.id:
                return True
            if None not in (pa.lat, pa.lon, pb.lat, pb.lon) and pa.feature != "country" and pb.feature != "country":
                return haversine_km(pa, pb) <= km
        na, nb = (a[1] or "").lower(), (b[1] or "").lower()
        if na and nb:
            return na == nb
        return wildcard or (not na and not nb and a[0] is None and b[0] is None)

    def fact_keys(self, pid: str | None, name: str | None, km: float, wildcard: bool = False,
                  unknown_names_free: bool = False):
        """Place keys for `_cluster`: (keys a fact is filed under, keys it looks under), or None when
        the fact may be at any place (unknown with `wildcard`; an unknown name with
        `unknown_names_free`, see `same_for_facts`). Keys: its name, its place id and, for a place
        with coordinates, a grid cell `km` wide; it looks under the cells around its own."""
        p = self.lookup(pid, name)
        if (wildcard and not name and p is None) or (unknown_names_free and name and p is None):
            return None
        own = {f"n:{name.lower()}"} if name else set()
        if p is not None:
            own.add(f"i:{p.id}")
        elif pid:
            own.add(f"i:{pid}")
        if not own:
            own.add("none")
        look = set(own)
        if p is not None and p.lat is not None and p.lon is not None and p.feature != "country":
            step = km / 110.0  # a degree of latitude is at least 110 km: a neighbour is one cell away
            row, col = math.floor(p.lat / step), math.floor(p.lon / step)
            own.add((row, col))
            # a degree of longitude shrinks toward the poles: look further along the row
            reach = math.ceil(1 / math.cos(math.radians(min(85.0, abs(p.lat) + step)))) + 1
            look |= {(row + dr, col + dc) for dr in (-1, 0, 1) for dc in range(-reach, reach + 1)}
        return own, look

    def same_for_facts(self, a, b, km: float) -> bool:
        """`same`, or one fact's place is a name the gazetteer does not know (a building, a camp)
        and the other fact's own evidence puts that name at its place: "the Turkish Consulate in
        Mosul" lets an event at "Turkish Consulate" and one at Mosul be one happening."""
        if self.same((a.place, a.place_name), (b.place, b.place_name), km):
            return True
        for x, y in ((a, b), (b, a)):
            if x.place_name and self.lookup(x.place, x.place_name) is None and y.place_name \
                    and self.lookup(y.place, y.place_name) is not None:
                named = re.compile(rf"(?<!\w){re.escape(x.place_name)}(?!\w)", re.I)
                if any(named.search(ev.text) for ev in y.evidence):
                    return True
        return False


# --------------------------------------------------------------------------- entities


def entity_lookup(entities: list[Entity]):
    """A function actor name → entity id: exact name or alias first, else the longest entity
    name inside the phrase ("ISIS fighters" → ISIS)."""
    exact: dict[str, str] = {}
    groups: dict[str, str] = {}  # organisations only: "Iraqi" (a nationality) is not "the Iraqi military"
    for e in entities:
        if e.type in {"GPE", "LOC", "FAC", "DATE", "TIME", "CARDINAL", "QUANTITY", "PERCENT", "MONEY"}:
            continue
        for n in [e.name, *e.aliases]:
            exact.setdefault(n.lower(), e.id)
            if e.type == "ORG":
                groups.setdefault(n.lower(), e.id)
    names = sorted(((n, i) for n, i in groups.items() if len(n) > 2), key=lambda x: -len(x[0]))

    def find(name: str | None) -> str | None:
        if not name:
            return None
        low = name.lower()
        if low in exact:
            return exact[low]
        for n, eid in names:
            if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", low):
                return eid
        return None

    return find


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
    best = min(PRECISION_RANK[_precision(v)] for v in known)
    top = [v for v in known if PRECISION_RANK[_precision(v)] == best]
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


# --------------------------------------------------------------------------- events


def merge_events(events: list[Event], groups, places: PlaceIndex, find_entity, settings: Settings) -> list[Event]:
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

    ordered = sorted(events, key=lambda e: (PRECISION_RANK[_precision(e.date)], e.date or "", e.id))
    out = []
    for cluster in _cluster(ordered, same, block=lambda e: (e.type, e.subtype, e.background),
                            window_days=_window(settings),
                            place_keys=lambda e: places.fact_keys(e.place, e.place_name, km, unknown_names_free=True)):
        out.append(_merged_event(cluster, groups, find_entity))
    return sorted(out, key=lambda e: (e.date or "9999", e.type, e.id))


def _pick_figure(values: list[tuple[int, str]], groups) -> int | None:
    """The figure most independent sources give; on a tie the lower (conservative) one."""
    if not values:
        return None
    support: dict[int, set] = defaultdict(set)
    for v, doc in values:
        support[v].add(groups.get(doc, doc))
    return min(support, key=lambda v: (-len(support[v]), v))


def _merged_event(cluster: list[Event], groups, find_entity) -> Event:
    head = max(cluster, key=lambda e: (len(e.actor_names) + (e.fatalities is not None) + (e.place is not None),
                                       len(e.summary)))
    docs = sorted({d for e in cluster for d in e.documents})
    names = []
    for e in cluster:
        names.extend(n for n in e.actor_names if n not in names)
    actors = []
    for n in names:
        eid = find_entity(n)
        if eid and eid not in actors:
            actors.append(eid)
    figures = [f for e in cluster for f in e.figures]
    date_value, basis = _merged_date(cluster)
    return Event(
        id=make_id("ev", *sorted(e.id for e in cluster)), type=head.type, subtype=head.subtype, date=date_value,
        date_precision=_precision(date_value), actors=actors, actor_names=names,
        place=next((e.place for e in cluster if e.place), None),
        place_name=next((e.place_name for e in cluster if e.place_name), None),
        fatalities=_pick_figure([(f.value, f.doc) for f in figures if f.kind == "killed"], groups),
        injured=_pick_figure([(f.value, f.doc) for f in figures if f.kind == "wounded"], groups),
        summary=head.summary, status=_status([e.status for e in cluster]),
        sources=count_sources(docs, groups), documents=docs, background=head.background,
        attributed_to=_attributions(cluster), figures=figures, evidence=_evidence(cluster), date_basis=basis,
    )


# --------------------------------------------------------------------------- claims


def _subject_head(subject: str | None) -> str | None:
    if not subject:
        return None
    word = subject.split()[-1].lower()
    return word[:-1] if word.endswith("s") and len(word) > 3 else word


def subjects_compatible(a: str | None, b: str | None) -> bool:
    """The same people counted: equal head nouns, or two generic ones ("people", "civilians")."""
    ha, hb = _subject_head(a), _subject_head(b)
    generic = {_subject_head(s) for s in GENERIC_SUBJECTS if s} | {None}
    return ha == hb or (ha in generic and hb in generic)


def merge_claims(claims: list[Claim], groups, places: PlaceIndex, settings: Settings) -> list[Claim]:
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
            "evidence": _evidence(cluster),
        }))
    return out


# --------------------------------------------------------------------------- control


def merge_control(changes: list[ControlChange], groups, places: PlaceIndex, find_entity,
                  settings: Settings) -> list[ControlChange]:
    km = settings.resolve.event_merge_km

    def same(a: ControlChange, b: ControlChange) -> bool:
        return ((a.change, a.background) == (b.change, b.background)
                and places.same((a.place, a.place_name), (b.place, b.place_name), km)
                and facts_dated_together(a, b, settings)
                and actors_compatible([a.actor_name or ""], [b.actor_name or ""]))

    out = []
    ordered = sorted(changes, key=lambda c: (PRECISION_RANK[_precision(c.date)], c.date or "", c.id))
    for cluster in _cluster(ordered, same, block=lambda c: (c.change, c.background), window_days=_window(settings),
                            place_keys=lambda c: places.fact_keys(c.place, c.place_name, km)):
        head = max(cluster, key=lambda c: (c.actor_name is not None, c.share is not None, c.date is not None))
        docs = sorted({d for c in cluster for d in (c.documents or [c.evidence[0].doc])})
        n = count_sources(docs, groups)
        statuses = [c.status for c in cluster]
        actor_name = next((c.actor_name for c in cluster if c.actor_name), None)
        out.append(head.model_copy(update={
            "id": make_id("k", *sorted(c.id for c in cluster)), "documents": docs, "sources": n,
            "assessed": n >= settings.resolve.assessed_min_sources and "claimed" not in statuses,
            "status": _status(statuses), "actor_name": actor_name, "actor": find_entity(actor_name),
            "date": _merged_date(cluster)[0], "date_basis": _merged_date(cluster)[1],
            "attributed_to": _attributions(cluster),
            "share": next((c.share for c in cluster if c.share is not None), None),
            "place": next((c.place for c in cluster if c.place), None),
            "evidence": _evidence(cluster),
        }))
    return sorted(out, key=lambda c: (c.place_name or "", c.date or "", c.change))


def control_history(control: list[ControlChange], places: PlaceIndex) -> dict[str, list[ControlChange]]:
    """Per place (id, else name), its control changes in date order (undated last)."""
    history: dict[str, list[ControlChange]] = defaultdict(list)
    for c in control:
        if not c.background:
            history[places.key(c.place, c.place_name) or "?"].append(c)
    for key in history:
        history[key].sort(key=lambda c: (date_range(c.date) or (date.max, date.max))[0])
    return dict(history)


def latest_holder(changes: list[ControlChange]) -> ControlChange | None:
    """The latest change that says who holds the place (captured, retook, holds), preferring
    assessed ones: a lone claim does not overturn what two sources support."""
    holding = [c for c in changes if c.change in {"captured", "retook", "holds"} and c.actor_name]
    if not holding:
        return None
    assessed = [c for c in holding if c.assessed]
    return (assessed or holding)[-1]


# --------------------------------------------------------------------------- contradictions


def _who(fact) -> str:
    return fact.attributed_to or "unattributed"


def find_contradictions(claims: list[Claim], control: list[ControlChange], places: PlaceIndex,
                        settings: Settings) -> list[Contradiction]:
    out: list[Contradiction] = []
    live = [c for c in claims if not c.background]
    # a claim and its denial
    for d in (c for c in live if c.status == "denied"):
        for a in live:
            if a.status != "denied" and a.kind == d.kind and a.value == d.value \
                    and subjects_compatible(a.subject, d.subject):
                out.append(Contradiction(
                    id=make_id("x", a.id, d.id), topic=f"{a.kind}: {a.subject or a.kind}"
                    + (f" in {a.place_name}" if a.place_name else ""), kind="denial", a=a.id, b=d.id,
                    note=f"{_who(a)} reports it; {_who(d)} denies it"))
    # figures that disagree on one topic
    ratio = settings.resolve.numeric_contradiction_ratio
    aggregate = {"displaced", "troops", "advisers", "detained", "released"}
    reported = [c for c in live if c.status != "denied" and c.unit is None and c.kind != "count"]
    for i, a in enumerate(reported):
        for b in reported[i + 1:]:
            if a.kind != b.kind or not subjects_compatible(a.subject, b.subject):
                continue
            # figures are comparable only about the same place (both known), or, for running totals
            # with no place, about the same time
            if a.place_name and b.place_name:
                if not places.same((a.place, a.place_name), (b.place, b.place_name), settings.resolve.event_merge_km):
                    continue
            elif a.place_name or b.place_name or a.kind not in aggregate or not facts_dated_together(a, b, settings):
                continue
            lo, hi = sorted([a, b], key=lambda c: c.value)
            if lo.value > 0 and hi.value / lo.value >= ratio and not (lo.qualifier == "up to"):
                out.append(Contradiction(
                    id=make_id("x", a.id, b.id), topic=f"{a.kind}: {a.subject or a.kind}", kind="numeric",
                    a=lo.id, b=hi.id,
                    note=f"{lo.qualifier} {lo.value:,.0f} ({_who(lo)}) vs {hi.qualifier} {hi.value:,.0f} ({_who(hi)})"))
    # control statuses that disagree at one time
    days = settings.resolve.control_conflict_days
    changes = [c for c in control if not c.background]
    for i, a in enumerate(changes):
        for b in changes[i + 1:]:
            if places.key(a.place, a.place_name) != places.key(b.place, b.place_name):
                continue
            if not dates_compatible(a.date, b.date, days) or not (a.date and b.date):
                continue
            if _status_conflict(a, b):
                first, second = sorted([a, b], key=lambda c: c.date or "")
                out.append(Contradiction(
                    id=make_id("x", a.id, b.id), topic=f"control of {a.place_name}", kind="status",
                    a=first.id, b=second.id,
                    note=f"{first.change} by {first.actor_name or '?'} on {first.date} ({_who(first)}) vs "
                         f"{second.change} by {second.actor_name or '?'} on {second.date} ({_who(second)})"))
    return out


def _status_conflict(a: ControlChange, b: ControlChange) -> bool:
    holds = {"holds", "retook", "captured"}
    if {a.change, b.change} == {"contested"} or a.change not in holds | {"contested"} \
            or b.change not in holds | {"contested"}:
        return False
    if "contested" in (a.change, b.change):
        held = a if a.change != "contested" else b
        return held.change == "holds" and (held.share is None or held.share >= 1.0) or held.change == "retook"
    sa, sb = sides([a.actor_name or ""]), sides([b.actor_name or ""])
    return bool(sa and sb and not sa & sb)


# --------------------------------------------------------------------------- entry point


def merge_facts(
    analyses: list[Analysis], documents: list[Document], entities: list[Entity], places: list[Place],
    settings: Settings,
) -> tuple[list[Claim], list[Event], list[ControlChange], list[Contradiction]]:
    """Every document's claims, events and control changes merged across reports, with
    independent-source counts, plus the contradictions between them."""
    groups = source_groups(documents, settings)
    index = PlaceIndex(places)
    find_entity = entity_lookup(entities)
    for an in analyses:  # facts made before `documents` existed on them
        for fact in [*an.claims, *an.events, *an.control]:
            if not fact.documents:
                fact.documents = [an.doc]
    claims = merge_claims([c for an in analyses for c in an.claims], groups, index, settings)
    events = merge_events([e for an in analyses for e in an.events], groups, index, find_entity, settings)
    control = merge_control([c for an in analyses for c in an.control], groups, index, find_entity, settings)
    contradictions = find_contradictions(claims, control, index, settings)
    for key, changes in control_history(control, index).items():
        holder = latest_holder(changes)
        place = index.by_id.get(key)
        if holder is not None and place is not None and hasattr(place, "controlled_by"):
            place.controlled_by = holder.actor or holder.actor_name
            place.control_assessed = holder.assessed
    return claims, events, control, contradictions
