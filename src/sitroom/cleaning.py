"""Single-document cleaning for `sitroom clean`: read one file, clean it, date it, return its Article.

Alone, a report has no neighbours to borrow a date from: only its own stated
date or the cues in its text (a cited date with a weekday) can date it.
"""

from __future__ import annotations

from pathlib import Path

from .clean import clean
from .contract import Article, Rejected
from .dates import assign_dates
from .read import read_inputs
from .settings import Settings


def clean_file(path: Path, settings: Settings | None = None) -> tuple[Article | None, Rejected | None]:
    settings = settings or Settings()
    raws, rejected = read_inputs([str(path)], settings.read)
    if not raws:
        return None, rejected[0] if rejected else None
    art = clean(raws[0], settings.clean)
    assign_dates([art], settings.dates)
    return art, None
