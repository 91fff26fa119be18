"""Where the time expressions of a text are: the rule set of `timex` and the spans it finds.

Each rule is one regular expression over news English (absolute dates, weekdays and
relative days, units shifted from the report's date, durations, clock times, seasons,
years); `find` keeps the longest of overlapping candidates. What each span means is
`timex.normalize`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitroom.article.words import NUMBER_WORDS, SCALE_WORDS, WEEKDAY_NAMES

# Number words as counts of time units ("three days ago", "half an hour"); the rules read them up to sixty.
NUMBERS = {
    "a": 1, "an": 1, **{w: n for w, n in NUMBER_WORDS.items() if 1 <= n <= 60},
    "hundred": SCALE_WORDS["hundred"], "half": 0.5,
}
VAGUE_NUMBERS = ("several", "few", "a few", "many", "some", "couple of", "a couple of")
UNITS = {  # unit -> (TimeML letter, is a time-of-day unit)
    "second": ("S", True), "minute": ("M", True), "hour": ("H", True), "day": ("D", False),
    "week": ("W", False), "month": ("M", False), "year": ("Y", False), "decade": ("DE", False),
    "century": ("CE", False),
}
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
QUARTERS = {"first": 1, "second": 2, "third": 3, "fourth": 4}
ZONES = r"GMT|UTC|Z|ET|EST|EDT|CT|CST|CDT|PT|PST|PDT|BST|CET|CEST|local time"

_MONTH = r"(?-i:(?P<month>Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sept?(?:ember|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?))"
_WEEKDAY = r"(?-i:(?P<wd>" + "|".join(WEEKDAY_NAMES) + r"))"
_NUM = r"(?P<num>\d+(?:\.\d+)?|" + "|".join(sorted((k for k in NUMBERS if k not in ("a", "an")), key=len, reverse=True)) + r"|an?|several|(?:a )?few|many|(?:a )?couple of)"
_UNIT = r"(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))"


@dataclass
class _Rule:
    name: str
    pattern: re.Pattern


def _r(name: str, pattern: str) -> _Rule:
    return _Rule(name, re.compile(pattern, re.I))


# Order matters only for equal spans; overlapping candidates keep the longest.
RULES = [
    _r("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    _r("mdy", r"\b(?:" + _WEEKDAY + r",?\s+)?" + _MONTH + r"\s+(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<year>(?:1[89]|20)\d\d)\b)?"),
    _r("dmy", r"\b(?:" + _WEEKDAY + r",?\s+)?(?:the\s+)?(?P<day>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b(?:,?\s+(?P<year>(?:1[89]|20)\d\d)\b)?"),
    _r("month_year", r"\b(?:(?P<mod>early|mid|late|the end of|the beginning of|the start of)[\s-]+)?" + _MONTH + r"(?:\s+of)?,?\s+(?P<year>(?:1[89]|20)\d\d)\b"),
    _r("month_rel_year", r"\b" + _MONTH + r"\s+(?:of\s+)?(?P<mod>last|this|next)\s+year\b"),
    _r("month", r"\b(?:(?P<mod>last|this|next|early|mid|late|earlier in|later in)[\s-]+)?" + _MONTH.replace("|May|", "|(?<=in )May|(?<=since )May|(?<=of )May|(?<=last )May|(?<=next )May|(?<=this )May|(?<=early )May|(?<=late )May|(?<=mid-)May|") + r"\b(?!\s+(?:\d|(?-i:[A-Z])))"),
    _r("weekday", r"\b(?:(?P<mod>last|this|next|early|late|on|until|since|by|the previous|the following|this coming)\s+)?" + _WEEKDAY + r"(?:'s)?(?:\s+(?P<pod>morning|afternoon|evening|night))?\b"),
    _r("weekday_set", r"\b(?:(?:every|each|on)\s+)?" + _WEEKDAY + r"(?:s?\s+(?P<pod>morning|afternoon|evening|night)s|s)\b|\b(?:every|each)\s+" + _WEEKDAY.replace("?P<wd>", "?P<wd2>") + r"(?:\s+(?P<pod2>morning|afternoon|evening|night))?\b"),
    _r("relday", r"\b(?P<word>yesterday|today|tomorrow|tonight|overnight|last night|this (?:morning|afternoon|evening)|the day before yesterday|the day after tomorrow)\b(?:\s+(?P<pod>morning|afternoon|evening|night))?"),
    _r("relunit", r"\b(?P<mod>this|last|next|past|previous|coming|the past|the previous|the coming|the last|the next|earlier this|later this|earlier|later)\s+(?P<unit>week|weekend|month|year|quarter|decade|century)\b"),
    _r("ago", r"\b" + _NUM + r"[\s-]+" + _UNIT + r"s?\s+(?P<dir>ago|earlier|later|before|after|from now|since)\b"),
    _r("year_ago", r"\b(?:the\s+)?(?:(?:comparable|corresponding|same)\s+)?(?P<w>year-earlier|year-ago|year earlier|year ago)(?:\s+(?:(?:first|second|third|fourth)[\s-]+)?(?P<unit>quarter|period|month))?\b"
       r"|\bthe\s+(?:corresponding|same|comparable)\s+(?P<unit2>period|quarter)\s+(?:of\s+)?(?:a year (?:ago|earlier)|last year)\b"),
    _r("ref_period", r"\b(?P<w>the latest period|the period|the latest quarter|that quarter|the full year)\b|\bthe (?P<yr>(?:19|20)\d\d) (?:quarter|period)\b"),
    _r("aday", r"\b(?P<ref>a|one|the)\s+(?P<unit>day|week|month|year)\s+(?P<dir>earlier|later|before|after)\b"),
    _r("nextday", r"\bthe\s+(?P<dir>next|following|previous|preceding)\s+(?P<unit>day|morning|evening|night|week|month|year)\b"),
    _r("duration_past", r"\b(?:the\s+)?(?P<mod>past|last|next|coming|previous|first|final)\s+(?:" + _NUM + r"\s+)?" + _UNIT + r"s\b"),
    _r("duration", r"\b" + _NUM + r"(?:\s+|-)(?:(?:more|additional|straight|consecutive|trading|business|working)\s+)?(?P<unit>second|minute|hour|day|week|month|year|decade|centur(?:y|ie))s?(?:[\s-]+(?P<old>long|old))?\b"),
    _r("refs", r"\b(?P<word>in recent (?:days|weeks|months|years)|recent (?:days|weeks|months|years)|recently|now|currently|nowadays|the past|the future|these days|at the moment|right now|at present|presently|so far|to date|(?:in )?(?:the )?coming (?:days|weeks|months|years)|in the future|in the past)\b"),
    _r("clock", r"\b(?P<h>[0-2]?\d)(?::(?P<mi>[0-5]\d)(?::(?P<se>[0-5]\d))?)?\s*(?P<ampm>a\.m\.|p\.m\.|am\b|pm\b)(?:\s+(?P<zone>" + ZONES + r")\b)?"),
    _r("clock24", r"\b(?P<h>[0-2]\d):?(?P<mi>[0-5]\d)(?::(?P<se>[0-5]\d))?\s+(?:hours?\s+)?(?P<zone>" + ZONES + r")\b"),
    _r("clockword", r"\b(?P<word>noon|midnight|midday|dawn|dusk)\b"),
    _r("quarter", r"\b(?:the\s+)?(?:(?P<y1>(?:19|20)\d\d)\s+|(?P<rel>this|last|next) year's\s+|(?P<fiscal>fiscal)\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)(?:[\s-]+(?:fiscal[\s-]+)?quarter)\b(?:\s+of\s+(?:fiscal\s+)?(?P<year>(?:19|20)\d\d))?"
       r"|\b(?P<qn>Q[1-4])(?:\s+(?:of\s+)?(?:FY\s*)?(?P<year2>(?:19|20)\d\d))?\b"),
    _r("half", r"\b(?:the\s+)?(?P<h>first|second|last)\s+half\s+of\s+(?:(?P<year>(?:19|20)\d\d)|(?P<rel>this|last|next)\s+year)\b"),
    _r("fiscal", r"\b(?:fiscal(?:\s+year)?\s+|FY\s?)(?P<year>(?:19|20)\d\d)\b"),
    _r("century", r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century\b"),
    _r("year_range", r"(?<![\w$.,/-])(?P<y1>(?:1[89]|20)\d\d)\s?[-\u2013]\s?(?P<y2>(?:1[89]|20)?\d\d)(?![\w%/-]|[.,]\d)"),
    _r("period_end", r"\b(?:the\s+)?(?P<pos>end|beginning|start|middle|rest)\s+of\s+(?P<mod>the|this|last|next)\s+(?P<unit>year|month|week)\b"),
    _r("at_the_time", r"(?<=\bat )the time\b(?!\s+(?:of|when|that))"),
    _r("bare_plural", r"(?:(?<=\bfor )|(?<=\bin )|(?<=\bwithin )|(?<=\bover )|(?<=\bafter )|(?<=\blasted )|(?<=\btook )|(?<=\btake ))(?P<unit>minute|hour|day|week|month|year|decade)s\b(?![\s-]+(?:old|ago|of\b|later|earlier|before|after|to come))|\b(?P<unit2>decade|year|month|week)s-long\b"),
    _r("season", r"\b(?:(?P<mod>this|last|next|early|late|the)\s+)?(?P<season>spring|summer|fall|autumn|winter)\b(?:\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b)?"),
    _r("the_unit", r"\b(?P<mod>the|the latest|the current|the same|the recent)\s+(?P<unit>quarter|year|weekend|fiscal year|week|month)\b(?!\s*(?:-|earlier|ago|before|later|after|old|long))"),
    _r("decade", r"\b(?:the\s+)?(?P<dec>(?:19|20)\d0)'?s\b"),
    _r("bare_year", r"(?<![\w$.,/-])(?P<year>19[5-9]\d|20[0-2]\d)(?![\w%/-]|[.,]\d|\s+(?:%|percent|people|troops|soldiers|men|kilometers|miles|km|feet|dollars|tons))"),
    _r("year", r"(?:(?<=\bin )|(?<=\bsince )|(?<=\bby )|(?<=\buntil )|(?<=\bbefore )|(?<=\bafter )|(?<=\bfrom )|(?<=\bthrough )|(?<=\bduring )|(?<=\bof )|(?<=\bearly )|(?<=\blate )|(?<=\bmid-)|(?<=\bfiscal )|(?<=\bto )|(?<=\bthe ))(?P<year>(?:1[89]|20)\d\d)\b(?!\s*(?:%|percent|people|troops|soldiers|men|kilometers|miles|km|feet))"),
    _r("set", r"\b(?P<word>every (?:day|week|month|year|morning|night|evening|afternoon)|each (?:day|week|month|year|morning|night|evening|afternoon)|hourly|quarterly|daily|weekly|monthly|annually|yearly)\b"),
]


@dataclass
class Found:
    start: int
    end: int
    rule: str
    match: re.Match


def find(text: str) -> list[Found]:
    """Candidate spans from every rule; overlaps keep the longest (earliest rule on a tie)."""
    cands: list[Found] = []
    for order, rule in enumerate(RULES):
        for m in rule.pattern.finditer(text):
            if m.end() > m.start():
                cands.append(Found(m.start(), m.end(), rule.name, m))
    order = {r.name: i for i, r in enumerate(RULES)}
    cands.sort(key=lambda c: (-(c.end - c.start), order[c.rule], c.start))
    taken: list[Found] = []
    for c in cands:
        if all(c.end <= t.start or c.start >= t.end for t in taken):
            taken.append(c)
    return sorted(taken, key=lambda c: c.start)

