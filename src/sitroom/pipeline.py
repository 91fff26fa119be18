"""The flow of sitroom, top to bottom.

Each stage is one module that declares what it needs and what it provides;
`default_stages()` lists them in order and `Pipeline.run` is a plain loop over them
with a per-stage error handler. Stages never know which engine runs them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterable

from .contract import Analysis, Article, RawDocument, Rejected, Reuse, Situation
from .engine import Engine, make_engine
from .errors import SitroomError, reject
from .settings import Settings

if TYPE_CHECKING:
    from .incremental import AnalysisCache

log = logging.getLogger("sitroom")


@dataclass
class RunState:
    """What the stages read and write. Each field is one `provides` name."""

    inputs: list[str]
    settings: Settings
    engine: Engine
    raws: list[RawDocument] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    duplicate_of: dict[str, str] = field(default_factory=dict)  # doc id -> the copy it repeats
    reuse: dict[str, list[Reuse]] = field(default_factory=dict)  # doc id -> shared passages
    analyses: dict[str, Analysis] = field(default_factory=dict)
    situation: Situation = field(default_factory=Situation)
    rejected: list[Rejected] = field(default_factory=list)
    progress: Callable[[str, int, int], None] = lambda stage, done, total: None
    # Called by `analyze` after each batch with the ids it finished, so that a store can keep
    # them at once: a run killed halfway resumes without parsing those documents again.
    checkpoint: Callable[[list[str]], None] = lambda doc_ids: None


@dataclass(frozen=True)
class Stage:
    name: str
    needs: tuple[str, ...]
    provides: tuple[str, ...]
    run: Callable[[RunState], None]
    doc: str = ""


def stage(name: str, *, needs: Iterable[str] = (), provides: Iterable[str] = ()):
    """Declare a function `f(state)` as a pipeline stage (like spaCy's `Language.factory`)."""

    def wrap(fn: Callable[[RunState], None]) -> Stage:
        return Stage(name, tuple(needs), tuple(provides), fn, (fn.__doc__ or "").strip().split("\n")[0])

    return wrap


def default_stages() -> list[Stage]:
    from . import analyze, clean, dates, dedup, language, read, resolve, stories, summarize

    return [
        read.STAGE,  # inputs -> raws, rejected
        clean.STAGE,  # raws -> articles (boilerplate kept aside)
        language.STAGE,  # articles -> language; non-English reports skipped unless asked
        dates.STAGE,  # articles -> publication dates, stated or inferred
        dedup.STAGE,  # articles -> duplicate_of, reuse
        analyze.STAGE,  # articles -> analyses (spaCy + extractors, on the engine)
        resolve.STAGE,  # analyses -> situation facts: entities, places, quotes, claims, events, control
        stories.STAGE,  # situation -> stories
        summarize.STAGE,  # stories -> summaries, highlights, timelines
    ]


class Pipeline:
    def __init__(self, stages: list[Stage] | None = None, *, strict: bool = False) -> None:
        self.stages = stages if stages is not None else default_stages()
        self.strict = strict
        self._check()

    def _check(self) -> None:
        available = {"inputs", "settings", "engine"}
        for st in self.stages:
            for need in st.needs:
                if need not in available:
                    raise SitroomError("S050", stage=st.name, detail=need)
            available.update(st.provides)

    def run(self, state: RunState) -> RunState:
        for st in self.stages:
            log.debug("stage %s", st.name)
            try:
                st.run(state)
            except Exception as exc:  # per-stage error handler: record, keep going
                if self.strict:
                    raise
                log.exception("stage %s failed", st.name)
                state.rejected.append(reject(f"stage:{st.name}", "S010", stage=st.name, detail=repr(exc)))
        state.situation.rejected = list(state.rejected)
        return state


def run_pipeline(
    inputs: list[str],
    settings: Settings | None = None,
    *,
    engine: str | Engine = "local",
    scheduler: str | None = None,
    strict: bool = False,
    progress: Callable[[str, int, int], None] | None = None,
    cache: AnalysisCache | None = None,
) -> RunState:
    """With a `cache` (see incremental.py), unchanged documents reuse their stored analyses."""
    settings = settings or Settings()
    eng = engine if isinstance(engine, Engine) else make_engine(engine, settings=settings, scheduler=scheduler)
    state = RunState(inputs=list(inputs), settings=settings, engine=eng)
    if progress:
        state.progress = progress
    try:
        stages = default_stages()
        if cache is not None:
            from .incremental import with_cache

            stages = with_cache(stages, cache)
        return Pipeline(stages, strict=strict).run(state)
    finally:
        if not isinstance(engine, Engine):
            eng.close()
