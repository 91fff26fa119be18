"""Toponyms resolved against the offline gazetteer (first version: none)."""

from __future__ import annotations

from ..contract import Place
from . import Context


def extract(ctx: Context) -> list[Place]:
    return []


def governing_place(ctx: Context, start: int, end: int) -> str | None:
    si = ctx.sentence_index(start)
    for p in ctx.analysis.places:
        if any(e.sentence == si for e in p.evidence):
            return p.id
    return None
