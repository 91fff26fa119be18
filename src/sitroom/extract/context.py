"""What every extractor is handed (`Context`: the article, its spaCy Doc, the analysis so far,
the settings) and what an extractor is (`Extractor`: its needs and the field it provides)."""

from __future__ import annotations

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
        """Index of the sentence that holds a char offset."""
        for i, s in enumerate(self.analysis.sentences):
            if s.start <= char < s.end:
                return i
        return max(0, len(self.analysis.sentences) - 1)


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
