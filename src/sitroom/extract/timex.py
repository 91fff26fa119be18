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
from sitroom.extract.timex_periods import PeriodRules, _num, _quarter, _shift_month, _week, duration_value
from sitroom.extract.timex_rules import PARTS_OF_DAY, Found, find

_FUTURE_CUES = re.compile(r"(\b(will|shall|going to|plan(?:s|ned|ning)? to|scheduled|is to|are to|expected to|would be|as early as|as soon as|ready to|due to)\b|'ll\b)", re.I)


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


class _Resolver(PeriodRules):
    """Turns one rule match into (type, value, precision) against the anchor and the last date seen."""

    def __init__(self, text: str, anchor: date | None, tense=None):
        self.text = text
        self.anchor = anchor
        self.tense = tense  # (start, end) -> "past" | "future" | None: the governing verb's tense
        self.last_day: date | None = anchor  # reference time for "a day earlier", "the next day"
        self.ref_quarter: tuple[int, int] | None = None  # the period an earnings report speaks of
        self.note: str | None = None  # what the last expression was resolved against (for --explain)

    def _direction(self, f: Found) -> str | None:
        """ "past" or "future" from the governing verb's tense (spaCy) when known, else "future" on a
        future cue in the clause; None when nothing says."""
        told = self.tense(f.start, f.end) if self.tense else None
        if told in ("past", "future"):
            self.note = f"report {self.anchor}, verb tense {told}"
            return told
        if _is_future(self.text, f.start, f.end):
            self.note = f"report {self.anchor}, future cue"
            return "future"
        return None

    def _last(self) -> date | None:
        """The reference time (the last day-precise date), noted for `--explain`."""
        if self.last_day is not None and self.last_day != self.anchor:
            self.note = f"previous date {self.last_day.isoformat()}"
        return self.last_day

    def __call__(self, f: Found) -> tuple[str, str, str | None] | None:
        self.note = None
        out = getattr(self, "_" + f.rule)(f.match, f)
        if out and out[0] in ("DATE", "TIME") and out[2] == "day" and re.match(r"\d{4}-\d\d-\d\d", out[1]):
            self.last_day = date.fromisoformat(out[1][:10])
        if out and f.rule == "quarter" and re.fullmatch(r"\d{4}-Q\d", out[1]):
            y, q = int(out[1][:4]), int(out[1][-1])
            if not self.anchor or (y, q) < (self.anchor.year, (self.anchor.month - 1) // 3 + 1):
                self.ref_quarter = (y, q)  # a quarter already over: the period the report speaks of
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
            year = self._month_year_of(month, day, f)
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
            year = self._month_year_of(month, None, f)
        return "DATE", f"{year}-{month:02d}", "month"

    def _month_year_of(self, month: int, day: int | None, f: Found) -> int:
        """A month written without its year: the last one on or before the report in a past-tense
        clause, the next one in a future clause, else the occurrence nearest the report."""
        a = self.anchor
        direction = self._direction(f)
        here = (month, day or 1) <= (a.month, a.day) if day else month <= a.month
        if direction == "past":
            return a.year if here else a.year - 1
        if direction == "future":
            return a.year if (month, day or 31) >= (a.month, a.day) else a.year + 1
        return _year_near(month, day, a, False)

    def _month_rel_year(self, m, f):
        month = MONTHS[m["month"].lower().rstrip(".")]
        if not self.anchor:
            return "DATE", f"XXXX-{month:02d}", None
        year = self.anchor.year + {"last": -1, "next": 1}.get(m["mod"].lower(), 0)
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
        if mod in ("the previous", "the following") and self._last():
            step = -1 if mod == "the previous" else 1
            d = self._last() + timedelta(days=step)
            while d.weekday() != wd:
                d += timedelta(days=step)
            return ("TIME" if pod else "DATE"), d.isoformat() + (f"T{PARTS_OF_DAY[pod]}" if pod else ""), "day"
        if mod == "this coming":
            mod = "next" if wd == self.anchor.weekday() else ""
        d = self._weekday_date(wd, mod if mod in ("last", "next", "this") else "", self._direction(f) == "future" or mod == "this coming")
        if pod:
            return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[pod]}", "day"
        return "DATE", d.isoformat(), "day"

    def _weekday_set(self, m, f):
        wd = WEEKDAYS[(m["wd"] or m["wd2"]).lower()]
        pod = (m["pod"] or m["pod2"] or "").lower()
        return "SET", f"XXXX-WXX-{wd + 1}" + (f"T{PARTS_OF_DAY[pod]}" if pod else ""), None

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
            if unit == "quarter":
                return "DURATION", "P1Q", None
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
        if d in ("after", "before", "later", "from now"):
            # a signal word: TimeML tags the length ("a month") and not the signal ("after")
            return "DURATION", duration_value(_num(m["num"]), m["unit"]), None
        n = _num(m["num"])
        if n == 1 and m["unit"].lower() == "year" and self.ref_quarter:
            return self._year_ago_period()
        sign = -1
        base = self.anchor if d == "ago" else self._last()
        return self._shifted(base, n, m["unit"], sign)

    def _aday(self, m, f):
        if m["dir"].lower() in ("after", "before", "later") and m["ref"].lower() != "the":
            return "DURATION", duration_value(1, m["unit"]), None
        if m["unit"].lower() == "year" and m["ref"].lower() != "the" and self.ref_quarter:
            return self._year_ago_period()
        sign = -1 if m["dir"].lower() in ("earlier", "before") else 1
        return self._shifted(self._last(), 1, m["unit"], sign)

    def _nextday(self, m, f):
        sign = -1 if m["dir"].lower() in ("previous", "preceding") else 1
        unit = m["unit"].lower()
        if unit in PARTS_OF_DAY:
            if not self._last():
                return "TIME", "XXXX-XX-XX", None
            d = self._last() + timedelta(days=sign)
            return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[unit]}", "day"
        return self._shifted(self._last(), 1, unit, sign)

    # durations and references ---------------------------------------------------------------------
    def _clock_value(self, hour: int, minute: int, zone: str | None, second: str | None = None) -> str:
        day = self._last() or self.anchor
        t = f"T{hour:02d}:{minute:02d}" + (f":{second}" if second else "")
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
        return "TIME", self._clock_value(h, mi, m["zone"], m["se"]), ("day" if (self._last() or self.anchor) else None)

    def _clock24(self, m, f):
        h, mi = int(m["h"]), int(m["mi"])
        if h > 23:
            return None
        return "TIME", self._clock_value(h, mi, m["zone"], m["se"]), ("day" if (self._last() or self.anchor) else None)

    def _clockword(self, m, f):
        w = m["word"].lower()
        if w in ("dawn", "dusk"):
            return None
        return "TIME", self._clock_value(0 if w == "midnight" else 12, 0, None), ("day" if (self._last() or self.anchor) else None)

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


_ABSOLUTE = {"iso", "month_year", "year", "bare_year", "decade", "century", "fiscal", "year_range"}
_LEADING = re.compile(r"^(?:on|until|since|by)\s+", re.I)


def normalize(text: str, anchor=None, tense=None) -> list[TimeExpr]:
    """Every time expression in `text` with its TimeML type, value and precision.

    `anchor` is the report's date (ISO string, date or datetime); without it, relative
    expressions keep an underspecified value (`XXXX-WXX-5`) and precision None. `tense`,
    when given, is a function (start, end) -> "past" | "future" | None telling the tense of
    the verb that governs the expression (see `times.tense_of`); it decides which way a bare
    weekday, month or quarter lies from the report's date.
    """
    resolver = _Resolver(text, to_date(anchor), tense)
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
        m = f.match
        if typ == "DURATION" and "dir" in m.re.groupindex and m["dir"]:
            end = m.start("dir")  # "two years after": the signal word stands apart
            while end > start and text[end - 1] in " -":
                end -= 1
            if m["dir"].lower() == "from now":
                now = m.end("dir") - 3
                out.append(TimeExpr(text=text[start:end], start=start, end=end, type=typ, value=value, precision=None))
                typ, value, precision, start, end = "DATE", "PRESENT_REF", None, now, m.end("dir")
        if f.rule == "year_range":
            split = m.end("y1")
            out.append(TimeExpr(text=text[start:split], start=start, end=split, type="DATE", value=value, precision="year"))
            y2 = m["y2"] if len(m["y2"]) == 4 else m["y1"][:2] + m["y2"]
            start, value = m.start("y2"), y2
        out.append(TimeExpr(text=text[start:end], start=start, end=end, type=typ, value=value, precision=precision))
    _date_clock_times(out)
    return out


def explain(text: str, anchor=None, tense=None) -> list[tuple[TimeExpr, str, str]]:
    """Each expression of `normalize` with the rule that found it and what it was resolved against:
    "absolute", "report DATE" (with the verb tense or future cue that oriented it), "previous date
    DATE" (the reference time of "a day earlier") or "reference period" (earnings reports)."""
    resolver = _Resolver(text, to_date(anchor), tense)
    why: list[tuple[int, int, str, str]] = []
    for f in find(text):
        if resolver(f) is None:
            continue
        groups = f.match.groupdict()
        if resolver.note:
            basis = resolver.note
        elif f.rule in _ABSOLUTE or groups.get("year") or groups.get("y1") or groups.get("year2"):
            basis = "absolute"
        else:
            basis = f"report {resolver.anchor}" if resolver.anchor else "no anchor"
        why.append((f.start, f.end, f.rule, basis))
    out = []
    for t in normalize(text, anchor, tense):
        rule, basis = next(((r, b) for s0, e0, r, b in why if s0 <= t.start < e0), ("?", "?"))
        out.append((t, rule, "none (a length or a repetition)" if t.type in ("DURATION", "SET") else basis))
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
