"""Claims, events and control across documents: merged, with independent-source counts; contradictions."""

from __future__ import annotations

from .contract import Analysis, Claim, Contradiction, ControlChange, Document, Entity, Event, Place
from .settings import Settings


def merge_facts(
    analyses: list[Analysis], documents: list[Document], entities: list[Entity], places: list[Place],
    settings: Settings,
) -> tuple[list[Claim], list[Event], list[ControlChange], list[Contradiction]]:
    """First version: gather every document's facts unmerged."""
    claims = [c for an in analyses for c in an.claims]
    events = [e for an in analyses for e in an.events]
    control = [c for an in analyses for c in an.control]
    return claims, events, control, []
