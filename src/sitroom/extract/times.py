"""Time expressions normalised against the report's date (first version: none found)."""

from __future__ import annotations

from ..contract import TimeExpr
from . import Context


def extract(ctx: Context) -> list[TimeExpr]:
    return []


def governing_date(ctx: Context, start: int, end: int) -> tuple[str | None, str | None, str]:
    """The report's date until time expressions are found."""
    pub = ctx.article.published
    return (pub[:10] if pub else None), (ctx.article.published_precision or ("day" if pub else None)), "report"
