"""Extractors: one module each, `extract(ctx) -> list[fact]`, run in declared order.

Each extractor reads the spaCy `Doc` and what earlier extractors put into the
`Analysis` (its `needs`), and fills its own field of it (its `provides`).
Registering a new one is one line in `EXTRACTORS`, the way a plugin would.
"""

from __future__ import annotations

from sitroom.extract import claims, control, entities, events, places, quotes, times
from sitroom.extract.context import Context, Extractor

__all__ = ["Context", "Extractor", "extractors"]


def _registry() -> list[Extractor]:
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
