"""Ad-hoc extraction over one text (`sitroom extract`): the contract's shapes, plus `times`."""

from __future__ import annotations

from .analyze import analyze_text
from .settings import Settings

KINDS = ("entities", "quotes", "times", "places", "claims", "events", "control")


def extract_text(text: str, *, published: str | None = None, what: set[str] | None = None,
                 settings: Settings | None = None) -> dict:
    what = {w.strip() for w in (what or {"all"}) if w.strip()}
    analysis = analyze_text(text, settings, published=published)
    out: dict = {"schema": "sitroom/1", "published": published}
    data = analysis.model_dump(mode="json")
    data["entities"] = data.pop("mentions")
    for kind in KINDS:
        if "all" in what or kind in what:
            out[kind] = data.get(kind, [])
    return out
