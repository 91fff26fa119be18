"""Events extractor (first version: none found)."""

from __future__ import annotations

from . import Context


def extract(ctx: Context) -> list:
    return []
