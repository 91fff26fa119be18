"""Metadata of a scraped report: title, authors, published, dateline, outlet, highlights.

Works on the lines of the page (see `boilerplate.split_lines`). The header is
everything before the first story paragraph; bylines, date stamps, bullet
highlights and the headline live there. The first paragraph's dateline lead-in
("Baghdad, Iraq (CNN) --") is parsed and stripped from the story text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlparse

from sitroom.article import boilerplate as bp
from sitroom.settings import Clean

BYLINE = re.compile(r"^(?:by|written by|words by)\s+(?P<names>[A-Z][^\n]{1,200})$", re.I)
BULLET = re.compile(r"^\s*[•●▪◦·*]\s*(?P<text>\S.*)$")
NEW_PREFIX = re.compile(r"^(?:NEW|UPDATE|UPDATED|BREAKING|JUST IN)\s*:\s*")
# "Baghdad, Iraq (CNN) -- ", "(CNN) — ", "BAGHDAD (Reuters) - ", "KYIV, Ukraine, March 3 (AP) — ", "CNN  — "
DATELINE = re.compile(
    r"^(?P<place>[A-Z][\w'’.\- ]{1,40}(?:,\s*[A-Z][\w'’.\- ]{1,30}){0,2})?\s*"
    r"\((?P<outlet>[A-Z][\w&.\- ]{0,30})\)\s*(?:[-–—_]{1,2}|:)\s*"
)
BARE_DATELINE = re.compile(r"^(?P<place>[A-Z]{3,}+[A-Z .'’\-]*(?:,\s*[A-Z][\w .'’\-]{1,30}){0,2})\s+(?:[-–—]{1,2})\s+(?=\S)")
OUTLET_DASH = re.compile(r"^(?P<outlet>[A-Z][\w&.]{1,15})\s*[-–—_]{1,2}\s*$")
COPYRIGHT_HOLDER = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*)?(?P<holder>[A-Z][\w&.\- ]{2,60}?)(?:,|\.\s|\s+Inc\b|\s+Ltd\b|$)", re.I)
NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&)\s*")
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](\d\d)[/-](\d\d)(?:/|\b)")


@dataclass
class Meta:
    title: str | None = None
    title_note: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    dateline: str | None = None
    source: str | None = None
    highlights: list[str] = field(default_factory=list)
    claimed: dict[int, str] = field(default_factory=dict)  # line index -> reason it is metadata, not story
    lead_in: str | None = None  # the stripped dateline lead-in of the first paragraph


def parse_byline(names: str) -> tuple[list[str], str | None]:
    """"Laura Smith-Spark and Ashley Fantz, CNN" → (["Laura Smith-Spark", "Ashley Fantz"], "CNN").

    The outlet is the part after the last comma when that part is not itself a
    list ("…, B and C"): bylines list people with "and", then name the outlet.
    """
    names = names.strip().rstrip(".")
    outlet = None
    head, sep, tail = names.rpartition(",")
    if sep and head.strip() and not re.search(r"\band\b|&", tail):
        names, outlet = head, tail.strip()
    parts = [p.strip(" .") for p in NAME_SPLIT.split(names) if p.strip(" .")]
    authors = [p for p in parts if 1 <= len(p.split()) <= 5 and p[0].isupper()]
    return authors, outlet


def parse_dateline(paragraph: str) -> tuple[str | None, str | None, str]:
    """(place, outlet, the paragraph without its lead-in)."""
    m = DATELINE.match(paragraph)
    if m and len(paragraph) > m.end():
        place = (m.group("place") or "").strip(" ,") or None
        return _place(place), m.group("outlet").strip(), paragraph[m.end():]
    m = BARE_DATELINE.match(paragraph)
    if m:
        return _place(m.group("place").strip(" ,")), None, paragraph[m.end():]
    return None, None, paragraph


def _place(place: str | None) -> str | None:
    if not place:
        return None
    # Wire datelines shout the city ("BAGHDAD, Iraq"): keep the place, not the shouting.
    return ", ".join(p.title() if p.isupper() else p for p in (s.strip() for s in place.split(",")))


def url_date(url: str | None) -> str | None:
    if not url:
        return None
    m = URL_DATE.search(urlparse(url).path)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return None


def outlet_from_copyright(line: str, text: str) -> str | None:
    """"© 2014 Cable News Network, Inc." → "CNN" when the acronym is used in the text, else the holder's name."""
    m = COPYRIGHT_HOLDER.search(line)
    if not m:
        return None
    holder = m.group("holder").strip()
    initials = "".join(w[0] for w in holder.split() if w[0].isupper())
    if len(initials) >= 2 and re.search(rf"\b{re.escape(initials)}\b", text):
        return initials
    return holder


def first_story_line(lines: list[bp.Line], settings: Clean) -> int:
    """Index of the first story paragraph: a dateline lead, else the first sentence-like non-furniture line."""
    limit = min(len(lines), 40)
    for i in range(limit):
        t = lines[i].text
        m = DATELINE.match(t)
        if m and len(bp.words(t[m.end():])) >= settings.min_paragraph_words:
            return i
    for i in range(len(lines)):
        t = lines[i].text
        if (
            bp.is_sentence_like(t, settings)
            and not bp.furniture_reason(t)
            and not bp.is_timestamp(t)
            and not BULLET.match(t)
            and not BYLINE.match(t)
            and len(bp.words(t)) >= 2 * settings.min_paragraph_words
        ):
            return i
    return len(lines)


def extract(lines: list[bp.Line], settings: Clean) -> tuple[Meta, int]:
    """Metadata from the header lines; returns it and the index of the first story line."""
    meta = Meta()
    start = first_story_line(lines, settings)
    in_highlights = False
    candidates: list[tuple[int, bool]] = []  # (line index, is a video title)
    for i in range(start):
        t = lines[i].text
        if (m := BULLET.match(t)) is not None:
            meta.highlights.append(NEW_PREFIX.sub("", m.group("text").strip()))
            meta.claimed[i] = "highlight"
            continue
        if re.match(r"^story highlights$", t, re.I):
            in_highlights = True
            meta.claimed[i] = "highlights label"
            continue
        if (m := BYLINE.match(t)) is not None and len(bp.words(t)) <= 25:
            meta.authors, outlet = parse_byline(m.group("names"))
            meta.source = meta.source or outlet
            meta.claimed[i] = "byline"
            continue
        if bp.is_timestamp(t):
            stamp = bp.parse_full_date(t)
            if stamp and not meta.published:
                meta.published = stamp.isoformat()
            meta.claimed[i] = "timestamp"
            continue
        if (m := DATELINE.match(t)) is not None and m.end() == len(t):
            # A dateline on a line of its own ("NAIROBI, Kenya (AP) _"): the story starts on the next line.
            meta.dateline, meta.source = _place(m.group("place")), meta.source or m.group("outlet").strip()
            meta.claimed[i] = "dateline"
            continue
        if (m := OUTLET_DASH.match(t)) is not None:
            meta.source = meta.source or m.group("outlet")
            meta.claimed[i] = "dateline"
            continue
        if bp.furniture_reason(t):
            continue
        if in_highlights:
            meta.highlights.append(NEW_PREFIX.sub("", t))
            meta.claimed[i] = "highlight"
            continue
        n = len(bp.words(t))
        if 2 <= n <= 25:
            video = i + 1 < len(lines) and bool(bp.VIDEO_LABEL.match(lines[i + 1].text))
            candidates.append((i, video))
    _choose_title(lines, meta, candidates)
    if start < len(lines):
        place, outlet, rest = parse_dateline(lines[start].text)
        if rest != lines[start].text:
            meta.dateline = place
            meta.source = meta.source or outlet
            meta.lead_in = lines[start].text[: len(lines[start].text) - len(rest)].strip()
            lines[start] = bp.Line(rest, lines[start].block, lines[start].size)
    return meta, start


def _choose_title(lines: list[bp.Line], meta: Meta, candidates: list[tuple[int, bool]]) -> None:
    """The headline is the first headline-like header line; a video's title only when nothing better exists."""
    plain = [i for i, video in candidates if not video]
    if plain:
        meta.title = lines[plain[0]].text
        meta.claimed[plain[0]] = "title"
    elif candidates:
        # The page's own headline was not scraped; the lead video's title is the best stand-in.
        i = candidates[0][0]
        meta.title = lines[i].text
        meta.title_note = "lead video title (page headline not in the scrape)"
        meta.claimed[i] = "title (lead video title)"
