"""The library API: `sitroom.run(...)` returns a `Situation`; the CLI is a thin layer over this."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Callable

from .contract import Situation
from .export import export_all, mark_outputs, outputs_current
from .incremental import AnalysisCache
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
    """Run the whole pipeline over `inputs`; with `out`, write every output file there.

    With `out` (or `db`) the run is incremental: documents analysed before, unchanged,
    reuse their stored analyses. The default OUT/sitroom.db mirrors this run exactly;
    a shared `db` only gains rows (other runs may be writing to it).
    """
    if out is not None:
        Path(out).mkdir(parents=True, exist_ok=True)
    store = open_store(db or Path(out) / "sitroom.db") if (out is not None or db) else None
    try:
        cache = AnalysisCache(store) if store else None
        state = run_pipeline(inputs, settings, engine=engine, scheduler=scheduler, strict=strict, progress=progress,
                             cache=cache)
        sit = state.situation
        if store:
            store.save(sit, replace=db is None)
    finally:
        if store:
            store.close()
    if out is not None:
        write_outputs(sit, Path(out), cache)
    return sit


def write_outputs(sit: Situation, out: Path, cache: AnalysisCache | None = None) -> None:
    """Export every output file, unless a re-run over unchanged inputs finds them already current."""
    digest = cache.digest if cache else None
    if cache and cache.unchanged and outputs_current(out, digest):
        return
    mark_outputs(out, None)  # a run killed mid-export must not look current
    export_all(sit, out)
    mark_outputs(out, digest)


def sample_corpus() -> Path:
    """The bundled sample corpus (a fictional crisis written for sitroom)."""
    return Path(str(resources.files("sitroom") / "sample"))
