"""The library API: `sitroom.run(...)` returns a `Situation`; the CLI is a thin layer over this."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Callable

from .contract import Situation
from .export import export_all
from .pipeline import run_pipeline
from .settings import Settings
from .store import open_store


def run(
    inputs: list[str],
    out: str | Path | None = None,
    *,
    settings: Settings | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    db: str | None = None,
    strict: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
) -> Situation:
    """Run the whole pipeline over `inputs`; with `out`, write every output file there."""
    state = run_pipeline(inputs, settings, engine=engine, scheduler=scheduler, strict=strict, progress=progress)
    sit = state.situation
    if out is not None:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        store = open_store(db or out / "sitroom.db")
        try:
            store.save(sit)
        finally:
            store.close()
        export_all(sit, out)
    return sit


def sample_corpus() -> Path:
    """The bundled sample corpus (a fictional crisis written for sitroom)."""
    return Path(str(resources.files("sitroom") / "sample"))
