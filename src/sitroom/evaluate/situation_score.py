"""Score a `Situation` against a gold file: one `KindScore` per fact kind.

Facts found in documents (quotes, times, claims, events, control) are scored per
document: a gold item listed for three reports is three instances, and a predicted
fact with evidence in three reports is three predictions, so merging facts across
reports (or not) neither helps nor hurts. Repeated mentions of one fact inside one
report collapse to one prediction. Situation-wide things (places, entities,
duplicates, reuse, stories, contradictions) are scored once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable

from sitroom.contract import Situation
from sitroom.evaluate.gold import Gold, GoldPlace
from sitroom.evaluate.match import (
    as_list,
    coverage,
    date_matches,
    fold,
    greedy_pairs,
    km_between,
    names_match,
    norm_name,
    overlap_tokens,
    place_names_match,
    values_equal,
)
from sitroom.evaluate.scoring import KindScore
from sitroom.settings import Evaluate

# Claim kinds say the same thing in different words; both sides map to one word first.
KIND_SYNONYMS = {
    "dead": "killed", "deaths": "killed", "death": "killed", "fatalities": "killed", "executed": "killed",
    "injured": "wounded", "injuries": "wounded", "hurt": "wounded",
    "fled": "displaced", "refugees": "displaced", "displacement": "displaced",
    "abducted": "detained", "kidnapped": "detained", "captured": "detained", "hostages": "detained",
    "seized": "detained", "arrested": "detained", "held": "detained",
    "soldiers": "troops", "fighters": "troops", "forces": "troops", "advisers": "troops", "advisors": "troops",
    "percent": "share", "percentage": "share",
}


def _kind(k: str | None) -> str:
    k = fold(k or "")
    return KIND_SYNONYMS.get(k, k)


@dataclass
class Inst:
    """One gold item or prediction, in one document (doc None: situation-wide)."""

    doc: str | None
    item: Any
    label: str
    optional: bool = False


class SituationIndex:
    """Lookups from the ids that facts use to the things they name."""

    def __init__(self, sit: Situation):
        self.sit = sit
        self.entities = {e.id: e for e in sit.entities}
        self.places = {p.id: p for p in sit.places}
        self.facts: dict[str, Any] = {}
        for kind in ("quotes", "claims", "events", "control", "places", "entities"):
            for f in getattr(sit, kind):
                self.facts[f.id] = f

    def entity_names(self, ref: str | None) -> list[str]:
        """An entity id (or a plain name) as every name it goes by."""
        if not ref:
            return []
        ent = self.entities.get(ref)
        return [ent.name, *ent.aliases] if ent else [ref]

    def place_of(self, ref: str | None, name: str | None = None):
        """A place id (or a plain name) as its place; `name` stands in when the id is missing."""
        ref = ref or name
        if not ref:
            return None
        return self.places.get(ref) or self._place_by_name(ref)

    def _place_by_name(self, name: str):
        for p in self.sit.places:
            if norm_name(p.name) == norm_name(name):
                return p
        return _NamedPlace(name)

    def docs_of(self, fact) -> list[str]:
        docs = [ev.doc for ev in getattr(fact, "evidence", [])]
        docs += list(getattr(fact, "documents", []) or [])
        doc = getattr(fact, "doc", None)
        if doc:
            docs.append(doc)
        return sorted(set(docs))


@dataclass
class _NamedPlace:
    name: str
    aliases: tuple = ()
    lat: float | None = None
    lon: float | None = None


class SituationScorer:
    def __init__(self, gold: Gold, sit: Situation, cfg: Evaluate | None = None):
        self.gold, self.sit, self.cfg = gold, sit, cfg or Evaluate()
        self.ix = SituationIndex(sit)

    # ------------------------------------------------------------------ generic
    # A near-copy is still a report: its facts are expected with evidence in it too.

    def _gold_insts(self, items: Iterable, label: Callable[[Any], str]) -> list[Inst]:
        out = []
        for item in items:
            for doc in getattr(item, "docs", None) or [getattr(item, "doc", None)]:
                out.append(Inst(doc, item, f"[{doc[:3] if doc else '-'}] {label(item)}", item.optional))
        return out

    def _pred_insts(self, facts: Iterable, label: Callable[[Any], str], key: Callable[[Any], Any]) -> list[Inst]:
        out, seen = [], set()
        for f in facts:
            for doc in self.ix.docs_of(f) or [None]:
                k = (doc, key(f))
                if k in seen:
                    continue
                seen.add(k)
                out.append(Inst(doc, f, f"[{(doc or '-')[:3]}] {label(f)}"))
        return out

    def _score(self, kind: str, gold: list[Inst], pred: list[Inst], pair_score, show: bool,
               ignore_unmatched: Callable[[Inst], bool] | None = None,
               rescue: Callable[[Inst, Inst, Inst], bool] | None = None) -> KindScore:
        """Greedy one-to-one matching, then counts. `rescue(g, p, other)`: an unmatched gold item g
        that a prediction p, already matched to gold item `other`, also satisfies may count as found
        (a quote continued after its attribution, extracted as one quote with its first part)."""
        pairs = greedy_pairs(gold, pred, pair_score, priority=lambda g: 0 if g.optional else 1)
        if rescue:
            matched = {gi for gi, _ in pairs}
            pairs += [(gi, pi) for gi, g in enumerate(gold) if gi not in matched
                      for pi in [next((pi for ogi, pi in pairs if rescue(g, pred[pi], gold[ogi])), None)]
                      if pi is not None]
        matched_g = {gi for gi, _ in pairs}
        matched_p = {pi for _, pi in pairs}
        ks = KindScore(corpus=self.gold.corpus, kind=kind)
        ks.tp = sum(1 for gi, _ in pairs if not gold[gi].optional)
        ks.fn = sum(1 for gi, g in enumerate(gold) if gi not in matched_g and not g.optional)
        unmatched_p = [p for pi, p in enumerate(pred) if pi not in matched_p]
        if ignore_unmatched:
            unmatched_p = [p for p in unmatched_p if not ignore_unmatched(p)]
        ks.fp = len(unmatched_p)
        if show:
            ks.misses = [g.label for gi, g in enumerate(gold) if gi not in matched_g and not g.optional]
            ks.false_positives = [p.label for p in unmatched_p]
        return ks

    # ------------------------------------------------------------------ places

    def _gold_place_ok(self, gold_name: str | None, pred_fact) -> bool:
        """A fact's place: within the gold place's radius, or (no coordinates on a side) by name."""
        if not gold_name:
            return True
        gp = self.gold.place(gold_name)
        pp = self.ix.place_of(pred_fact.place, getattr(pred_fact, "place_name", None))
        if pp is None:
            return False
        return self._place_ok(gp or GoldPlace(name=gold_name), pp)

    def _place_ok(self, gp: GoldPlace, pp) -> bool:
        names_ok = place_names_match(gp.names, [pp.name, *(pp.aliases or [])], self.cfg.place_name_ratio)
        if gp.lat is None or gp.lon is None or pp.lat is None or pp.lon is None:
            return names_ok and (gp.lat is None or pp.lat is None)
        close = km_between(gp.lat, gp.lon, pp.lat, pp.lon) <= (gp.km or self.cfg.place_km)
        # Distance alone would let the air base stand for the town next to it: the name must agree too,
        # unless the gold place is an area (region/country) that the prediction names differently.
        return close and (names_ok or gp.feature in ("region", "country"))

    # ------------------------------------------------------------------ kinds

    def score_all(self, show: bool = False) -> list[KindScore]:
        out: list[KindScore] = []
        g = self.gold
        if g.documents:
            out += self.documents(show)
        if g.duplicates or g.reuse:
            out += [self.pairs("duplicates", show), self.pairs("reuse", show)]
        if g.stories:
            out.append(self.stories(show))
        if g.entities:
            out.append(self.entities(show))
        if g.places:
            out.append(self.places(show))
        if g.quotes:
            out += [self.quotes(show, speakers=False), self.quotes(show, speakers=True)]
        if g.times:
            out += [self.times(show, values=False), self.times(show, values=True)]
        if g.claims:
            out += [self.claims(show, full=False), self.claims(show, full=True)]
        if g.events:
            out += [self.events(show, full=False), self.events(show, full=True)]
        if g.control:
            out += [self.control(show, full=False), self.control(show, full=True)]
        if g.contradictions:
            out.append(self.contradictions(show))
        return out

    def documents(self, show: bool) -> list[KindScore]:
        """Metadata accuracy over the gold documents: title, authors, publication date."""
        docs = {d.id: d for d in self.sit.documents}
        checks = {
            "title": lambda gd, pd: pd.title is not None and norm_name(pd.title) == norm_name(gd.title or ""),
            "authors": lambda gd, pd: sorted(norm_name(a) for a in pd.authors) == sorted(norm_name(a) for a in gd.authors or []),
            "published": lambda gd, pd: bool(pd.published) and pd.published[:10] == gd.published,
        }
        out = []
        for field, ok in checks.items():
            ks = KindScore(corpus=self.gold.corpus, kind=f"documents/{field}", metric="accuracy")
            for gd in self.gold.documents:
                if getattr(gd, field) is None:
                    continue
                pd = docs.get(gd.id)
                if pd is not None and ok(gd, pd):
                    ks.tp += 1
                else:
                    ks.fn += 1
                    if show:
                        ks.misses.append(f"[{gd.id[:3]}] {field}: want {getattr(gd, field)!r}, got "
                                         f"{getattr(pd, field, None)!r}")
            ks.value = round(ks.tp / (ks.tp + ks.fn), 4) if ks.tp + ks.fn else 0.0
            out.append(ks)
        return out

    def pairs(self, section: str, show: bool) -> KindScore:
        """Document pairs (unordered): copies from `duplicate_of`, passage reuse from `reuse[]`."""
        gold_pairs = {frozenset(p.docs): p.optional for p in getattr(self.gold, section)}
        known = self.gold.doc_ids()
        if section == "duplicates":
            pred = {frozenset((d.id, d.duplicate_of)) for d in self.sit.documents if d.duplicate_of}
        else:
            pred = {frozenset((d.id, r.doc)) for d in self.sit.documents for r in d.reuse if r.doc != d.id}
            # a copy also shares passages: the duplicates kind scores it, not this one
            pred -= {frozenset(p.docs) for p in self.gold.duplicates}
        pred = {p for p in pred if p <= known}
        ks = KindScore(corpus=self.gold.corpus, kind=section)
        ks.tp = sum(1 for p in pred if p in gold_pairs and not gold_pairs[p])
        ks.fp = sum(1 for p in pred if p not in gold_pairs)
        ks.fn = sum(1 for p, opt in gold_pairs.items() if p not in pred and not opt)
        if show:
            fmt = lambda p: " ~ ".join(sorted(x[:3] for x in p))  # noqa: E731
            ks.misses = [fmt(p) for p, opt in gold_pairs.items() if p not in pred and not opt]
            ks.false_positives = [fmt(p) for p in pred if p not in gold_pairs]
        return ks

    def stories(self, show: bool) -> KindScore:
        """B-cubed F1 of the documents' story clustering (documents without a story are alone)."""
        gold_of = {d: s.id for s in self.gold.stories for d in s.documents}
        pred_of = {d.id: d.story for d in self.sit.documents}
        for st in self.sit.stories:
            for d in st.documents:
                pred_of.setdefault(d, st.id)
        docs = sorted(gold_of)
        pred_label = {d: pred_of.get(d) or f"alone:{d}" for d in docs}
        p_sum = r_sum = 0.0
        for d in docs:
            same_pred = {e for e in docs if pred_label[e] == pred_label[d]}
            same_gold = {e for e in docs if gold_of[e] == gold_of[d]}
            both = len(same_pred & same_gold)
            p_sum += both / len(same_pred)
            r_sum += both / len(same_gold)
        p, r = (p_sum / len(docs), r_sum / len(docs)) if docs else (0.0, 0.0)
        ks = KindScore(corpus=self.gold.corpus, kind="stories", metric="b-cubed-F1",
                       value=round(2 * p * r / (p + r), 4) if p + r else 0.0)
        if show:
            groups: dict[str, list[str]] = {}
            for d in docs:
                groups.setdefault(pred_label[d], []).append(d[:3])
            ks.misses = [f"predicted clusters: {sorted(groups.values())}; B-cubed P={p:.3f} R={r:.3f}"]
        return ks

    def entities(self, show: bool) -> KindScore:
        """Alias groups: a gold group matches the predicted entity sharing most of its aliases.

        The gold lists the entities that matter, not every name: predicted entities that
        share no alias with any gold group are not counted; one that shares an alias with
        an already matched group is a split (a false positive).
        """
        gold = [Inst(None, e, f"{e.name} {e.aliases}", e.optional) for e in self.gold.entities]
        pred = [Inst(None, e, f"{e.name} {e.aliases}") for e in self.sit.entities]
        gold_keys = [{norm_name(n) for n in e.names} for e in self.gold.entities]

        def keys(p: Inst) -> set[str]:
            return {norm_name(n) for n in [p.item.name, *p.item.aliases]}

        def score(g: Inst, p: Inst):
            gk = {norm_name(n) for n in g.item.names}
            common = gk & keys(p)
            return len(common) / len(gk) if common else None

        unrelated = lambda p: not any(keys(p) & gk for gk in gold_keys)  # noqa: E731
        return self._score("entities", gold, pred, score, show, ignore_unmatched=unrelated)

    def places(self, show: bool) -> KindScore:
        gold = [Inst(None, p, f"{p.name} ({p.lat}, {p.lon})", p.optional) for p in self.gold.places]
        pred = [Inst(None, p, f"{p.name} ({p.lat}, {p.lon})") for p in self.sit.places]

        def score(g: Inst, p: Inst):
            if g.item.lat is not None and p.item.lat is None:  # the places kind measures geocoding too
                return None
            if not self._place_ok(g.item, p.item):
                return None
            if g.item.lat is None or p.item.lat is None:
                return 0.5
            return 1.0 / (1.0 + km_between(g.item.lat, g.item.lon, p.item.lat, p.item.lon))

        return self._score("places", gold, pred, score, show)

    def quotes(self, show: bool, speakers: bool) -> KindScore:
        """Direct quotes by excerpt coverage; `quote-speakers` also needs the speaker right."""
        gold = self._gold_insts([q for q in self.gold.quotes if q.direct],
                                lambda q: f"{q.text[:60]!r} — {q.speaker or q.speaker_role}")
        pred = self._pred_insts([q for q in self.sit.quotes if q.direct],
                                lambda q: f"{q.text[:60]!r} — {q.speaker_name or q.speaker}",
                                key=lambda q: fold(q.text))

        def score(g: Inst, p: Inst):
            if g.doc != p.doc:
                return None
            cov = coverage(g.item.text, p.item.text)
            if cov < self.cfg.quote_min_coverage:
                return None
            if speakers and not self._speaker_ok(g.item, p.item):
                return None
            return overlap_tokens(g.item.text, p.item.text) + cov

        def continued(g: Inst, p: Inst, other: Inst) -> bool:
            return (g.item.continues or other.item.continues) and score(g, p) is not None

        return self._score("quote-speakers" if speakers else "quotes", gold, pred, score, show, rescue=continued)

    def _speaker_ok(self, gq, pq) -> bool:
        pred_names = [pq.speaker_name, *self.ix.entity_names(pq.speaker)]
        if gq.speaker is None:  # anonymous: the prediction must say so, by flag or by the role's words
            role_words = set(fold(gq.speaker_role or "").split()) & {"official", "officials", "source", "sources"}
            said = " ".join(filter(None, [pq.speaker_name, pq.speaker_role])).lower()
            return pq.anonymous or any(w in said for w in role_words)
        ent = self.gold.entity(gq.speaker)
        person = ent is None or ent.type == "PERSON"
        return names_match(self.gold.names_of(gq.speaker), pred_names, person=person)

    def times(self, show: bool, values: bool) -> KindScore:
        """Time expressions, one per distinct text in a report; `time-values` also needs the TimeML value."""
        gold = self._gold_insts(self.gold.times, lambda t: f"{t.text!r} = {t.value}")
        pred = self._pred_insts(self.sit.times, lambda t: f"{t.text!r} = {t.value}", key=lambda t: fold(t.text))

        def score(g: Inst, p: Inst):
            # lenient span match, as in TempEval: either text covers half of the other ('overnight' ~
            # 'during the overnight hours'); the best-covering pair wins the greedy assignment
            if g.doc != p.doc or max(coverage(g.item.text, p.item.text), coverage(p.item.text, g.item.text)) < 0.5:
                return None
            if values and fold(p.item.value) not in {fold(v) for v in as_list(g.item.value)}:
                return None
            return coverage(p.item.text, g.item.text) + coverage(g.item.text, p.item.text)

        return self._score("time-values" if values else "times", gold, pred, score, show)

    def claims(self, show: bool, full: bool) -> KindScore:
        """Numeric claims by kind and exact value; `claims-full` adds attribution, place and date."""
        def amount(c) -> str:  # a vague amount has no value: its words say it
            return f"{c.value:g}" if c.value is not None else str(c.qualifier)

        gold = self._gold_insts(self.gold.claims, lambda c: f"{c.kind} {amount(c)} by {c.attributed_to} "
                                                           f"@ {c.place} {c.date}")
        pred = self._pred_insts(self.sit.claims, lambda c: f"{c.kind} {amount(c)} by {c.attributed_to} "
                                                           f"@ {self._place_name(c)} {c.date}",
                                key=lambda c: (_kind(c.kind), amount(c)))

        def score(g: Inst, p: Inst):
            gc, pc = g.item, p.item
            if g.doc != p.doc or _kind(pc.kind) not in {_kind(k) for k in as_list(gc.kind)}:
                return None
            if gc.value is None or pc.value is None:  # vague amounts match by their words
                if gc.value is not None or pc.value is not None or fold(gc.qualifier or "") != fold(pc.qualifier):
                    return None
            elif not values_equal(gc.value, pc.value / 100 if "share" in as_list(gc.kind) and pc.value > 1
                                  else pc.value):
                return None
            if full:
                if gc.attributed_to and not names_match(as_list(gc.attributed_to), [pc.attributed_to or ""], person=False):
                    return None
                if not self._gold_place_ok(gc.place, pc) or not date_matches(gc.date, pc.date):
                    return None
            return 1.0

        return self._score("claims-full" if full else "claims", gold, pred, score, show)

    def events(self, show: bool, full: bool) -> KindScore:
        """Events by type, date and place; `events-full` adds fatalities, injured and one right actor."""
        gold = self._gold_insts(self.gold.events, lambda e: f"{e.type} {e.date} @ {e.place}")
        pred = self._pred_insts(self.sit.events, lambda e: f"{e.type} {e.date} @ {self._place_name(e)}",
                                key=lambda e: e.id)

        def score(g: Inst, p: Inst):
            ge, pe = g.item, p.item
            if g.doc != p.doc or fold(pe.type) not in {fold(t) for t in as_list(ge.type)}:
                return None
            if not date_matches(ge.date, pe.date) or not self._gold_place_ok(ge.place, pe):
                return None
            if full:
                for num in ("fatalities", "injured"):
                    if getattr(ge, num) is not None and getattr(pe, num) != getattr(ge, num):
                        return None
                if ge.actors:
                    pred_names = [n for a in pe.actors for n in self.ix.entity_names(a)]
                    if not any(names_match(self.gold.names_of(a), pred_names, person=False) for a in ge.actors):
                        return None
            return 1.0 + (0.5 if ge.subtype and pe.subtype and fold(ge.subtype) == fold(pe.subtype) else 0.0)

        return self._score("events-full" if full else "events", gold, pred, score, show)

    def control(self, show: bool, full: bool) -> KindScore:
        """Territorial control by place and kind of change; `control-full` adds actor and date."""
        gold = self._gold_insts(self.gold.control, lambda c: f"{c.place} {c.change} by {c.actor} {c.date}")
        pred = self._pred_insts(self.sit.control,
                                lambda c: f"{self._place_name(c)} {c.change} by "
                                          f"{(self.ix.entity_names(c.actor) or [getattr(c, 'actor_name', None)])[0]} {c.date}",
                                key=lambda c: (c.place, c.change, c.actor, c.date))

        def score(g: Inst, p: Inst):
            gc, pc = g.item, p.item
            if g.doc != p.doc or fold(pc.change) not in {fold(c) for c in as_list(gc.change)}:
                return None
            if not self._gold_place_ok(gc.place, pc):
                return None
            if full:
                if not date_matches(gc.date, pc.date):
                    return None
                pred_actor = [*self.ix.entity_names(pc.actor), getattr(pc, "actor_name", None)]
                if gc.actor and not names_match(self.gold.names_of(gc.actor), pred_actor, person=False):
                    return None
            return 1.0 + (0.5 if date_matches(gc.date, pc.date) else 0.0)

        return self._score("control-full" if full else "control", gold, pred, score, show)

    def contradictions(self, show: bool) -> KindScore:
        """A contradiction matches when its two facts are the gold's two sides (either order)."""
        gold = [Inst(None, c, f"{c.kind}: {c.topic}", c.optional) for c in self.gold.contradictions]
        pred = [Inst(None, c, f"{c.kind}: {c.topic}") for c in self.sit.contradictions]

        def side_ok(side, fact_id: str) -> bool:
            fact = self.ix.facts.get(fact_id)
            if fact is None:
                return False
            docs = set(self.ix.docs_of(fact))
            text = " ".join([getattr(fact, "text", "") or "", getattr(fact, "summary", "") or "",
                             *(ev.text for ev in getattr(fact, "evidence", []))])
            return bool(docs & set(side.docs)) and any(
                coverage(t, text) >= self.cfg.contradiction_min_coverage for t in as_list(side.text))

        def score(g: Inst, p: Inst):
            gc, pc = g.item, p.item
            if (side_ok(gc.a, pc.a) and side_ok(gc.b, pc.b)) or (side_ok(gc.a, pc.b) and side_ok(gc.b, pc.a)):
                return 1.0 + (0.5 if gc.kind == pc.kind else 0.0)
            return None

        return self._score("contradictions", gold, pred, score, show)

    def _place_name(self, fact) -> str | None:
        p = self.ix.place_of(fact.place, getattr(fact, "place_name", None))
        return p.name if p else None


def score_situation(gold: Gold, sit: Situation, show_errors: bool = False, cfg: Evaluate | None = None) -> list[KindScore]:
    return SituationScorer(gold, sit, cfg).score_all(show_errors)
