"""Where the article is on a page: evidence beyond the extractor's own choice of main content.

The extractor (trafilatura) picks one block of the page as the article. Two failures
are common and have evidence on the page itself:

- **the declared body is much longer**: the page's JSON-LD declares an `articleBody`
  and what the extractor found is a small part of it (a teaser table or a
  multi-column layout led it to the wrong block): the page's own declaration wins;
- **the lede is missing**: magazine layouts print the standfirst in a header block
  apart from the body, and the extractor starts at the first body paragraph. The page
  describes itself (`<meta name="description">`); when that description is printed
  as a paragraph of the page before the body, it is the lede.

Each decision is returned with its reason, so the caller can record it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sitroom.article import boilerplate as bp
from sitroom.settings import Clean

SPACE = re.compile(r"\s+")
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
# Elements that may hold a lede paragraph, and those whose text is never the article's.
LEDE_TAGS = frozenset({"p", "div", "span", "h2", "h3", "strong", "b", "em", "section", "header", "summary"})
NOT_VISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "meta", "svg"})
PARAGRAPH_NEVER_STARTS = ":;,.|/-–—•·»>"  # a fragment of a caption or a menu, not a paragraph's first character
NOT_LEDE_ANCESTORS = frozenset({"a", "nav", "footer", "figure", "figcaption", "button", "form", "label", "select"})
# Class or id words naming what a block near the title is when it is not the lede (checked on the block and
# its nearest containers only: a page-wide wrapper's class says nothing about one paragraph).
NOT_LEDE_CLASS = re.compile(
    r"caption|credit|author|byline|bio\b|disclaimer|newsletter|subscribe|promo|related|share|social|advert|"
    r"cookie|consent|comment",
    re.IGNORECASE,
)
NOT_LEDE_CLASS_DEPTH = 4


@dataclass
class Choice:
    lines: list[str] | None  # replacement body lines, or None to keep the extractor's
    reason: str  # what decided, for the record


def flat(text: str) -> str:
    return SPACE.sub(" ", text or "").strip()


def parse_page(html: str):
    """The page as an lxml tree (None when it does not parse)."""
    import lxml.html
    from lxml import etree

    # lxml refuses text that still declares its encoding (the page is decoded already).
    html = XML_DECLARATION.sub("", html or "", count=1)
    try:
        return lxml.html.fromstring(html)
    except (ValueError, TypeError, etree.ParserError):  # empty or unparseable documents
        return None


# --------------------------------------------------------------------------- JSON-LD articleBody


def declared_bodies(tree) -> list[str]:
    """The `articleBody` texts the page declares in its JSON-LD scripts (markup rendered as text)."""
    bodies: list[str] = []
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        text = script.text or ""
        if "articleBody" not in text:
            continue
        try:
            data = json.loads(text, strict=False)
        except ValueError:
            continue
        _walk(data, bodies)
    return [b for b in (_render(b) for b in bodies) if b]


def _walk(node, out: list[str]) -> None:
    if isinstance(node, dict):
        body = node.get("articleBody")
        if isinstance(body, str):
            out.append(body)
        for value in node.values():
            _walk(value, out)
    elif isinstance(node, list):
        for value in node:
            _walk(value, out)


def _render(body: str) -> str:
    """articleBody may carry HTML: its paragraphs become lines."""
    if "<" in body and ">" in body:
        tree = parse_page(f"<div>{body}</div>")
        if tree is not None:
            for br in tree.iter("br", "p", "div", "li", "h2", "h3", "h4"):
                br.tail = "\n" + (br.tail or "")
            body = tree.text_content()
    return "\n".join(line for line in (flat(x) for x in body.split("\n")) if line)


def declared_body_choice(tree, extracted_chars: int, settings: Clean) -> Choice:
    """The declared articleBody replaces the extraction when the extraction holds only a small part of it."""
    bodies = declared_bodies(tree) if tree is not None else []
    longest = max(bodies, key=len, default="")
    if len(longest) < settings.declared_body_min_chars:
        return Choice(None, "no declared article body")
    if extracted_chars * settings.declared_body_ratio >= len(longest):
        return Choice(None, "extraction covers the declared article body")
    lines = longest.split("\n")
    return Choice(lines, f"declared articleBody ({len(longest)} chars) over extraction ({extracted_chars} chars)")


# --------------------------------------------------------------------------- links


def link_texts(tree) -> set[str]:
    """The printed text of every link on the page, whitespace flattened."""
    if tree is None:
        return set()
    return {t for a in tree.iter("a") if (t := flat(a.text_content()))}


def is_link_teaser(text: str, links: set[str], settings: Clean) -> bool:
    """A sentence printed as one whole link is a teaser for another page, not a paragraph of this one."""
    return flat(text) in links and bp.is_sentence_like(text, settings)


# --------------------------------------------------------------------------- the lede


def _tokens(text: str) -> set[str]:
    return {w.lower() for w in bp.words(text)}


def _containment(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a) if a else 0.0


def find_lede(tree, description: str | None, title: str | None, body_lines: list[str], settings: Clean) -> list[str]:
    """Paragraphs of the article printed before its body, which the extractor left out.

    The body's start is the page position of its first prose line. Before it, the lede is
    (1) the page's own description printed as a paragraph (an element holding most of its
    words both ways), else (2) the prose paragraphs printed between the title and the body
    (sentence-like, long enough, not links, menus, captions or footers).
    """
    if tree is None or not body_lines:
        return []
    body = tree.find(".//body")
    root = body if body is not None else tree
    page = visible_text(root)
    # The body starts at its first paragraph of prose (a heading printed above the lede does not count).
    start = next((ln for ln in body_lines if bp.is_sentence_like(ln, settings)), body_lines[0])
    body_at = page.find(flat(start)[:60])
    if body_at <= 0:
        return []  # the body's position on the page is unknown: no evidence of what precedes it
    described = _described_lede(root, page, body_at, description, body_lines, settings)
    if described:
        return [described]
    return _lede_after_title(root, page, body_at, title, settings)


def _described_lede(root, page: str, body_at: int, description, body_lines, settings: Clean) -> str | None:
    desc = flat(description or "")
    want = _tokens(desc)
    if len(want) < settings.lede_min_words or not bp.is_sentence_like(desc, settings):
        return None
    if any(_containment(want, _tokens(line)) >= settings.lede_match for line in body_lines):
        return None  # the body has its lede already
    found = []
    for elem in _lede_elements(root):
        text = flat(elem.text_content())
        if not (0.5 * len(desc) <= len(text) <= 2 * len(desc) + 40):
            continue
        got = _tokens(text)
        if _containment(want, got) < settings.lede_match or _containment(got, want) < settings.lede_match:
            continue
        if 0 <= page.find(text[:60]) < body_at:
            found.append(text)
    # The innermost element holding it: its containers add the headline, date or credit around it.
    return min(found, key=len, default=None)


def _lede_after_title(root, page: str, body_at: int, title: str | None, settings: Clean) -> list[str]:
    # The headline nearest above the body: the page's title as printed, or its last first-level heading.
    heads = [flat(title or "")[:40]] + [flat(h.text_content())[:40] for h in root.iter("h1")]
    after_title = max((at + len(h) for h in heads if len(h) >= 10 and (at := page.rfind(h, 0, body_at)) >= 0), default=-1)
    if after_title < 0:
        return []
    if body_at - after_title > settings.lede_max_gap_chars:
        return []  # far apart: what lies between is a page of its own (teasers, a gallery), not a header
    links = [t for t in link_texts(root) if len(t) >= 3]
    found: dict[str, int] = {}
    for elem in _lede_elements(root):
        text = flat(elem.text_content())
        if not _is_lede_prose(text, links, settings) or _named_furniture(elem):
            continue
        at = page.find(text[:60], after_title)
        if 0 <= at and at + len(text) <= body_at:
            found.setdefault(text, at)
    # Innermost elements: a container holding two lede paragraphs gives way to them.
    inner = sorted((t for t in found if not any(o != t and o in t for o in found)), key=found.get)
    # The lede runs up to the body: paragraphs are taken back from it while little text (a byline,
    # a date, a caption) separates each from the next; prose further up belongs to the page header.
    lede: list[str] = []
    next_at = body_at
    for text in reversed(inner):
        end = found[text] + len(text)
        if end > next_at or next_at - end > settings.lede_max_separation_chars:
            break
        lede.insert(0, text)
        next_at = found[text]
    return lede


def _is_lede_prose(text: str, links: list[str], settings: Clean) -> bool:
    """A paragraph as a lede is written: starts a sentence, ends one, long enough, not mostly links or a credit."""
    if len(bp.words(text)) < settings.lede_min_words or not bp.TERMINAL.search(text) or text.endswith(":"):
        return False
    if text[0].islower() or text[0] in PARAGRAPH_NEVER_STARTS or "©" in text:
        return False
    if sum(ch.isdigit() for ch in text) > settings.lede_max_digit_share * len(text):
        return False  # a date and time stamp, a score line or a price list
    linked = sum(len(link) for link in links if link in text)
    return linked <= settings.lede_max_link_share * len(text)


def _lede_elements(root):
    for elem in root.iter(*LEDE_TAGS):
        if not any(a.tag in NOT_LEDE_ANCESTORS for a in elem.iterancestors()):
            yield elem


def _named_furniture(elem) -> bool:
    """The block or one of its nearest containers is named as a caption, byline, author box, promo …"""
    for n, e in enumerate([elem, *elem.iterancestors()]):
        if n > NOT_LEDE_CLASS_DEPTH:
            return False
        if NOT_LEDE_CLASS.search(f"{e.get('class') or ''} {e.get('id') or ''}"):
            return True
    return False


def visible_text(root) -> str:
    """The printed text of a page element, whitespace flattened; its scripts, styles and templates are removed."""
    from lxml import etree

    etree.strip_elements(root, *NOT_VISIBLE, with_tail=False)
    return flat(root.text_content())
