"""The periods and lengths of `timex`: quarters, halves, fiscal years, centuries, year ranges,
seasons, decades, durations, sets and vague references, as a mixin of its resolver.

A method takes the rule's match and returns (type, TimeML value, precision) or None; it reads
the resolver's `anchor` (the report's date), `ref_quarter` (the period an earnings report
speaks of) and `_direction` (the governing verb's tense).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sitroom.extract.timex_rules import NUMBERS, QUARTERS, UNITS, VAGUE_NUMBERS


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
    if unit in ("decade", "century"):  # TimeML writes decades and centuries in years: P20Y, P100Y
        return "P" + (_fmt_num(n * (10 if unit == "decade" else 100)) if n is not None and float(n * 10).is_integer() else "X") + "Y"
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


def _ordinal(word: str) -> str:
    return {"1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth"}.get(word.lower(), word.lower())


def _discourse_now(text: str, start: int, end: int) -> bool:
    """ "Now," opening a sentence, "for now", "until now", "from now": a turn of speech, not a time."""
    before = text[max(0, start - 8):start]
    if re.search(r"\b(for|until|till|from|by)\s+$", before, re.I):
        return True
    return bool(re.search(r"(^|[.!?\"'`]\s*|\n\s*)$", text[max(0, start - 4):start])) and text[end:end + 1] in (",", " ")


_ADJECTIVE_SET = re.compile(r"\b(?:its|their|the|an?|his|her|our|average)\s+$", re.I)


class PeriodRules:
    """Resolver methods for periods, lengths, sets and references (mixed into `timex._Resolver`)."""

    def _year_ago_period(self):
        y, q = self.ref_quarter
        self.note = f"reference period {y}-Q{q}"
        return "DATE", f"{y - 1}-Q{q}", "month"

    def _year_ago(self, m, f):
        """ "the year-earlier quarter", "year-ago period": the reference quarter a year back."""
        if self.ref_quarter:
            return self._year_ago_period()
        if not self.anchor:
            return "DATE", "XXXX", None
        return "DATE", str(self.anchor.year - 1), "year"

    def _ref_period(self, m, f):
        """ "the latest quarter", "the 1988 period": the reference quarter (of that year), by default
        the last one over before the report."""
        w = (m["w"] or "").lower()
        if w == "the full year":
            return ("DATE", str(self.anchor.year), "year") if self.anchor else None
        if self.ref_quarter:
            y, q = self.ref_quarter
        elif self.anchor and (w.startswith("the latest") or m["yr"]):
            y, mo = _shift_month(self.anchor, -3)
            y, q = y, (mo - 1) // 3 + 1
        else:
            return None
        if m["yr"]:
            y = int(m["yr"])
        return "DATE", f"{y}-Q{q}", "month"

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
        if w == "now" and _discourse_now(self.text, f.start, f.end):
            return None
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

    def _quarter(self, m, f):
        q = int(m["qn"][1]) if m["qn"] else QUARTERS[_ordinal(m["q"])]
        year = m["year"] or m["year2"] or m["y1"]
        if year:
            return "DATE", f"{year}-Q{q}", "month"
        if not self.anchor:
            return "DATE", f"XXXX-Q{q}", None
        if m["rel"]:
            return "DATE", f"{self.anchor.year + {'last': -1, 'next': 1}.get(m['rel'].lower(), 0)}-Q{q}", "month"
        current = (self.anchor.month - 1) // 3 + 1
        # a quarter not yet begun is last year's, unless the clause speaks of the future
        past = q > current and self._direction(f) != "future"
        return "DATE", f"{self.anchor.year - past}-Q{q}", "month"

    def _half(self, m, f):
        h = 1 if m["h"].lower() == "first" else 2
        if m["year"]:
            return "DATE", f"{m['year']}-H{h}", "month"
        if not self.anchor:
            return "DATE", f"XXXX-H{h}", None
        return "DATE", f"{self.anchor.year + {'last': -1, 'next': 1}.get(m['rel'].lower(), 0)}-H{h}", "month"

    def _fiscal(self, m, f):
        return "DATE", m["year"], "year"

    def _century(self, m, f):
        n = int(m["n"])
        return ("DATE", f"{n - 1:02d}", "year") if 1 <= n <= 21 else None

    def _year_range(self, m, f):
        y1, y2 = m["y1"], m["y2"]
        if len(y2) == 2:
            y2 = y1[:2] + y2
        if not 0 < int(y2) - int(y1) <= 30:
            return None
        return "DATE", y1, "year"  # `normalize` splits the range into its two years

    def _period_end(self, m, f):
        a = self.anchor
        if not a:
            return None
        step = {"last": -1, "next": 1}.get(m["mod"].lower(), 0)
        unit = m["unit"].lower()
        if unit == "year":
            return "DATE", str(a.year + step), "year"
        if unit == "month":
            y, mo = _shift_month(a, step)
            return "DATE", f"{y}-{mo:02d}", "month"
        return "DATE", _week(a + timedelta(weeks=step)), "week"

    def _at_the_time(self, m, f):
        return "DATE", "PAST_REF", None

    def _bare_plural(self, m, f):
        unit = (m["unit"] or m["unit2"]).lower()
        letter = UNITS[unit][0] if unit != "decade" else "Y"
        return "DURATION", ("PT" if UNITS[unit][1] else "P") + "X" + letter, None

    def _season(self, m, f):
        code = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}[m["season"].lower()]
        mod = (m["mod"] or "").lower()
        if m["season"].lower() == "fall" and not (mod or m["year"]) and not re.search(r"\b(in|during|through|until|by)\s+$", self.text[max(0, f.start - 10):f.start], re.I):
            return None  # the verb ("prices could fall further")
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
        if unit == "weekend":  # on a weekday, "the weekend" of a past-tense clause is the one just gone
            back = a.weekday() < 5 and self._direction(f) != "future"
            return "DATE", _week(a - timedelta(weeks=back)) + "-WE", "week"
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
        if " " not in w and _ADJECTIVE_SET.search(self.text[max(0, f.start - 12):f.start]) and re.match(r"\s+[a-z]", self.text[f.end:f.end + 2]) \
                and not re.match(r"\s+basis", self.text[f.end:f.end + 7]):
            return None  # an adjective ("its quarterly dividend", "average daily volume"): a rate, not a time
        for key, val in (("morning", "XXXX-XX-XXTMO"), ("afternoon", "XXXX-XX-XXTAF"), ("night", "XXXX-XX-XXTNI"),
                         ("evening", "XXXX-XX-XXTEV"), ("hour", "PT1H"), ("quarter", "P3M"), ("day", "P1D"),
                         ("dai", "P1D"), ("week", "P1W"), ("month", "P1M"), ("year", "P1Y"), ("annual", "P1Y")):
            if key in w:
                return "SET", val, None
        return None
