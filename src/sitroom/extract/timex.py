"""News-aware time expressions: find them (`timex_rules`) and normalise them to TimeML values.

`normalize(text, anchor)` needs no spaCy. It is our own rule set rather than
dateparser because news writes time relative to the report: dateparser returns
None for "earlier this year", fills a day into a bare "June", and with
PREFER_DATES_FROM='past' turns a same-day "Friday" into last week. In
past-tense reporting a bare weekday is the most recent such day on or before
the report's date; a sentence written in the future ("will meet Monday") flips
it forward. Absolute dates are simple enough for the patterns of `timex_rules`.

Values follow TimeML: `2014-06-13`, `2014-06-13TEV`, `2014-W24`, `2014-06`,
`2014`, `PT2H`, `P9Y`, `PAST_REF`, `PRESENT_REF`; precision is day, week,
month, year (None when a relative expression has no anchor to resolve it).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from sitroom.article.words import MONTHS, WEEKDAYS
from sitroom.contract import TimeExpr
from sitroom.extract.timex_rules import NUMBERS, PARTS_OF_DAY, QUARTERS, UNITS, VAGUE_NUMBERS, Found, find

_FUTURE_CUES = re.compile(r"(\b(will|shall|going to|plan(?:s|ned|ning)? to|scheduled|is to|are to|expected to|would be|as early as|as soon as|ready to|due to)\b|'ll\b)", re.I)


def _num(word: str | None) -> float | None:
    if word is None:
        return None
    w = word.lower().strip()
    if w in VAGUE_NUMBERS or w.endswith("few") or w.endswith("couple of"):
        return None
    if w in NUMBERS:
        return NUMBERS[w]
    try:
        return float(w)
    except ValueError:
        return None


def _fmt_num(n: float | None) -> str:
    if n is None:
        return "X"
    return str(int(n)) if float(n).is_integer() else str(n)


def duration_value(n: float | None, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    if unit.startswith("centur"):
        unit = "century"
    letter, clock = UNITS[unit]
    if unit == "week" and n is not None:
        return f"P{_fmt_num(n)}W"
    if n is not None and not float(n).is_integer():  # "half an hour" etc: go one unit down
        if unit == "hour":
            return f"PT{int(n * 60)}M"
        if unit == "year":
            return f"P{int(n * 12)}M"
        if unit == "day":
            return f"PT{int(n * 24)}H"
    return ("PT" if clock else "P") + _fmt_num(n) + letter


def _week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _quarter(d: date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def _shift_month(d: date, months: int) -> tuple[int, int]:
    m = d.month - 1 + months
    return d.year + m // 12, m % 12 + 1


def _is_future(text: str, start: int, end: int) -> bool:
    """Future tense around a weekday or month: look in the same clause, a few words either side."""
    left = re.split(r"[.;!?\n]", text[max(0, start - 70):start])[-1]
    return bool(_FUTURE_CUES.search(left))


def _year_near(month: int, day: int | None, anchor: date, future: bool = False) -> int:
    """The year of a month (and day) written without one: the occurrence closest to the report,
    a past one counting as closer (news reports the past) unless the sentence speaks of the future."""
    best = None
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            cand = date(y, month, min(day or 15, 28) if day is None else day)
        except ValueError:
            cand = date(y, month, 28)
        days = (cand - anchor).days
        dist = abs(days) * (1.0 if (days <= 0) != future else 1.3)
        if best is None or dist < best[0]:
            best = (dist, y)
    return best[1]


def _weekday_is(year: int, month: int, day: int, weekday: str) -> bool:
    try:
        return date(year, month, day).weekday() == WEEKDAYS[weekday.lower()]
    except ValueError:
        return False


class _Resolver:
    """Turns one rule match into (type, value, precision) against the anchor and the last date seen."""

    def __init__(self, text: str, anchor: date | None):
        self.text = text
        self.anchor = anchor
        self.last_day: date | None = anchor  # reference time for "a day earlier", "the next day"

    def __call__(self, f: Found) -> tuple[str, str, str | None] | None:
        out = getattr(self, "_" + f.rule)(f.match, f)
        if out and out[0] in ("DATE", "TIME") and out[2] == "day" and re.match(r"\d{4}-\d\d-\d\d", out[1]):
            self.last_day = date.fromisoformat(out[1][:10])
        return out

    # absolute ---------------------------------------------------------------------------------
    def _iso(self, m, f):
        try:
            d = date(int(m["y"]), int(m["m"]), int(m["d"]))
        except ValueError:
            return None
        return "DATE", d.isoformat(), "day"

    def _mdy(self, m, f):
        month = MONTHS[m["month"].lower().rstrip(".")]
        day = int(m["day"])
        if not 1 <= day <= 31:
            return None
        if m["year"]:
            year = int(m["year"])
        elif self.anchor:
            year = _year_near(month, day, self.anchor, _is_future(self.text, f.start, f.end))
            if m["wd"]:  # "Monday, November 17": the year whose date falls on that weekday
                year = next((y for y in (year, year - 1, year + 1) if _weekday_is(y, month, day, m["wd"])), year)
        else:
            return "DATE", f"XXXX-{month:02d}-{day:02d}", None
        try:
            return "DATE", date(year, month, day).isoformat(), "day"
        except ValueError:
            return None

    _dmy = _mdy

    def _month_year(self, m, f):
        month = MONTHS[m["month"].lower().rstrip(".")]
        return "DATE", f"{int(m['year'])}-{month:02d}", "month"

    def _month(self, m, f):
        month = MONTHS[m["month"].lower().rstrip(".")]
        mod = (m["mod"] or "").lower()
        if not self.anchor:
            return "DATE", f"XXXX-{month:02d}", None
        if mod == "last":
            year = self.anchor.year if month < self.anchor.month else self.anchor.year - 1
        elif mod == "next":
            year = self.anchor.year if month > self.anchor.month else self.anchor.year + 1
        elif mod == "this":
            year = self.anchor.year
        else:
            year = _year_near(month, None, self.anchor, _is_future(self.text, f.start, f.end))
        return "DATE", f"{year}-{month:02d}", "month"

    # weekdays and days --------------------------------------------------------------------------
    def _weekday_date(self, wd: int, mod: str, future: bool) -> date:
        a = self.anchor
        back = (a.weekday() - wd) % 7
        fwd = (wd - a.weekday()) % 7
        if mod == "last":
            return a - timedelta(days=back or 7)
        if mod == "next":
            return a + timedelta(days=fwd or 7)
        if mod == "this":
            return a - timedelta(days=a.weekday()) + timedelta(days=wd)
        return a + timedelta(days=fwd) if future else a - timedelta(days=back)

    def _weekday(self, m, f):
        wd = WEEKDAYS[m["wd"].lower()]
        mod = (m["mod"] or "").lower()
        pod = (m["pod"] or "").lower()
        if not self.anchor:
            return ("TIME" if pod else "DATE"), f"XXXX-WXX-{wd + 1}", None
        d = self._weekday_date(wd, mod if mod in ("last", "next", "this") else "", _is_future(self.text, f.start, f.end))
        if pod:
            return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[pod]}", "day"
        return "DATE", d.isoformat(), "day"

    def _relday(self, m, f):
        word = m["word"].lower()
        pod = (m["pod"] or "").lower()
        offsets = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0, "overnight": -1, "last night": -1,
                   "the day before yesterday": -2, "the day after tomorrow": 2}
        if word.startswith("this "):
            pod, off = word.split()[1], 0
        else:
            off = offsets[word]
        if word in ("tonight", "overnight", "last night"):
            pod = "night"
        if word == "overnight" and re.search(r"\b(happen|change|succeed|overnight)\w*\s*$", self.text[max(0, f.start - 25):f.start], re.I):
            return None  # the idiom ("not going to happen overnight")
        if not self.anchor:
            return ("TIME" if pod else "DATE"), "XXXX-XX-XX", None
        d = self.anchor + timedelta(days=off)
        if pod:
            return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[pod]}", "day"
        return "DATE", d.isoformat(), "day"

    def _relunit(self, m, f):
        mod = m["mod"].lower()
        unit = m["unit"].lower()
        if mod.startswith("the ") and mod in ("the past", "the previous", "the coming", "the last", "the next"):
            if unit in ("week", "month", "year", "decade", "century"):
                return "DURATION", duration_value(1, unit), None
        a = self.anchor
        if not a:
            return "DATE", "XXXX", None
        step = {"this": 0, "earlier this": 0, "later this": 0, "last": -1, "past": -1, "previous": -1,
                "next": 1, "coming": 1, "earlier": -1, "later": 1}.get(mod, 0)
        if unit in ("week", "weekend"):
            d = a + timedelta(weeks=step)
            return "DATE", _week(d) + ("-WE" if unit == "weekend" else ""), "week"
        if unit == "month":
            y, mo = _shift_month(a, step)
            return "DATE", f"{y}-{mo:02d}", "month"
        if unit == "quarter":
            y, mo = _shift_month(a, 3 * step)
            return "DATE", _quarter(date(y, mo, 1)), "month"
        if unit == "decade":
            return "DATE", str((a.year + 10 * step) // 10), "year"
        if unit == "century":
            return "DATE", str((a.year + 100 * step) // 100), "year"
        return "DATE", str(a.year + step), "year"

    def _shifted(self, base: date | None, n: float | None, unit: str, sign: int):
        unit = unit.lower().rstrip("s")
        if base is None or n is None:
            return "DATE", ("PAST_REF" if sign < 0 else "FUTURE_REF"), None
        n = int(n)
        if unit == "day":
            return "DATE", (base + timedelta(days=sign * n)).isoformat(), "day"
        if unit == "week":
            return "DATE", _week(base + timedelta(weeks=sign * n)), "week"
        if unit == "month":
            y, mo = _shift_month(base, sign * n)
            return "DATE", f"{y}-{mo:02d}", "month"
        if unit == "year":
            return "DATE", str(base.year + sign * n), "year"
        if unit == "decade":
            return "DATE", str((base.year + sign * 10 * n) // 10), "year"
        return "TIME" if unit in ("hour", "minute", "second") else "DATE", ("PAST_REF" if sign < 0 else "FUTURE_REF"), None

    def _ago(self, m, f):
        d = m["dir"].lower()
        if d == "since":
            return "DURATION", duration_value(_num(m["num"]), m["unit"]), None
        sign = -1 if d in ("ago", "earlier", "before") else 1
        base = self.anchor if d in ("ago", "from now") else self.last_day
        return self._shifted(base, _num(m["num"]), m["unit"], sign)

    def _aday(self, m, f):
        sign = -1 if m["dir"].lower() in ("earlier", "before") else 1
        return self._shifted(self.last_day, 1, m["unit"], sign)

    def _nextday(self, m, f):
        sign = -1 if m["dir"].lower() in ("previous", "preceding") else 1
        unit = m["unit"].lower()
        if unit in PARTS_OF_DAY:
            if not self.last_day:
                return "TIME", "XXXX-XX-XX", None
            d = self.last_day + timedelta(days=sign)
            return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[unit]}", "day"
        return self._shifted(self.last_day, 1, unit, sign)

    # durations and references ---------------------------------------------------------------------
    def _duration_past(self, m, f):
        n = _num(m["num"]) if m["num"] else 1
        if m["num"] and n is None:
            return "DURATION", duration_value(None, m["unit"]), None
        return "DURATION", duration_value(n, m["unit"]), None

    def _duration(self, m, f):
        if (m["old"] or "").lower() == "old":
            return None  # an age ("a 6-year-old boy") is not a time of the story
        n = _num(m["num"])
        num = (m["num"] or "").lower()
        if num in ("a", "an") and m["unit"].lower() in ("day", "week", "month", "year") and not m["old"]:
            # "a day" alone is mostly a rate ("twice a day"); keep "a year" style only after in/for
            if not re.search(r"\b(for|in|about|nearly|almost|over|than|within|after)\s*$", self.text[max(0, f.start - 12):f.start], re.I):
                return None
        return "DURATION", duration_value(n, m["unit"]), None

    def _refs(self, m, f):
        w = m["word"].lower()
        if w in ("now", "currently", "nowadays", "these days", "at the moment", "right now", "at present", "presently"):
            return "DATE", "PRESENT_REF", None
        if "coming" in w or "future" in w:
            return "DATE", "FUTURE_REF", None
        if w in ("so far", "to date"):
            return None
        recent = re.search(r"recent (day|week|month|year)s", w)
        if recent:  # TimeML annotates "recent days" as an unspecified duration
            return "DURATION", "PX" + recent.group(1)[0].upper(), None
        return "DATE", "PAST_REF", None

    def _clock_value(self, hour: int, minute: int, zone: str | None) -> str:
        day = self.last_day or self.anchor
        t = f"T{hour:02d}:{minute:02d}"
        return (day.isoformat() if day else "XXXX-XX-XX") + t

    def _clock(self, m, f):
        h, mi = int(m["h"]), int(m["mi"] or 0)
        ampm = m["ampm"].lower().replace(".", "")
        if not 1 <= h <= 12:
            return None
        if ampm == "pm" and h != 12:
            h += 12
        if ampm == "am" and h == 12:
            h = 0
        return "TIME", self._clock_value(h, mi, m["zone"]), ("day" if (self.last_day or self.anchor) else None)

    def _clock24(self, m, f):
        h, mi = int(m["h"]), int(m["mi"])
        if h > 23:
            return None
        return "TIME", self._clock_value(h, mi, m["zone"]), ("day" if (self.last_day or self.anchor) else None)

    def _clockword(self, m, f):
        w = m["word"].lower()
        if w in ("dawn", "dusk"):
            return None
        return "TIME", self._clock_value(0 if w == "midnight" else 12, 0, None), ("day" if (self.last_day or self.anchor) else None)

    def _quarter(self, m, f):
        q = QUARTERS[m["q"].lower()]
        if m["year"]:
            return "DATE", f"{m['year']}-Q{q}", "month"
        if not self.anchor:
            return "DATE", f"XXXX-Q{q}", None
        return "DATE", f"{self.anchor.year}-Q{q}", "month"

    def _season(self, m, f):
        code = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}[m["season"].lower()]
        mod = (m["mod"] or "").lower()
        if m["year"]:
            return "DATE", f"{m['year']}-{code}", "month"
        if mod == "the" or not self.anchor:
            return ("DATE", f"XXXX-{code}", None) if mod != "the" else None
        year = self.anchor.year + {"last": -1, "next": 1}.get(mod, 0)
        return "DATE", f"{year}-{code}", "month"

    def _the_unit(self, m, f):
        """ "the quarter", "the year" in a report: the current period (the last full quarter in business news)."""
        a = self.anchor
        if not a:
            return None
        unit = m["unit"].lower()
        if unit == "quarter":
            y, mo = _shift_month(a, -3)
            return "DATE", _quarter(date(y, mo, 1)), "month"
        if unit in ("year", "fiscal year"):
            return "DATE", str(a.year), "year"
        if unit == "weekend":
            return "DATE", _week(a) + "-WE", "week"
        if unit == "week":
            return "DATE", _week(a), "week"
        return "DATE", f"{a.year}-{a.month:02d}", "month"

    def _decade(self, m, f):
        return "DATE", m["dec"][:3], "year"

    def _year(self, m, f):
        return "DATE", m["year"], "year"

    _bare_year = _year

    def _set(self, m, f):
        w = m["word"].lower()
        if m["wd"]:
            return "SET", f"XXXX-WXX-{WEEKDAYS[m['wd'].lower()] + 1}", None
        for key, val in (("day", "P1D"), ("dai", "P1D"), ("week", "P1W"), ("month", "P1M"), ("year", "P1Y"),
                         ("annual", "P1Y"), ("morning", "TMO"), ("night", "TNI"), ("evening", "TEV")):
            if key in w:
                return "SET", val, None
        return None


def to_date(value) -> date | None:
    """An anchor from an ISO string, date or datetime (None stays None)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


_LEADING = re.compile(r"^(?:on|until|since|by)\s+", re.I)


def normalize(text: str, anchor=None) -> list[TimeExpr]:
    """Every time expression in `text` with its TimeML type, value and precision.

    `anchor` is the report's date (ISO string, date or datetime); without it, relative
    expressions keep an underspecified value (`XXXX-WXX-5`) and precision None.
    """
    resolver = _Resolver(text, to_date(anchor))
    out: list[TimeExpr] = []
    for f in find(text):
        res = resolver(f)
        if res is None:
            continue
        typ, value, precision = res
        start, end = f.start, f.end
        lead = _LEADING.match(text[start:end])
        if lead:  # "on Friday": the preposition is not part of the expression
            start += lead.end()
        out.append(TimeExpr(text=text[start:end], start=start, end=end, type=typ, value=value, precision=precision))
    _date_clock_times(out)
    return out


def _date_clock_times(times: list[TimeExpr]) -> None:
    """A clock time takes the day written right after it ("0530 GMT on June 10") when there is one."""
    for i, t in enumerate(times[:-1]):
        nxt = times[i + 1]
        if t.type == "TIME" and "T" in t.value and ":" in t.value and nxt.start - t.end <= 5 and nxt.precision == "day":
            t.value = nxt.value[:10] + t.value[t.value.index("T"):]
            t.precision = "day"


def day_of(value: str | None) -> tuple[str | None, str | None]:
    """(date value, precision) usable to date a fact: ISO day, week, month or year; None for the rest."""
    if not value:
        return None, None
    if re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", value):
        return value[:10], "day"
    if re.fullmatch(r"\d{4}-W\d\d(-WE)?", value):
        return value[:8], "week"
    if re.fullmatch(r"\d{4}-\d\d", value):
        return value, "month"
    if re.fullmatch(r"\d{4}-Q\d", value):
        return value, "month"
    if re.fullmatch(r"\d{4}", value):
        return value, "year"
    return None, None
