"""clean: `RawDocument` → `Article` (title, authors, published, dateline, highlights, body).

HTML goes through trafilatura (tables included: figures and schedules are article
text), then `article/mainbody.py` checks its choice of main content against the
page's own evidence (a declared JSON-LD articleBody much longer than what was found
replaces it; a lede printed apart from the body, before it, is put back in front;
a sentence printed as one whole link is a teaser), then through our post-filters, which remove only
what they can name (related-link blocks after their label, teasers, credits and
captions, newsletter, share and cookie lines, bylines and date stamps) and keep
the article's own sub-headings, lists and short paragraphs; already-scraped
text through sitroom's own boilerplate model (`boilerplate.py`). Metadata comes
from `metadata.py`. The stage then adds cross-document evidence: lines repeated
across several documents of one outlet are boilerplate. Removed text is kept
aside in `Article.removed` with its reason, never dropped silently.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import re
import statistics
from collections import defaultdict
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from sitroom.article import boilerplate as bp
from sitroom.article import mainbody as mb
from sitroom.article import metadata as md
from sitroom.article.shingles import shingles, smaller_share
from sitroom.contract import Article, RawDocument, Removed
from sitroom.errors import reject
from sitroom.settings import Clean, Settings
from sitroom.stages.base import RunState, stage
from sitroom.stages.read import doc_id

# trafilatura keeps the class of some elements; these name page furniture, not story.
FURNITURE_CLASS = re.compile(
    r"caption|credit|byline|promo|newsletter|subscribe|related|share|social|advert|\bad\b|cookie|consent|teaser|"
    r"read-?next|more-on|trust|source|tags?\b|author",
    re.I,
)
CREDIT_REPORTERS = re.compile(r"^Reporting by ([^;.]+)", re.I)
STANDFIRST_CLASS = re.compile(r"subhead|standfirst|\bdek\b|summary|intro-text|sub-?title", re.I)


log = logging.getLogger("sitroom")

def clean_text(raw: RawDocument, text: str, settings: Clean | None = None) -> Article:
    """Scraped plain text: metadata from the header lines, then the line classifier."""
    settings = settings or Clean()
    lines = bp.split_lines(text)
    meta, start = md.extract(lines, settings)
    return _assemble(raw, lines, meta, start, {}, settings)


def extract_html(html: str, url: str | None = None):
    """trafilatura's document for a page (body XML, text, metadata), with the options sitroom uses."""
    import trafilatura

    return trafilatura.bare_extraction(html, include_comments=False, include_tables=True, with_metadata=True, url=url)


def clean_html(raw: RawDocument, html: str, settings: Clean | None = None, doc=None) -> Article:
    """HTML: trafilatura finds the main content and metadata; our post-filters take out what it kept wrongly.

    `doc` is trafilatura's document when the caller already has it (the eval scores both from one run).
    """
    import trafilatura

    settings = settings or Clean()
    doc = doc if doc is not None else extract_html(html, raw.url)
    if doc is None or doc.body is None or not (doc.text or "").strip():
        fallback = trafilatura.html2txt(html) or ""
        return clean_text(raw, fallback, settings)
    lines, preset = _main_body(doc, html, settings)
    meta, start = md.extract(lines, settings)
    if doc.title:
        meta.title, meta.title_note = doc.title, None
        # The page names its title: a header line guessed as the headline is the article's own text.
        meta.claimed = {i: r for i, r in meta.claimed.items() if not r.startswith("title")}
    authors = [a.strip() for a in re.split(r";|\band\b", doc.author or "") if a.strip()]
    # A site account name ("korvanywatch") is not a person: keep names with a space only.
    authors = [a for a in authors if " " in a]
    meta.authors = meta.authors or authors
    url = raw.url or doc.url
    # The page's own metadata first: a date stamp in the text may belong to a teaser.
    meta.published = (doc.date[:10] if doc.date else None) or md.url_date(url) or meta.published
    meta.source = doc.sitename or meta.source or (urlparse(url).hostname if url else None)
    for i in preset:
        meta.claimed.pop(i, None)
    return _assemble(raw, lines, meta, start, preset, settings, url=url, html=True)


def _main_body(doc, html: str, settings: Clean) -> tuple[list[bp.Line], dict[int, str]]:
    """The article's lines: trafilatura's body, or the page's declared articleBody when trafilatura found a small
    part of it; with the lede printed apart from the body put back in front (see `article/mainbody.py`)."""
    tree = mb.parse_page(html)
    choice = mb.declared_body_choice(tree, len(doc.text or ""), settings)
    if choice.lines is not None:
        lines, preset = [bp.Line(t, block, 1) for block, t in enumerate(choice.lines)], {}
    else:
        lines, preset = _body_lines(doc.body, doc.title, settings)
    log.debug("main body of %s: %s", doc.url, choice.reason)
    links = mb.link_texts(tree)
    for i, ln in enumerate(lines):
        if i not in preset and mb.is_link_teaser(ln.text, links, settings):
            preset[i] = "link teaser"
    lede = mb.find_lede(tree, doc.description, doc.title, [ln.text for ln in lines], settings)
    if lede:
        log.debug("lede of %s found before the body: %s", doc.url, lede[0][:80])
        lines = [bp.Line(t, -1 - n, 1) for n, t in enumerate(lede)] + lines
        preset = {i + len(lede): reason for i, reason in preset.items()}
    return lines, preset


def _body_lines(body, title: str | None, settings: Clean) -> tuple[list[bp.Line], dict[int, str]]:
    """trafilatura's XML body → lines (a list is one block) and reasons known from the markup."""
    lines: list[bp.Line] = []
    preset: dict[int, str] = {}
    title_key = bp.repeated_line_key(title or "")
    blocks: list[tuple[object, list[str]]] = []
    for elem in body:
        blocks.append((elem, _segments(elem)))
        if elem.tail and elem.tail.strip():  # text after an element, outside any paragraph
            blocks.append((None, [" ".join(elem.tail.split())]))
    for block, (elem, texts) in enumerate(blocks):
        cls = (elem.get("class") if elem is not None else None) or ""
        for t in texts:
            i = len(lines)
            lines.append(bp.Line(t, block, len(texts)))
            if title_key and bp.repeated_line_key(t) == title_key:
                preset[i] = "title"
            elif STANDFIRST_CLASS.search(cls):
                preset[i] = "standfirst"
            elif FURNITURE_CLASS.search(cls) and not bp.is_sentence_like(t, settings):
                preset[i] = f"page furniture ({cls})"
    return lines, preset


# Soft hyphens, zero-width spaces, word joiners and BOMs: invisible when printed, they split words apart.
INVISIBLE = re.compile("[\u00ad\u200b\u2060\ufeff]")
# Elements of trafilatura's XML that stand as paragraphs of their own; everything else is inline.
BLOCK_TAGS = frozenset({"p", "head", "list", "item", "quote", "div", "row", "cell", "table", "lb"})


def _segments(elem) -> list[str]:
    """The text of one body element, one string per paragraph, list item or line break.

    Inline markup joins its text with its neighbours' as printed; a block element or a line break
    (`<lb/>`) ends a line, so words on either side of it are never glued ("FL" + "June").
    """
    out: list[list[str]] = [[]]

    def walk(e) -> None:
        block = e.tag in BLOCK_TAGS
        if block and out[-1]:
            out.append([])
        if e.text:
            out[-1].append(e.text)
        for child in e:
            walk(child)
            if child.tail:
                if child.tag in BLOCK_TAGS and out[-1]:
                    out.append([])
                out[-1].append(child.tail)
        if block and out[-1]:
            out.append([])

    walk(elem)
    return [t for t in (" ".join(INVISIBLE.sub("", "".join(parts)).split()) for parts in out) if t]


def _story_date(meta: md.Meta, raw: RawDocument, lines: list[bp.Line], start: int) -> date | None:
    """The stated date, else the median of full dates cited in the story's own sentences."""
    for value in (meta.published, raw.published):
        if value:
            try:
                return date.fromisoformat(value[:10])
            except ValueError:
                pass
    cited = []
    for ln in lines[start:]:
        if bp.tail_reason(ln.text):
            break
        if not bp.is_timestamp(ln.text) and (d := bp.parse_full_date(ln.text)):
            cited.append(d.toordinal())
    return date.fromordinal(int(statistics.median(cited))) if cited else None


def _assemble(
    raw: RawDocument,
    lines: list[bp.Line],
    meta: md.Meta,
    start: int,
    preset: dict[int, str],
    settings: Clean,
    *,
    url: str | None = None,
    html: bool = False,
) -> Article:
    reasons = bp.classify(lines, settings, _story_date(meta, raw, lines, start), html=html)
    paragraphs: list[str] = []
    removed: list[Removed] = []
    if meta.lead_in:
        removed.append(Removed(text=meta.lead_in, reason="dateline lead-in"))
    for i, ln in enumerate(lines):
        reason = preset.get(i) or meta.claimed.get(i)
        if reason == "standfirst":
            meta.highlights.append(ln.text)
        if html and reason in ("standfirst", "highlight"):
            reason = None  # on a page, the standfirst and the bullet points are the article's own text too
        if i == start and meta.lead_in and i not in preset:
            reason = None  # the lead paragraph, its dateline already parsed off
        elif reason is None:
            # A scraped page's lines before the story are its header; an extractor's main content has
            # none: what precedes the first long sentence there is the article's own (heading, lede, list).
            reason = reasons[i] or (None if i >= start or html else "page header")
        if reason is None:
            paragraphs.append(ln.text)
        else:
            removed.append(Removed(text=ln.text, reason=reason))
    if not meta.authors:
        # Wire credits name the reporters when no byline does: "Reporting by A and B; Editing by C".
        credit = next((m for r in removed if r.reason == "credit" and (m := CREDIT_REPORTERS.match(r.text))), None)
        if credit:
            meta.authors = md.parse_byline(credit.group(1))[0]
    source = meta.source or raw.source
    if not source:
        source = next(
            (s for r in removed if r.reason == "copyright" and (s := md.outlet_from_copyright(r.text, "\n".join(paragraphs)))),
            None,
        )
    title = raw.title or meta.title
    if meta.title_note:
        removed.append(Removed(text=meta.title or "", reason=f"title note: {meta.title_note}"))
    text = "\n\n".join(paragraphs)
    return Article(
        id=doc_id(raw),
        origin=raw.origin,
        title=title,
        authors=meta.authors,
        published=raw.published or meta.published or md.url_date(url or raw.url),
        dateline=meta.dateline,
        source=source,
        url=url or raw.url,
        highlights=meta.highlights,
        paragraphs=paragraphs,
        removed=removed,
        content_hash=hashlib.sha1(text.encode("utf-8")).hexdigest(),
    )


def clean(raw: RawDocument, settings: Clean | None = None) -> Article:
    text = raw.text if raw.text is not None else (raw.data or b"").decode("utf-8", "replace")
    return clean_html(raw, text, settings) if raw.kind == "html" else clean_text(raw, text, settings)


# --------------------------------------------------------------------------- cross-document evidence


def outlet_key(art: Article) -> str:
    """Documents of one outlet: its name, else the URL's host, else the folder the files came from."""
    if art.source:
        return art.source.lower()
    if art.url and urlparse(art.url).hostname:
        return urlparse(art.url).hostname or ""
    return str(Path(art.origin).parent)


def remove_repeated_lines(articles: list[Article], settings: Clean) -> None:
    """Lines repeated across documents of one outlet are boilerplate, unless they are shared story text.

    A repeated line goes when it is not sentence-like (labels, sub-headings, link
    text), or when it sits outside the story core of every document holding it and
    those documents otherwise differ (site-wide notices). Sentences that copies of
    one report share, or that reports quote from each other mid-story, stay.
    """
    groups: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        groups[outlet_key(art)].append(art)
    for outlet, arts in groups.items():
        if len(arts) < settings.repeated_line_min_docs:
            continue
        holders: dict[str, set[int]] = defaultdict(set)
        for n, art in enumerate(arts):
            keys = {bp.repeated_line_key(t) for t in art.paragraphs + [r.text for r in art.removed]}
            keys.discard("")
            for k in keys:
                holders[k].add(n)
        # a report's shingles, made when a repeated line is checked in it and kept for the most recent
        # reports only: a set per report, for every report of an outlet, grew with the corpus (~90 KB each)
        cache: dict[tuple[int, int], float] = {}
        before = [art.paragraphs for art in arts]  # as they were before this pass trims any (the lists, not copies)

        @functools.lru_cache(maxsize=settings.repeated_line_passages)
        def passage(n: int) -> frozenset:
            return frozenset().union(*(shingles(p) for p in before[n]))

        def overlap(a: int, b: int, line: set) -> float:
            """Shared shingles of two reports over the smaller one's, not counting the repeated line itself."""
            pa, pb = passage(a), passage(b)
            if (a, b) not in cache:
                cache[a, b] = len(pa & pb)
            return smaller_share(cache[a, b] - len(line), len(pa) - len(line), len(pb) - len(line))

        for n, art in enumerate(arts):
            pkeys = [bp.repeated_line_key(p) for p in art.paragraphs]
            unique = [i for i, k in enumerate(pkeys) if len(holders[k]) < settings.repeated_line_min_docs]
            core = (unique[0], unique[-1]) if unique else (len(pkeys), -1)
            keep, gone = [], []
            for i, (para, key) in enumerate(zip(art.paragraphs, pkeys)):
                docs = holders[key]
                if len(docs) >= settings.repeated_line_min_docs and _is_site_boilerplate(
                    para, i, core, docs, overlap, settings
                ):
                    gone.append(Removed(text=para, reason=f"repeated in {len(docs)} documents of {outlet}"))
                else:
                    keep.append(para)
            if gone:
                art.paragraphs = keep
                art.removed.extend(gone)
                art.content_hash = hashlib.sha1(art.text.encode("utf-8")).hexdigest()


MAX_HOLDERS_CHECKED = 8  # documents compared pairwise for one repeated line: enough to see copies


def _is_site_boilerplate(para, index, core, docs, overlap, settings: Clean) -> bool:
    if not bp.is_sentence_like(para, settings):
        return True
    if core[0] <= index <= core[1]:
        return False  # inside the story: text reuse, not furniture
    members = sorted(docs)[:MAX_HOLDERS_CHECKED]
    pairs = [(a, b) for n, a in enumerate(members) for b in members[n + 1 :]]
    # Reports sharing story text beyond this one line: the line is reused text, not furniture.
    own = shingles(para)
    return all(overlap(a, b, own) <= settings.repeated_story_max_overlap for a, b in pairs)


@stage("clean", needs=("raws", "settings"), provides=("articles", "rejected"))
def STAGE(state: RunState) -> None:
    """Clean every raw document, then drop lines repeated across one outlet's documents; empty ones are rejected."""
    settings = state.settings.clean if isinstance(state.settings, Settings) else Clean()
    cleaned = []
    for raw in state.raws:
        try:
            art = clean(raw, settings)
        except Exception as exc:  # one page that breaks the extractor must not cost the others
            log.exception("cleaning %s failed", raw.origin)
            state.rejected.append(reject(raw.origin, "S010", stage="clean", detail=repr(exc)[:300]))
            continue
        if not art.paragraphs:
            state.rejected.append(reject(raw.origin, "S007"))
            continue
        cleaned.append(art)
    remove_repeated_lines(cleaned, settings)
    state.articles.extend(cleaned)
