"""clean: `RawDocument` → `Article` (title, authors, published, dateline, highlights, body).

HTML goes through trafilatura; already-scraped text through sitroom's own
boilerplate remover (see `boilerplate.py`). Removed text is kept aside with
its reason, never dropped silently.
"""

from __future__ import annotations

import hashlib

from .contract import Article, RawDocument, Removed
from .errors import reject
from .pipeline import RunState, stage
from .read import doc_id


def clean_text(raw: RawDocument, text: str) -> Article:
    paras = [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    title = raw.title or (paras[0].splitlines()[0] if paras else None)
    body = paras[1:] if paras and not raw.title else paras
    return _article(raw, title=title, paragraphs=body, removed=[])


def clean_html(raw: RawDocument, html: str) -> Article:
    import trafilatura

    doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True, url=raw.url)
    if doc is None:
        return clean_text(raw, html)
    body = doc.text or ""
    paras = [p.strip() for p in body.split("\n") if p.strip()]
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return _article(
        raw,
        title=raw.title or doc.title,
        paragraphs=paras,
        removed=[],
        authors=authors,
        published=raw.published or doc.date,
        source=raw.source or doc.sitename,
        url=raw.url or doc.url,
    )


def _article(raw: RawDocument, *, title, paragraphs, removed, **meta) -> Article:
    text = "\n\n".join(paragraphs)
    return Article(
        id=doc_id(raw),
        origin=raw.origin,
        title=title,
        paragraphs=paragraphs,
        removed=[Removed(**r) if isinstance(r, dict) else r for r in removed],
        url=meta.pop("url", None) or raw.url,
        source=meta.pop("source", None) or raw.source,
        published=meta.pop("published", None) or raw.published,
        content_hash=hashlib.sha1(text.encode("utf-8")).hexdigest(),
        **meta,
    )


def clean(raw: RawDocument) -> Article:
    text = raw.text if raw.text is not None else (raw.data or b"").decode("utf-8", "replace")
    return clean_html(raw, text) if raw.kind == "html" else clean_text(raw, text)


@stage("clean", needs=("raws",), provides=("articles",))
def STAGE(state: RunState) -> None:
    """Clean every raw document; one with no body left is rejected."""
    for raw in state.raws:
        art = clean(raw)
        if not art.paragraphs:
            state.rejected.append(reject(raw.origin, "S007"))
            continue
        state.articles.append(art)
