"""Each place mention's gazetteer entry, chosen from context and iterated to a fixed point.

A candidate's score adds up, every part kept for `--explain`:
population (log10); its level (a country, a continent, a state named by its own
name, a county only when called "County"); primary vs alternate name; spelling
variant; the document's focus country; a state or province the document names;
**containment** ("Paris, Texas", "Dublin, Ohio", "Jordan in Minnesota": the
region or country named next to it); and **proximity**: how many other mentions
of the document currently read as a place near it (fully within
`near_full_km`, fading to nothing at `near_km`), inside it (a country, a state)
or holding it (a county and its town: "Paris" beside "Henry County" is Paris,
Tennessee). A national capital outranks a state of its country bearing its name
(Washington). The focus country is voted by each distinct name, spread over the
countries of its readings, so an ambiguous "Athens" weighs less for Greece than
an unambiguous county for the US. The **focus state** is voted the same way
one level down, by every mention (a name said five times is the story's home):
a candidate gains `focus_state_bonus` times the share of the other names' votes
that its state (country and first-level division) holds, so "Anderson" among
Charleston, Florence and Ravenel is the one in South Carolina, and at most
`focus_state_cap_famous` when the name is also a famous place elsewhere. Choices and the focus country are recomputed
from each other until nothing changes (at most `geo.rank_rounds` rounds), so
"Georgia" next to "Gainesville" and "Athens" settles on the US state and its
towns together. A name is no context for itself: each mention's focus is voted
by the other names (a name alone in its story votes for itself), a state named
counts once (as "region named", not again as nearness), and "Dublin City" says
nothing of which Dublin "Dublin" is. Level: a town named like a state of its
country that it lies outside ranks below the state ("California", "Wales"); an
item listed among states or countries ("Utah, Virginia, Washington and
Wyoming") reads at their level, and such a list is no "Paris, Texas".
A price in a bare "$" or "£" votes for its country like one more name (the home press's currency:
"Dover" alone in a story of dollars is American). "DeKalb County" named in full makes a later
"DeKalb" that county or a town in it. A name calling people after where they live ("a Jordan man")
is no country: English calls a country's people by its adjective. Each mention sees the choices
already made in its round, so a town and its county do not swap readings round after round.
"""

from __future__ import annotations

import bisect
import functools
import math
import re
from collections import Counter

from sitroom.knowledge.gazetteer import Entry, name_key
from sitroom.knowledge.geo import EARTH_RADIUS_KM, distance_km
from sitroom.knowledge.place_words import CURRENCY_COUNTRIES
from sitroom.settings import Geo

CURRENCIES = tuple((re.compile(pattern), country) for pattern, country in CURRENCY_COUNTRIES)
CURRENCY_VOTER = " currency"  # no name is keyed so (names are stripped)
CONTAINED = re.compile(r"^(?:,\s*|\s+in\s+(?:the\s+)?|\s+\(\s*)$")
LISTED = re.compile(r"^\s*(?:,|and|or|, and|, or|;)\s*$")
BIG = ("country", "continent")
KM_PER_DEGREE_LAT = math.pi * EARTH_RADIUS_KM / 180  # the great-circle distance is never less than this per degree of latitude apart


def level(e: Entry) -> str:
    """town | county | state | country | continent."""
    if e.code == "CONT":
        return "continent"
    if e.feature == "country":
        return "country"
    if e.feature == "region":
        return "county" if e.code == "ADM2" else "state"
    return "town"


def famous(e: Entry, geo: Geo) -> bool:
    """A place known worldwide by this name: a country, a continent, or a big town or state named by its own
    name. Never a county: its population is its residents', not its fame (Cook County, Illinois is no
    reason to doubt the Cook County of the state a story names)."""
    lv = level(e)
    return lv in BIG or (lv != "county" and e.primary and e.population >= geo.famous_population)


def parts(e: Entry, t, focus: str | None, regions: dict, geo: Geo) -> dict[str, float]:
    """The context-free part of a candidate's score, by reason."""
    out = {"population": math.log10(max(e.population, 0) + 10)}
    lv = level(e)
    if lv in BIG:
        out["level"] = 1.0
    elif lv in ("state", "county"):
        if t.region_hint:
            # the word names a level: "the province of Kirkuk" is the province, not the district named
            # after the town, however near the district's point lies to the town's
            mismatch = t.region_level is not None and lv != t.region_level
            out["level"] = 0.0 if mismatch else geo.region_hint_bonus
        elif any(level(c) == "town" and c.primary and c.country == e.country and c.admin1 == e.admin1
                 for c in t.candidates):
            out["level"] = -geo.capital_name_penalty  # Riga, Mosul, Baghdad: the town the region is named after
        elif lv == "state":
            out["level"] = 0.0 if e.primary else -1.0
        else:
            out["level"] = -geo.county_penalty
    elif not famous(e, geo) and any(c.primary and level(c) == "state" and c.country == e.country
                                    and name_key(c.name) == name_key(e.name) and not inside(e, c)
                                    for c in t.candidates):
        # "California", "Wales": a name that is a state's own is the state unless the context says town
        # ("Wyoming, Michigan" gains more by containment than it loses here)
        out["level"] = -geo.state_namesake_penalty
    if focus and e.country == focus and (e.primary or not any(c.primary and level(c) == "town" for c in t.candidates)):
        # not for an alternate name when some place bears the name as its own (Jerusalem, Virginia);
        # capped when the name is also a famous place abroad: Moscow, Russia beats Moscow, Idaho
        abroad = any(c.country != focus and famous(c, geo) for c in t.candidates)
        out["focus"] = min(geo.focus_country_bonus, geo.focus_cap_famous) if abroad else geo.focus_country_bonus
    if e.code == "PPLC" and e.primary and any(level(c) == "state" and c.country == e.country for c in t.candidates):
        out["capital"] = geo.capital_bonus  # "Washington" alone is the capital more often than the state
    if not t.exact:
        out["variant"] = -geo.variant_penalty
    if not e.primary:
        out["alternate"] = -geo.alternate_name_penalty
    if lv in ("town", "county") and regions.get((e.country, e.admin1), set()) - {t.text}:  # named by another mention
        # capped as the focus state is when the name is also a famous place elsewhere ("Boston" in a story
        # naming New York is still Boston, Massachusetts)
        elsewhere = any(famous(c, geo) and (c.country, c.admin1) != (e.country, e.admin1) for c in t.candidates)
        out["region named"] = min(geo.region_context_bonus, geo.focus_state_cap_famous) if elsewhere else geo.region_context_bonus
    return out


def _home_county(e: Entry, t) -> bool:
    """`e` is a county met without its "County" (so penalised as a level) and no town among the name's
    readings lies in its state."""
    return level(e) == "county" and not t.region_hint and not any(
        level(c) == "town" and c.primary and (c.country, c.admin1) == (e.country, e.admin1) for c in t.candidates)


def inside(e: Entry, c: Entry, lc: str | None = None) -> bool:
    """`e` lies in the country, state or county `c` (`lc`: `c`'s level when known)."""
    lc = lc or level(c)
    if lc == "county":
        return e.admin2 == c.id and e.admin2 is not None
    if lc == "country":
        return e.country == c.country and e.id != c.id
    if lc == "state":
        return e.country == c.country and e.admin1 == c.admin1 and e.id != c.id
    return False


def related(e: Entry, c: Entry, geo: Geo, le: str | None = None, lc: str | None = None) -> float:
    """How much another mention's reading `c` supports the candidate `e`, from 0 to 1: fully when one
    holds the other; for two towns or counties, fully within `near_full_km`, fading to nothing at
    `near_km` (Douglas County, Minnesota beside Alexandria, Minnesota beats the one in Wisconsin);
    `le`, `lc`: their levels when known."""
    if e.id == c.id:
        return 0.0
    le, lc = le or level(e), lc or level(c)
    if lc == "continent" or le == "continent":
        return 0.0
    if le in ("country", "state"):
        return float(inside(c, e, le))
    if lc in ("country", "state"):
        return float(inside(e, c, lc))
    if county_pair(e, c, le, lc):
        return 1.0
    if abs(e.lat - c.lat) * KM_PER_DEGREE_LAT > geo.near_km + 1.0:
        return 0.0  # farther apart by latitude alone than `near_km` (1 km spare for rounding): no need to measure
    km = _km(e.lat, e.lon, c.lat, c.lon)
    if km <= geo.near_full_km:
        return 1.0
    return max(0.0, (geo.near_km - km) / (geo.near_km - geo.near_full_km))


def county_pair(e: Entry, c: Entry, le: str | None = None, lc: str | None = None) -> bool:
    """One is a county or a state and the other a place in it (Henry County and Paris, Tennessee)."""
    le, lc = le or level(e), lc or level(c)
    return (lc in ("county", "state") and inside(e, c, lc)) or (le in ("county", "state") and inside(c, e, le))


class _Pairs:
    """One document's `level`, `related`, `county_pair` and support answers, each computed once: the
    ranking asks them for every pair of readings in every round. Keyed by `id`, so held only while `rank` runs (its
    entries stay alive that long)."""

    def __init__(self, geo: Geo):
        self.geo = geo
        self.levels: dict[int, str] = {}
        self.pairs: dict[tuple[int, int], tuple[float, bool]] = {}
        self.halves: dict[tuple[int, int], float] = {}
        self.others_keys: dict[tuple, int] = {}
        self.indexes: dict[int, tuple] = {}
        self.supports: dict[tuple[int, int, bool], float] = {}

    def level(self, e: Entry) -> str:
        lv = self.levels.get(id(e))
        if lv is None:
            lv = self.levels[id(e)] = level(e)
        return lv

    def pair(self, e: Entry, c: Entry) -> tuple[float, bool]:
        """(related(e, c), county_pair(e, c))."""
        key = (id(e), id(c))
        got = self.pairs.get(key)
        if got is None:
            le, lc = self.level(e), self.level(c)
            got = self.pairs[key] = (related(e, c, self.geo, le, lc), county_pair(e, c, le, lc))
        return got

    def key(self, others: tuple) -> int:
        return self.others_keys.setdefault(others, len(self.others_keys))

    def support(self, e: Entry, others_key: int, others: dict, state_counted: bool) -> float:
        """How much the other mentions' readings (`others`: name -> (its reading, its candidates)) support
        `e`: a mention read as a place near it fully, one that could be read so (a candidate near it)
        half: "Paris" and "Henry County" settle together. `state_counted`: the state named already
        counts for `e` once, as "region named"."""
        key = (id(e), others_key, state_counted)
        got = self.supports.get(key)
        if got is not None:
            return got
        geo = self.geo
        by_place: dict[str, float] = {}  # one place named twice ("U.S.", "United States") supports once
        for c, cands in others.values():
            lc = self.level(c)
            if lc == "state" and state_counted:
                continue
            # a country named supports its towns only a little: the focus bonus already does
            big = lc == "country" and self.level(e) == "town"
            rel, pair = self.pair(e, c)
            full = rel * (geo.country_support if big else 1.0)
            if pair:  # the county or state that holds this place (or the place it holds)
                full = geo.county_pair_support
            half = self.half(e, cands) if len(cands) <= geo.near_max_candidates else 0.0
            by_place[c.id] = max(by_place.get(c.id, 0.0), full, half)
        got = self.supports[key] = sum(by_place.values())
        return got

    def half(self, e: Entry, cands: list) -> float:
        """The support another mention's candidates lend `e` whatever it is read as: a place and a county
        holding it are rarely named together by chance, so full support; any other reading, half."""
        key = (id(e), id(cands))
        got = self.halves.get(key)
        if got is None:
            got = 0.0
            for x in self._could_support(e, cands):
                rel, pair = self.pair(e, x)
                got = max(got, (1.0 if pair else 0.5) * rel)
                if got >= 1.0:
                    break  # no reading supports more
            self.halves[key] = got
        return got

    def _could_support(self, e: Entry, cands: list):
        """The readings among `cands` that `related` may find related to `e`, by an index of them: those
        in its country (one holds the other) and those near it by latitude (two towns across a border).
        Every other one it would answer 0 for, so the ranking skips them: a document's names each have
        up to `near_max_candidates` readings, and every pair of them was measured before."""
        index = self.indexes.get(id(cands))
        if index is None:
            by_country: dict = {}
            for x in cands:
                by_country.setdefault(x.country, []).append(x)
            by_lat = sorted(cands, key=lambda x: x.lat)
            index = self.indexes[id(cands)] = (by_country, [x.lat for x in by_lat], by_lat)
        by_country, lats, by_lat = index
        band = (self.geo.near_km + 1.0) / KM_PER_DEGREE_LAT  # as `related` rules out by latitude alone
        near = by_lat[bisect.bisect_left(lats, e.lat - band):bisect.bisect_right(lats, e.lat + band)]
        return (*by_country.get(e.country, ()), *near)


@functools.lru_cache(maxsize=1 << 17)
def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    return distance_km(lat1, lon1, lat2, lon2)


def containers(tops: list, text: str) -> dict[int, int]:
    """{index of a mention: index of the mention right after it that names its state or country}."""
    out = {}
    for i in range(len(tops) - 1):
        a, b = tops[i], tops[i + 1]
        if a.demonym or b.demonym or not b.candidates:
            continue
        # "Georgia, Iraq, Iran": a list of states or countries is no "Paris, Texas"
        listed = i > 0 and text[tops[i - 1].end:a.start].strip() == "," and any(
            e.primary and level(e) in ("state", "country") for e in tops[i - 1].candidates)
        if (not listed and CONTAINED.match(text[a.end:b.start])
                and any(level(e) in ("state", "country") for e in b.candidates)):
            out[i] = i + 1
    return out


def list_neighbours(tops: list, text: str, contained: dict[int, int]) -> dict[int, list[int]]:
    """{index of a mention: the mentions listed right beside it} ("Utah, Virginia, Washington and
    Wyoming"), not counting a state or country named beside its place ("Paris, Texas")."""
    out: dict[int, list[int]] = {}
    for i in range(len(tops) - 1):
        a, b = tops[i], tops[i + 1]
        if a.demonym or b.demonym or contained.get(i) == i + 1 or not LISTED.match(text[a.end:b.start]):
            continue
        out.setdefault(i, []).append(i + 1)
        out.setdefault(i + 1, []).append(i)
    return out


def _shares(scored: list) -> dict[str, float]:
    """{country: share} of one mention's readings, each weighed by 10**score (population is log10, so
    this is the population share when nothing else differs): "Alexandria" is mostly Egypt's, partly
    the United States', "Douglas County" wholly the United States'."""
    if not scored:
        return {}
    top = max(s for s, _ in scored)
    weights: Counter = Counter()
    for s, e in scored:
        if e.country:
            weights[e.country] += 10 ** (s - top)
    total = sum(weights.values()) or 1.0
    return {c: w / total for c, w in weights.items()}


def _votes(tops: list, choice: dict[int, Entry], readings: dict[int, list] | None = None,
           currency: Counter | None = None) -> dict[str, Counter]:
    """Each distinct name's votes for the document's focus country. A name votes once, spread over the
    countries of its readings (`readings[i]`: (score without the focus part, entry)), so an ambiguous
    name (Athens, Alexandria) counts less for its biggest namesake's country than a name that is read
    one way only. The story's prices (`currency`, `_currency_votes`) vote as one more name."""
    votes: dict[str, Counter] = {}
    for i, t in enumerate(tops):
        e = choice.get(i)
        if e is None or not t.strong or t.demonym or e.country is None:
            continue
        # one vote per distinct name ("Georgia" five times is one name); repeats only break ties
        weight = 0.01 if _name(t) in votes else (2 if level(e) == "country" else 1)
        mine = votes.setdefault(_name(t), Counter())
        for country, share in (_shares(readings[i]) if readings and readings.get(i) else {e.country: 1.0}).items():
            mine[country] += weight * share
    if not votes:  # no name NER called a place: let well-known names spelled as GeoNames does vote
        for i, t in enumerate(tops):
            e = choice.get(i)
            if e is not None and e.primary and e.country and e.population >= 10_000 and not t.demonym:
                votes.setdefault(_name(t), Counter())[e.country] += 1
    if currency:
        votes[CURRENCY_VOTER] = currency
    return votes


def _currency_votes(text: str, geo: Geo) -> Counter:
    """The countries the story's prices vote for: a bare "$" is the American press's, "£" the British
    (knowledge/place_words.py); one voice, like one more name, split when both are written."""
    found = {country for pattern, country in CURRENCIES if pattern.search(text)}
    return Counter({c: geo.currency_vote / len(found) for c in found})


def _state_votes(tops: list, choice: dict[int, Entry], readings: dict[int, list],
                 qualified: set[int] = frozenset()) -> dict[str, Counter]:
    """Each distinct name's votes for the document's focus state (its country and first-level division),
    spread over the states of its readings as `_votes` spreads a name over countries: "Falls Village"
    (read one way) votes wholly for Connecticut, "Salisbury" a little for each state holding one. A
    country or a continent names no state: its share of the vote goes to none. A place written with its
    state ("convicted in Bronx County, N.Y.") is one the story names as lying elsewhere: it does not
    vote, nor does the state beside it (`qualified`)."""
    votes: dict[str, Counter] = {}
    voters = [i for i, t in enumerate(tops)
              if choice.get(i) is not None and t.strong and not t.demonym and i not in qualified]
    said = Counter(_name(tops[i]) for i in voters)
    for i in voters:
        t = tops[i]
        if _name(t) in votes:
            continue
        weights: Counter = Counter()
        scored = readings.get(i) or []
        top = max((s for s, _ in scored), default=0.0)
        total = sum(10 ** (s - top) for s, _ in scored)  # its readings as a country weigh too ("Jordan")
        for s, e in scored:
            if e.admin1 and level(e) in ("town", "county", "state"):
                weights[(e.country, e.admin1)] += 10 ** (s - top)
        if weights:
            # every mention votes: a name said again and again is the story's home ("Indiana" five
            # times among neighbouring states named once)
            votes[_name(t)] = Counter({k: said[_name(t)] * w / total for k, w in weights.items()})
    return votes


def _state_shares(votes: dict[str, Counter], name: str) -> dict[tuple, float]:
    """{(country, admin1): share of the other names' votes}: the document's state focus as seen from one
    name, which is no context for itself (nor for a name holding it: "Dublin City", "Dublin")."""
    total: Counter = Counter()
    for other, v in votes.items():
        if not _same_name(other, name):
            total.update(v)
    n = sum(total.values())
    return {k: v / n for k, v in total.items()} if n else {}


def _name(t) -> str:
    """A mention's name as the gazetteer keys it ("NEWARK" and "Newark" are one name)."""
    return name_key(t.lookup_as or t.text)


def _same_name(a: str, b: str) -> bool:
    """One name holds the other, word for word: "dublin" and "dublin city", "petersburg" and "st petersburg"."""
    return f" {a} " in f" {b} " or f" {b} " in f" {a} "


def _focus(votes: dict[str, Counter], leave_out: str | None = None) -> str | None:
    """The country most voted for, by every name but `leave_out` when other names vote: a name is
    no context for itself. A name alone in its document votes for itself, by the countries of its
    namesakes (most places called Windsor are American)."""
    total: Counter = Counter()
    for name, v in votes.items():
        if name != leave_out:
            total.update(v)
    if not total and leave_out in votes:
        total = votes[leave_out]
    return total.most_common(1)[0][0] if total else None


def rank(tops: list, text: str, regions_of, geo: Geo) -> str | None:
    """Set `t.entry` (the best candidate) and `t.scores` for every mention; return the focus country."""
    memo = _Pairs(geo)
    names = [_name(t) for t in tops]
    contained = containers(tops, text)
    listed = list_neighbours(tops, text, contained)
    qualified = set(contained) | set(contained.values())
    # {"dekalb": the mentions "DeKalb County"}: the county named in full, then "DeKalb" alone, is that county
    # or a town in it, not a DeKalb elsewhere
    counties: dict[str, list[int]] = {}
    for i, t in enumerate(tops):
        if t.region_level == "county" and not t.demonym and " " in t.text.strip():
            counties.setdefault(name_key(t.text.rsplit(None, 1)[0]), []).append(i)
    residents = {names[i] for i, t in enumerate(tops) if t.resident}  # "a Jordan man": the name is no country
    held: dict[str, list[int]] = {}  # {name: the mentions naming its state or country, wherever it is named}
    for i, j in contained.items():
        held.setdefault(_name(tops[i]), []).append(j)
    # round 0: context-free scores, no focus
    readings = {i: [(sum(parts(e, t, None, {}, geo).values()), e) for e in t.candidates]
                for i, t in enumerate(tops) if t.candidates}
    choice = {i: max(r, key=lambda x: x[0])[1] for i, r in readings.items()}
    currency = _currency_votes(text, geo)
    votes = _votes(tops, choice, readings, currency)
    focus = _focus(votes)
    for _ in range(geo.rank_rounds):
        states = _state_votes(tops, choice, readings, qualified)
        regions = regions_of(tops, focus)
        new: dict[int, Entry] = {}
        for i, t in enumerate(tops):
            if not t.candidates:
                continue
            # "Dublin City" is no evidence for which Dublin "Dublin" is: one name, not two places
            # each mention sees the choices already made this round (Gauss-Seidel): updated all at once,
            # a town and its county can swap readings every round and never settle
            current = choice | new
            others = {names[j]: (c, tops[j].candidates) for j, c in current.items()
                      if not _same_name(names[j], names[i]) and not tops[j].demonym and tops[j].strong}
            # the other mentions' readings, as one key: mentions of one name see the same others, and a
            # round that changed nothing for them asks the same again (`_Pairs.support` answers once)
            others_key = memo.key(tuple((c.id, id(cands)) for c, cands in others.values()))
            scored = []
            here = _focus(votes, names[i])  # the focus the other names vote for
            state_shares = _state_shares(states, names[i])
            for e in t.candidates:
                p = parts(e, t, here, regions, geo)
                support = memo.support(e, others_key, others, "region named" in p)
                if support:
                    p["near"] = geo.near_bonus * min(support, geo.near_max_support)
                # "Paris, Texas" once, "Paris" after: the name keeps the container it was given
                if any(inside(e, c) for j in held.get(_name(t), ()) for c in tops[j].candidates
                       if level(c) in ("state", "country")):
                    p["contained"] = geo.containment_bonus
                if names[i] in residents and level(e) == "country":
                    p["residents"] = -geo.resident_country_penalty
                if not t.region_hint and any(
                        (c := current.get(j)) is not None and (c.id == e.id or inside(e, c, "county"))
                        for j in counties.get(names[i], ())):
                    p["county named"] = geo.containment_bonus
                    if level(e) == "county":  # the county itself, though met without its "County"
                        p.pop("alternate", None)
                        p["level"] = 0.0
                if (i - 1 in contained and contained[i - 1] == i and level(e) in ("state", "country")
                        and any(inside(x, e) for x in tops[i - 1].candidates)):  # not "officials in Washington"
                    p["container"] = geo.region_hint_bonus
                share = state_shares.get((e.country, e.admin1), 0.0) if level(e) in ("town", "county") else 0.0
                if share:
                    # the state the document's other names lie in pulls its namesake, the way the focus
                    # country does; capped when the name is also a famous place elsewhere
                    bonus = geo.focus_state_bonus * share
                    if any(famous(c, geo) and (c.country, c.admin1) != (e.country, e.admin1) for c in t.candidates):
                        bonus = min(bonus, geo.focus_state_cap_famous)
                    p["focus state"] = round(bonus, 3)
                    if share >= geo.county_focus_min_share and _home_county(e, t):
                        # "DeKalb" in a story about Georgia: the county named without its "County" is no
                        # weaker than a far town of the name when no town of the name lies in the state
                        p.pop("alternate", None)
                        p["level"] = 0.0
                if level(e) != "town" and any(j in choice and level(choice[j]) == level(e) for j in listed.get(i, ())):
                    p["listed"] = geo.list_level_bonus  # a list holds one kind: states among states
                scored.append((sum(p.values()), e, p))
            scored.sort(key=lambda x: -x[0])
            t.scores = [(e, round(s, 2), p) for s, e, p in scored]
            new[i] = scored[0][1]
            readings[i] = [(s - p.get("focus", 0.0) - p.get("focus state", 0.0), e) for s, e, p in scored]
        votes = _votes(tops, new, readings, currency)
        new_focus = _focus(votes)
        if new == choice and new_focus == focus:
            break
        choice, focus = new, new_focus
    for i, t in enumerate(tops):
        t.entry = choice.get(i)
    return focus


def named_places(tops: list) -> dict[str, Entry]:
    """{name: place} for the names the document's strong mentions resolve, one place each (the most
    frequent reading when they disagree)."""
    votes: dict[str, Counter] = {}
    by_id: dict[str, Entry] = {}
    for t in tops:
        if t.strong and not t.demonym and t.entry is not None:
            votes.setdefault(_name(t), Counter())[t.entry.id] += 1
            by_id[t.entry.id] = t.entry
    return {k: by_id[v.most_common(1)[0][0]] for k, v in votes.items()}
