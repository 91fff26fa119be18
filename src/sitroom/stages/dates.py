"""date: every article gets a publication date, stated or inferred, with its precision and basis.

Stated dates (page stamp, HTML meta, URL) are kept. An undated report is dated
from its own text and from its neighbours:

* month-days it cites without a year ("on June 11"): the report is not older
  than the latest one (dates written with a year are other years' background);
* weekday mentions: news reports the latest day in its lead paragraph and
  earlier days as context, so the lead's weekday is the report's "today";
  without one, the weekday that closes the shortest span covering every
  weekday mentioned ("Thursday … Wednesday … Tuesday" → Thursday); "since
  Saturday" is never today, "next Monday" is no evidence;
* dated reports that share passages with it (near-copies, updates, reports
  quoting each other): the report's weekday is placed next to their date, and
  a month-day without a year takes its year from them (else from the run's
  stated dates).

Reports dated by inference can anchor others in a later round (a copy of a
copy), always after every report that a stated date can anchor.

Why our own: dateparser resolves "Friday" against the machine's clock, not the
report's, and cannot combine cues across documents (see DESIGN.md).
"""

from __future__ import annotations

import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from sitroom.article import boilerplate as bp
from sitroom.article.shingles import shingles, smaller_share
from sitroom.article.words import MONTH_NAMES, MONTHS, WEEKDAY_NAMES
from sitroom.contract import Article
from sitroom.settings import Dates, Settings
from sitroom.stages.base import RunState, stage

WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAY_NAMES) + r")\b")
MONTHS_FULL = "|".join(MONTH_NAMES)
# "June 11" / "11 June" with no year after it ("June 11, 2014" is a full date, handled by boilerplate.FULL_DATE).
PARTIAL_DATE = re.compile(
    rf"\b(?:(?P<m1>{MONTHS_FULL})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?!,?\s+(?:19|20)\d\d)(?!\s*(?:%|percent))"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m2>{MONTHS_FULL})\b(?!,?\s+(?:19|20)\d\d))"
)
NOT_TODAY = re.compile(r"\b(?:since|last|before|after|from|as of)\s+$")
FUTURE = re.compile(r"\b(?:next|until|till|by|on or before|this coming|coming)\s+$")
MAX_SHINGLE_DOCS = 20  # a report is compared with at most this many other holders of one passage


@dataclass
class Cues:
    """What one report's text says about its own date."""

    weekday: str | None = None  # the report's "today" among the weekdays it mentions
    full_dates: list[date] = field(default_factory=list)
    partial_dates: list[tuple[int, int]] = field(default_factory=list)  # (month, day) without a year


def read_cues(art: Article) -> Cues:
    cues = Cues()
    mentions: Counter[str] = Counter()
    lede: Counter[str] = Counter()
    not_today: set[str] = set()
    for n, para in enumerate(art.paragraphs):
        for m in WEEKDAY.finditer(para):
            before = para[max(0, m.start() - 12) : m.start()].lower()
            if NOT_TODAY.search(before):
                not_today.add(m.group(1))  # "since Saturday", "last Tuesday": an earlier day, never the report's own
            if FUTURE.search(before):
                continue  # "next Monday", "until Friday": plans, not reporting
            mentions[m.group(1)] += 1
            if n == 0:
                lede[m.group(1)] += 1
        for m in bp.FULL_DATE.finditer(para):
            if d := bp.parse_full_date(m.group(0)):
                cues.full_dates.append(d)
        for m in PARTIAL_DATE.finditer(para):
            month = m.group("m1") or m.group("m2")
            day = int(m.group("d1") or m.group("d2"))
            if 1 <= day <= 31:
                cues.partial_dates.append((MONTHS[month[:3].lower()], day))
    cues.weekday = latest_weekday(lede, not_today) or latest_weekday(mentions, not_today)
    return cues


def latest_weekday(mentions: Counter[str], not_today: set[str]) -> str | None:
    """The weekday that closes the shortest span covering all mentioned weekdays (ties: the commonest)."""
    candidates = [w for w in mentions if w not in not_today]
    if not candidates:
        return None
    idx = {w: WEEKDAY_NAMES.index(w) for w in mentions}

    def span(end: str) -> int:
        return max((idx[end] - i) % 7 for i in idx.values())

    return min(candidates, key=lambda w: (span(w), -mentions[w]))


def shared_passages(articles: list[Article], settings: Dates) -> dict[int, dict[int, float]]:
    """Overlap 0..1 (shared word shingles over the smaller report's) for every pair of reports sharing text.

    An inverted index over shingles keeps this near-linear: only pairs that share
    at least one passage are ever compared.
    """
    sets = [_sampled_shingles(a, settings) for a in articles]
    index: dict[int, list[int]] = defaultdict(list)
    # Dated reports first in every posting list: when a passage is in very many reports (wide
    # syndication), each report is compared with the first few holders only, and those should be dated.
    order = sorted(range(len(articles)), key=lambda n: articles[n].published is None)
    for n in order:
        for sh in sets[n]:
            index[sh].append(n)
    undated = [a.published is None for a in articles]
    shared: dict[tuple[int, int], int] = Counter()
    for docs in index.values():
        for i, a in enumerate(docs):
            for b in docs[i + 1 : MAX_SHINGLE_DOCS] if i < MAX_SHINGLE_DOCS else docs[:MAX_SHINGLE_DOCS]:
                if undated[a] or undated[b]:  # two dated reports lend each other nothing
                    shared[(a, b) if a < b else (b, a)] += 1
    out: dict[int, dict[int, float]] = defaultdict(dict)
    for (a, b), count in shared.items():
        overlap = smaller_share(count, len(sets[a]), len(sets[b]))
        out[a][b] = out[b][a] = overlap
    return out


def _sampled_shingles(art: Article, settings: Dates) -> set[int]:
    """A fixed 1-in-N sample of the report's shingles (by a stable hash): overlaps keep their value, work shrinks N-fold."""
    out = set()
    for para in art.paragraphs:
        for sh in shingles(para, settings.shingle_words):
            h = zlib.crc32(" ".join(sh).encode("utf-8"))
            if h % settings.shingle_sample == 0:
                out.add(h)
    return out


def _nearest_weekday(anchor: date, weekday: str, max_days: int) -> date | None:
    target = WEEKDAY_NAMES.index(weekday)
    options = [anchor + timedelta(days=k) for k in range(-max_days, max_days + 1)]
    options = [d for d in options if d.weekday() == target]
    return min(options, key=lambda d: abs((d - anchor).days)) if options else None


def _on_or_after(start: date, weekday: str) -> date:
    return start + timedelta(days=(WEEKDAY_NAMES.index(weekday) - start.weekday()) % 7)


def _in_year_near(month: int, day: int, near: date) -> date | None:
    """The month-day in the year that puts it closest to `near` (a "December 30" read in January is last year's)."""
    options = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            options.append(date(year, month, day))
        except ValueError:
            continue
    return min(options, key=lambda d: abs((d - near).days)) if options else None


def infer(art_id: str, cues: Cues, anchors: list[tuple[str, date, str]], settings: Dates, collection: date | None = None):
    """(date, precision, basis) for one report, or None.

    `anchors`: dated reports sharing passages with it, (doc id, date, precision), best first.
    `collection`: the median stated date of the run, a year hint only. Dates cited with a
    year ("Aug. 7, 1998") are not used: news style writes the year for other years' dates,
    so they are background; a month-day without a year ("June 11") is this year's.
    """
    anchor = anchors[0] if anchors else None
    near, year_from = (anchor[1], f"year from {anchor[0]}") if anchor else (collection, "year from the collection's dated reports")
    cited = [d for month, day in cues.partial_dates if near and (d := _in_year_near(month, day, near))]
    if anchor:
        # Cited month-days after the anchor's week are plans or another story's, not this report's past.
        cited = [d for d in cited if (d - anchor[1]).days <= settings.anchor_max_days]
    latest = max(cited) if cited else None
    if latest and anchor and (anchor[1] - latest).days > 7:
        latest = None  # an old date cited as background; the dated neighbour says more about "today"
    if latest and cues.weekday:
        d = _on_or_after(latest, cues.weekday)
        return d, "day", f"weekday {cues.weekday} on or after the latest date cited, {latest.isoformat()} ({year_from})"
    if anchor and cues.weekday:
        d = _nearest_weekday(anchor[1], cues.weekday, settings.anchor_max_days)
        if d:
            precision = "day" if anchor[2] == "day" else anchor[2]
            return d, precision, f"weekday {cues.weekday} anchored by shared passages with {anchor[0]} ({anchor[1].isoformat()})"
    if latest:
        return latest, "week", f"latest date cited in the text, {latest.isoformat()} ({year_from})"
    if anchor:
        return anchor[1], "week", f"shares passages with {anchor[0]} ({anchor[1].isoformat()}); no weekday cue"
    return None


def _parse(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def assign_dates(articles: list[Article], settings: Dates) -> None:
    """Keep stated dates; infer the others in rounds so that inferred reports can anchor their own copies."""
    known: dict[int, tuple[date, str]] = {}
    for n, art in enumerate(articles):
        d = _parse(art.published)
        if d and not art.published_inferred:
            art.published_precision = art.published_precision or settings.default_precision
            art.published_basis = art.published_basis or "stated"
            known[n] = (d, art.published_precision)
    todo = [n for n in range(len(articles)) if n not in known]
    if not todo:
        return
    stated = sorted(d for d, _ in known.values())
    collection = None
    if stated:
        middle = stated[len(stated) // 4 : max(1, 3 * len(stated) // 4 + 1)]
        # Only a collection from one season says which year a bare "June 11" is in.
        if (middle[-1] - middle[0]).days <= settings.collection_max_spread_days:
            collection = stated[len(stated) // 2]
    overlaps = shared_passages(articles, settings)
    cues = {n: read_cues(articles[n]) for n in todo}
    while todo:
        found: dict[int, tuple[date, str, str]] = {}
        for n in todo:
            near = sorted(
                ((ov, m) for m, ov in overlaps.get(n, {}).items() if m in known and ov >= settings.anchor_min_overlap),
                reverse=True,
            )
            anchors = [(articles[m].id, known[m][0], known[m][1]) for _, m in near]
            result = infer(articles[n].id, cues[n], anchors, settings, collection)
            # A report with a better-sharing neighbour still undated waits for it (a copy of a copy).
            if result and _best_neighbour_is_known(n, overlaps, known, todo, settings):
                found[n] = result
        if not found:
            # Nothing could wait any longer: date what can be dated from what is known.
            for n in todo:
                near = sorted(
                    ((ov, m) for m, ov in overlaps.get(n, {}).items() if m in known and ov >= settings.anchor_min_overlap),
                    reverse=True,
                )
                result = infer(articles[n].id, cues[n], [(articles[m].id, *known[m]) for _, m in near], settings, collection)
                if result:
                    found[n] = result
            if not found:
                break
        for n, (d, precision, basis) in found.items():
            art = articles[n]
            art.published, art.published_inferred = d.isoformat(), True
            art.published_precision, art.published_basis = precision, basis
            known[n] = (d, precision)
        todo = [n for n in todo if n not in found]


def _best_neighbour_is_known(n, overlaps, known, todo, settings: Dates) -> bool:
    near = [(ov, m) for m, ov in overlaps.get(n, {}).items() if ov >= settings.anchor_min_overlap]
    if not near:
        return True
    best = max(near)[1]
    return best in known or best not in todo


@stage("date", needs=("articles", "settings"), provides=("articles",))
def STAGE(state: RunState) -> None:
    """Keep stated dates; infer the others from text cues and dated reports that share passages."""
    settings = state.settings.dates if isinstance(state.settings, Settings) else Dates()
    assign_dates(state.articles, settings)
