"""events.csv: one row per event in ACLED's columns, for analysts' spreadsheets and R/pandas.

The first columns are ACLED's, by name and in ACLED's order (ACLED_COLUMNS); a column sitroom has
no data for (inter codes, admin2/3, iso, region, source_scale, tags, timestamp) stays empty.
Codes follow ACLED: geo_precision 1 = the town itself, 2 = near a town / part of a region,
3 = a region or larger; time_precision 1 = day, 2 = week, 3 = month or coarser. event_date is
always an ISO day (YYYY-MM-DD) or empty: a week, month or year gives its first day, and
time_precision says how precise it is. A denied, disputed or only claimed event says so in `notes` and `dispute`
(who denies or contradicts it); `sources` counts independent outlets, `reports` the reports. An unknown fatality
count stays empty instead of ACLED's 0:
"not reported" is not "nobody died". sitroom's own columns follow (EXTRA_COLUMNS), and every
column of earlier versions keeps its name (extend, never rename).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date

from sitroom.contract import Situation
from sitroom.export import report_model as rm
from sitroom.knowledge import event_types as et
from sitroom.knowledge.sides import is_civilian

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
# ACLED's disorder type of each of its event types; sitroom's humanitarian types have none
DISORDER_TYPE = {et.BATTLES: "Political violence", et.REMOTE: "Political violence", et.VAC: "Political violence",
                 et.PROTESTS: "Demonstrations", et.RIOTS: "Demonstrations", et.STRATEGIC: "Strategic developments"}
DISORDER_OF_SUBTYPE = {"Mob violence": "Political violence",  # ACLED's exceptions to the type's disorder
                       "Excessive force against protesters": "Political violence; Demonstrations"}
EXTRA_COLUMNS = ["event_id", "status", "sources", "background", "evidence", "dispute", "reports"]
GEO_PRECISION = {"city": 1, "village": 1, "town": 1, "facility": 1, "neighbourhood": 1, "region": 3, "admin1": 3, "country": 3}
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")
TIMEX = re.compile(r"(?P<y>\d{4})(?:-(?:(?P<m>\d{2})(?:-(?P<d>\d{2}))?|W(?P<w>\d{2})(?P<we>-WE)?|Q(?P<q>[1-4])))?(?:T.*)?")


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


def iso_day(value: str | None, precision: str | None = None) -> tuple[str, int | str]:
    """(ISO day, ACLED time_precision) of a TIMEX-like date value: "2014-06-15" -> day (1); "2014-W24"
    -> its Monday, or its Saturday for a weekend "-WE" (2); "2014-06", "2014-Q2", "2014" -> their first
    day (3). A stated `precision` (day/week/month/year) coarser than the form wins.
    What is not a calendar date ("PAST_REF", a decade "201X") gives ("", "")."""
    m = TIMEX.fullmatch((value or "").strip())
    if not m:
        return "", ""
    y = int(m["y"])
    try:
        if m["w"]:
            day, code = date.fromisocalendar(y, int(m["w"]), 6 if m["we"] else 1), 2
        elif m["q"]:
            day, code = date(y, 3 * int(m["q"]) - 2, 1), 3
        else:
            day = date(y, int(m["m"] or 1), int(m["d"] or 1))
            code = 1 if m["d"] else 3
    except ValueError:
        return "", ""
    return day.isoformat(), max(code, TIME_PRECISION.get(precision or "", 1))  # the coarser of form and statement


def _side(ev, names: list[str]) -> list[str]:
    """One side's actors as ACLED lists them (the main one, then its associates), each with the group the
    text links it to and its hedge: "ISIS (militants)", "possibly ISIS fighters"."""
    return [rm.actor_label(n, ev.actor_groups.get(n), ev.actor_certainty.get(n)) for n in names]


def render(sit: Situation) -> str:
    rep = rm.build(sit)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(ACLED_COLUMNS + EXTRA_COLUMNS)
    for ev in sorted(sit.events, key=lambda e: (e.date or "9999", e.id)):
        dispute = rm.dispute_text(ev.status, rep.dispute(ev.id))
        place = rep.places.get(ev.place) if ev.place else None
        first, second = _side(ev, ev.actor1), _side(ev, ev.actor2)
        if not (first or second):  # an event made before roles were read: its entities, the main one first
            names = [rep.name(a) for a in ev.actors]
            first, second = names[:1], names[1:]
        docs = sorted({e.doc for e in ev.evidence} | set(ev.documents))
        outlets = sorted({rep.outlet(d) for d in docs})
        day, precision = iso_day(ev.date, ev.date_precision)
        writer.writerow([cell(v) for v in (
            ev.id, day, day[:4], precision, DISORDER_OF_SUBTYPE.get(ev.subtype or "", DISORDER_TYPE.get(ev.type, "")), ev.type, ev.subtype or "",
            first[0] if first else "", "; ".join(first[1:]), "", second[0] if second else "", "; ".join(second[1:]),
            "", "", "Civilian targeting" if ev.type == et.VAC or (ev.actor2 and is_civilian(ev.actor2[0])) else "",
            "", "", place.country if place and place.country else "",
            place.admin1 if place and place.admin1 else "", "", "", place.name if place else "",
            "" if place is None or place.lat is None else f"{place.lat:.4f}",
            "" if place is None or place.lon is None else f"{place.lon:.4f}",
            geo_precision(place), "; ".join(outlets), "", ev.summary + (f" [{dispute}]" if dispute else ""),
            ev.fatalities, "", "",
            ev.id, ev.status, ev.sources, int(ev.background), " ".join(rm.cites(ev.evidence)), dispute, len(docs),
        )])
    return buf.getvalue()
