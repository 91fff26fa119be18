"""What every extractor is handed (`Context`: the article, its spaCy Doc, the analysis so far,
the settings) and what an extractor is (`Extractor`: its needs and the field it provides)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Any, Callable

from sitroom.contract import Analysis, Article, Evidence
from sitroom.settings import Settings


@dataclass
class Context:
    article: Article
    doc: Any  # spacy.tokens.Doc over article.text
    analysis: Analysis
    settings: Settings

    def evidence(self, start: int, end: int | None = None) -> Evidence:
        """The sentence holding `start` as evidence (spanning to the sentence of `end`)."""
        si = self.sentence_index(start)
        sj = self.sentence_index(max(start, (end or start) - 1))
        s, e = self.analysis.sentences[si].start, self.analysis.sentences[sj].end
        return Evidence(doc=self.article.id, sentence=si, start=s, end=e, text=self.article.text[s:e])

    def sentence_index(self, char: int) -> int:
        """Index of the sentence that holds a char offset (the last one when none does); the sentences
        are in text order, so the one starting last at or before the offset is the only candidate."""
        sents = self.analysis.sentences
        i = bisect_right(sents, char, key=_start) - 1
        if i >= 0 and sents[i].start <= char < sents[i].end:
            return i
        return max(0, len(sents) - 1)


def _start(span) -> int:
    return span.start


def doc_text(doc) -> str:
    """The Doc's text, joined once per Doc (kept in its `user_data`): spaCy's `Doc.text` joins
    every token again on each call, so slicing it in a loop over a long report costs the square
    of the report's length."""
    text = doc.user_data.get("sitroom_text")
    if text is None:
        text = doc.user_data["sitroom_text"] = doc.text
    return text


@dataclass(frozen=True)
class Extractor:
    name: str
    needs: tuple[str, ...]
    provides: str
    extract: Callable[[Context], list]


def doc_ents(doc) -> tuple:
    """The Doc's entities, read once per Doc (kept in its `user_data`): spaCy's `Doc.ents` and
    `Span.ents` rebuild every entity of the Doc on each call, which made reading them sentence by
    sentence cost the square of a report's length."""
    held = doc.user_data.get("sitroom_ents")
    if held is None:
        ents = doc.ents
        held = doc.user_data["sitroom_ents"] = (ents, [e.start for e in ents])
    return held[0]


def span_ents(span) -> list:
    """The entities wholly inside a span, as `Span.ents` gives them (see `doc_ents`)."""
    ents = doc_ents(span.doc)
    starts = span.doc.user_data["sitroom_ents"][1]
    out = []
    for ent in ents[bisect_left(starts, span.start):]:
        if ent.end > span.end:
            break
        out.append(ent)
    return out


def doc_memo(doc, key: tuple, make: Callable[[], Any]) -> Any:
    """`make()` worked out once per Doc and kept in its `user_data` under `key` (a tuple whose first item
    names the fact): events, claims and control each walk every sentence and ask for the same facts
    (its places, its attribution, the control changes). Only for values nobody mutates."""
    held = doc.user_data
    if key not in held:
        held[key] = make()
    return held[key]
