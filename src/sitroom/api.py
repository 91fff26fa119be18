"""The library API: `sitroom.run(...)` returns a `Situation`; `clean_file` and `extract_text` do
one document. The CLI, the web room and watch are thin layers over this."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Callable

from sitroom.contract import Article, Rejected, Situation
from sitroom.export import export_all, mark_outputs, outputs_current
from sitroom.pipeline import run_pipeline
from sitroom.settings import Settings
from sitroom.stages.analyze import analyze_text
from sitroom.stages.cache import AnalysisCache
from sitroom.stages.clean import clean
from sitroom.stages.dates import assign_dates
from sitroom.stages.read import read_inputs
from sitroom.store import open_store

EXTRACT_KINDS = ("entities", "quotes", "times", "places", "claims", "events", "control")


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
        write_outputs(sit, Path(out), cache, settings)
    return sit


def write_outputs(sit: Situation, out: Path, cache: AnalysisCache | None = None,
                  settings: Settings | None = None) -> None:
    """Export every output file with the run's `settings`, unless a re-run over unchanged inputs
    (the same settings among them: they are part of the digest) finds them already current."""
    digest = cache.digest if cache else None
    if cache and cache.unchanged and outputs_current(out, digest):
        return
    mark_outputs(out, None)  # a run killed mid-export must not look current
    export_all(sit, out, settings)
    mark_outputs(out, digest)


def sample_corpus() -> Path:
    """The bundled sample corpus (a fictional crisis written for sitroom)."""
    return Path(str(resources.files("sitroom") / "sample"))


def clean_file(path: Path, settings: Settings | None = None) -> tuple[Article | None, Rejected | None]:
    """One file -> its cleaned, dated article (or why it was rejected), for `sitroom clean`.

    Alone, a report has no neighbours to borrow a date from: only its own stated
    date or the cues in its text (a cited date with a weekday) can date it.
    """
    settings = settings or Settings()
    raws, rejected = read_inputs([str(path)], settings.read)
    if not raws:
        return None, rejected[0] if rejected else None
    art = clean(raws[0], settings.clean)
    assign_dates([art], settings.dates)
    return art, None


def extract_text(text: str, *, published: str | None = None, what: set[str] | None = None,
                 settings: Settings | None = None) -> dict:
    """Ad-hoc extraction over one text (`sitroom extract`): the contract's shapes, plus `times`."""
    what = {w.strip() for w in (what or {"all"}) if w.strip()}
    analysis = analyze_text(text, settings, published=published)
    out: dict = {"schema": "sitroom/1", "published": published}
    data = analysis.model_dump(mode="json")
    data["entities"] = data.pop("mentions")
    for kind in EXTRACT_KINDS:
        if "all" in what or kind in what:
            out[kind] = data.get(kind, [])
    return out
