"""The library API: `sitroom.run(...)` returns a `Situation`; `clean_file` and `extract_text` do
one document. The CLI, the web room and watch are thin layers over this."""

from __future__ import annotations

import contextlib
import os
import time
from importlib import resources
from pathlib import Path
from typing import Callable, Iterator

from sitroom.contract import Article, Rejected, Situation
from sitroom.errors import SitroomError
from sitroom.export import export_all, mark_outputs, outputs_current
from sitroom.export.frames import to_frames  # noqa: F401  (re-exported: sitroom.to_frames)
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

    One run per output folder at a time (`output_lock`: a second raises S071, or waits up to
    `[read] lock_wait_seconds`). When no input gives a document, `NothingRead` (S070) is raised: the
    outputs and database an earlier run wrote to `out` are left untouched.
    """
    settings = settings or Settings()
    lock: contextlib.AbstractContextManager = contextlib.nullcontext()
    had_outputs = False
    if out is not None:
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        lock = output_lock(out, settings.read.lock_wait_seconds)
    with lock:
        if out is not None:
            had_outputs = any((out / name).exists() for name in OUTPUT_MARKERS)
        store = open_store(db or Path(out) / "sitroom.db") if (out is not None or db) else None
        keep = False
        try:
            cache = incremental_cache(store, out) if store else None
            state = run_pipeline(inputs, settings, engine=engine, scheduler=scheduler, strict=strict,
                                 progress=progress, cache=cache)
            sit = state.situation
            # nothing read: an empty situation must not replace what an earlier run wrote
            keep = not sit.documents and (had_outputs or (db is not None and out is None))
            if store and not keep:
                save_situation(store, sit, cache, replace=db is None)
        finally:
            if store:
                store.close()
        if out is not None and not keep:
            write_outputs(sit, out, cache, settings)
    if not sit.documents and (out is not None or db):
        raise NothingRead(sit, out if keep else None)
    return sit


OUTPUT_MARKERS = ("situation.json", "sitroom.db")
LOCK_NAME = ".sitroom-lock"


class NothingRead(SitroomError):
    """No input gave a document. `situation` holds the rejections; `kept` is the output folder left untouched
    (None: a fresh folder, where the empty situation was written so that it lists them)."""

    def __init__(self, situation: Situation, kept: Path | None) -> None:
        outcome = (f"the outputs already in '{kept}' were left as they were" if kept else
                   "the empty situation was written, listing them")
        super().__init__("S070", detail=len(situation.rejected), outcome=outcome)
        self.situation, self.kept = situation, kept


@contextlib.contextmanager
def output_lock(out: Path, wait: float = 0.0) -> Iterator[None]:
    """One run per output folder: an advisory `flock` on OUT/.sitroom-lock for the whole run, so the outputs and
    the database always come from one run. A second run waits up to `wait` seconds, then raises S071. The OS
    drops the lock when its process dies (even by SIGKILL), so a crashed run never leaves the folder locked."""
    try:
        import fcntl
    except ImportError:  # not a POSIX system: no advisory locks to take
        yield
        return
    path = out / LOCK_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    try:
        deadline = time.monotonic() + max(0.0, wait)
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise SitroomError("S071", origin=str(out), detail=str(path)) from None
                time.sleep(0.1)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def incremental_cache(store, out: Path | None) -> AnalysisCache:
    """The analysis cache of a run through `store`. With an output folder, a run over unchanged inputs
    takes its situation from OUT/situation.json when every output file is still the one that run wrote
    (checked by digest: `export.outputs_current`), which is faster than rebuilding it from the store."""
    def current(digest: str) -> Situation | None:
        if out is None or not outputs_current(Path(out), digest):
            return None
        try:
            return Situation.model_validate_json((Path(out) / "situation.json").read_bytes())
        except (OSError, ValueError):  # removed or replaced since it was checked: the store has it too
            return None

    return AnalysisCache(store, current=current)


def save_situation(store, sit: Situation, cache: AnalysisCache | None, *, replace: bool) -> None:
    """Save the run's situation, unless the run found the store holding exactly it (`cache.unchanged`:
    the same inputs, settings and code as the replacing save that recorded the digest)."""
    if cache and cache.unchanged:
        return
    store.save(sit, replace=replace)


def write_outputs(sit: Situation, out: Path, cache: AnalysisCache | None = None,
                  settings: Settings | None = None) -> None:
    """Export every output file with the run's `settings`, unless a re-run over unchanged inputs
    (the same settings among them: they are part of the digest) finds them already current:
    present and, byte for byte, what that run wrote (a deleted or edited file is written again)."""
    digest = cache.digest if cache else None
    if cache and cache.unchanged and (cache.from_outputs or outputs_current(out, digest)):
        return
    mark_outputs(out, None)  # a run killed mid-export must not look current
    export_all(sit, out, settings)
    mark_outputs(out, digest)


def load(source: str | Path) -> Situation:
    """The Situation a run wrote: `source` is its output folder, its situation.json, or that JSON as text.
    `to_frames(load(out))` gives one pandas DataFrame per fact kind (the `frames` extra)."""
    if isinstance(source, str) and source.lstrip().startswith("{"):
        text, origin = source, "<json>"
    else:
        path = Path(source)
        path = path / "situation.json" if path.is_dir() else path
        origin = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SitroomError("S001", origin=origin, detail=exc.strerror or exc) from exc
    try:
        return Situation.model_validate_json(text)
    except ValueError as exc:
        raise SitroomError("S001", origin=origin, detail=f"not a situation.json ({str(exc).splitlines()[0]})") from exc


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


def read_text(source: str, settings: Settings | None = None) -> tuple[str | None, Rejected | None]:
    """One input's text for `sitroom extract`: a file, or '-' for stdin, read as `run` reads (checked to be a
    regular file, bounded by `[read] max_bytes`, decoded); (None, why) when it cannot be read."""
    from sitroom.stages.read import Entry, read_entry

    settings = settings or Settings()
    raws, bad = read_entry(Entry(source, None if source == "-" else Path(source)), settings.read)
    if not raws:
        return None, bad[0] if bad else None
    return raws[0].text, None


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
