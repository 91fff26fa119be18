"""Single-document cleaning for `sitroom clean`: read one file, clean it, return its Article."""

from __future__ import annotations

from pathlib import Path

from .clean import clean
from .contract import Article, Rejected
from .read import read_inputs
from .settings import Settings


def clean_file(path: Path, settings: Settings | None = None) -> tuple[Article | None, Rejected | None]:
    settings = settings or Settings()
    raws, rejected = read_inputs([str(path)], settings.read)
    if not raws:
        return None, rejected[0] if rejected else None
    return clean(raws[0]), None
