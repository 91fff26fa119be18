"""Extractors: one module each, `extract(ctx) -> list[fact]`, run in declared order.

Each extractor reads the spaCy `Doc` and what earlier extractors put into the
`Analysis` (its `needs`), and fills its own field of it (its `provides`).
Registering a new one is one line in `EXTRACTORS`, the way a plugin would.
"""

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

    def date_for(self, start: int, end: int | None = None) -> tuple[str | None, str | None, str]:
        """(value, precision, basis) of the time that governs a span: the time expression in the
        same sentence, else the paragraph, else the report's date ("report")."""
        from sitroom.extract.times import governing_date

        return governing_date(self, start, end if end is not None else start)

    def place_for(self, start: int, end: int | None = None) -> str | None:
        """Id of the most precise place mentioned in the sentence of a span (None when none)."""
        from sitroom.extract.places import governing_place

        return governing_place(self, start, end if end is not None else start)

    def evidence(self, start: int, end: int | None = None) -> "Evidence":
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


@dataclass(frozen=True)
class Extractor:
    name: str
    needs: tuple[str, ...]
    provides: str
    extract: Callable[[Context], list]


def _registry() -> list[Extractor]:
    from sitroom.extract import claims, control, entities, events, places, quotes, times

    return [
        Extractor("entities", (), "mentions", entities.extract),
        Extractor("times", (), "times", times.extract),
        Extractor("places", ("mentions",), "places", places.extract),
        Extractor("quotes", ("mentions", "times"), "quotes", quotes.extract),
        Extractor("claims", ("mentions", "times", "places"), "claims", claims.extract),
        Extractor("events", ("mentions", "times", "places", "claims"), "events", events.extract),
        Extractor("control", ("mentions", "times", "places"), "control", control.extract),
    ]


EXTRACTORS: list[Extractor] = []


def extractors(names: set[str] | None = None) -> list[Extractor]:
    if not EXTRACTORS:
        EXTRACTORS.extend(_registry())
    if not names or "all" in names:
        return list(EXTRACTORS)
    return [e for e in EXTRACTORS if e.name in names or e.provides in names]
