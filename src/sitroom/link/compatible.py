"""When two facts from different reports may be one: dates, subjects and places compatible.

Dates are TimeML-like values of unequal precision (a day, an ISO week, a month, a year); a
fact dated only by its report may have happened some days before it. Subjects are the
people counted ("people", "civilians" are one). Places are one when named alike, one
gazetteer entry, or within a distance (`PlaceIndex`). Which side an actor is on is
`sitroom.knowledge.sides`.
"""

from __future__ import annotations

import math
import re
from datetime import date, timedelta

from sitroom.contract import Place
from sitroom.knowledge.geo import distance_km
from sitroom.settings import Settings

GENERIC_SUBJECTS = {"people", "civilians", "persons", "others", "iraqis", "residents", None}
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, None: 4}


# --------------------------------------------------------------------------- dates


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


def precision_of(value: str | None) -> str | None:
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", value):
        return "day"
    if "-W" in value:
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    return "year"


# --------------------------------------------------------------------------- subjects


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


# --------------------------------------------------------------------------- places


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
                return distance_km(pa.lat, pa.lon, pb.lat, pb.lon) <= km
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
