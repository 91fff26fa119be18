"""events.csv: one row per event in ACLED-like columns, for analysts' spreadsheets and R/pandas.

The first fourteen columns follow ACLED's names and codes (geo_precision 1 = the
town itself, 2 = near a town / part of a region, 3 = a region or larger;
time_precision 1 = day, 2 = week, 3 = month or coarser). An unknown fatality
count stays empty instead of ACLED's 0: "not reported" is not "nobody died".
sitroom's own columns follow (event id, status, independent sources, evidence).
"""

from __future__ import annotations

import csv
import io
import re

from sitroom.contract import Situation
from sitroom.export import report_model as rm

ACLED_COLUMNS = [
    "event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location", "latitude", "longitude",
    "geo_precision", "time_precision", "source", "notes", "fatalities",
]
EXTRA_COLUMNS = ["event_id", "status", "sources", "background", "evidence"]
GEO_PRECISION = {"city": 1, "village": 1, "town": 1, "facility": 1, "neighbourhood": 1, "region": 3, "admin1": 3, "country": 3}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def cell(value: object) -> str:
    """Every cell of the file goes through here. Text from articles (and ids built from file names) must not
    run as a formula in a spreadsheet (CSV injection): a cell starting like one (=, +, -, @, a tab or line break,
    or their full-width forms) is prefixed with a quote. Numbers, negative coordinates too, stay numbers."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, (int, float)):
        return str(value)
    s = str(value)
    if NUMBER.fullmatch(s):
        return s
    return "'" + s if s.lstrip(" ").startswith(FORMULA_START) else s


def geo_precision(place) -> str:
    if place is None or place.lat is None:
        return ""
    return str(GEO_PRECISION.get((place.feature or place.precision or "").lower(), 2))


def render(sit: Situation) -> str:
    rep = rm.build(sit)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS + EXTRA_COLUMNS)
    for ev in sorted(sit.events, key=lambda e: (e.date or "9999", e.id)):
        place = rep.places.get(ev.place) if ev.place else None
        actors = [rep.name(a) for a in ev.actors]
        docs = sorted({e.doc for e in ev.evidence} | set(ev.documents))
        outlets = sorted({rep.outlet(d) for d in docs})
        writer.writerow([cell(v) for v in (
            ev.date or "", ev.type, ev.subtype or "", actors[0] if actors else "", "; ".join(actors[1:]),
            place.admin1 if place and place.admin1 else "", place.name if place else "",
            "" if place is None or place.lat is None else f"{place.lat:.4f}",
            "" if place is None or place.lon is None else f"{place.lon:.4f}",
            geo_precision(place), TIME_PRECISION.get(ev.date_precision or "", 1 if ev.date else ""),
            "; ".join(outlets), ev.summary, ev.fatalities,
            ev.id, ev.status, ev.sources, int(ev.background), " ".join(rm.cites(ev.evidence)),
        )])
    return buf.getvalue()
