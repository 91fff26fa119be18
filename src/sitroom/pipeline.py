"""The flow of sitroom, top to bottom.

Each stage is one module under `stages/` that declares what it needs and what it
provides (the protocol is in `stages/base.py`); `default_stages()` lists them in
order, with the incremental-cache stages in their places when a store backs the
run, and `Pipeline.run` is a plain loop over them with a per-stage error handler.
Stages never know which engine runs them.
"""

from __future__ import annotations

import logging
from typing import Callable

from sitroom.engines import Engine, make_engine
from sitroom.errors import SitroomError, reject
from sitroom.settings import Settings
from sitroom.stages import (
    analyze,
    clean,
    dates,
    dedup,
    language,
    read,
    resolve,
    stories,
    summarize,
)
from sitroom.stages.base import RunState, Stage, stage
from sitroom.stages.cache import AnalysisCache

__all__ = ["Pipeline", "RunState", "Stage", "default_stages", "run_pipeline", "stage"]

log = logging.getLogger("sitroom")


def default_stages(cache: AnalysisCache | None = None) -> list[Stage]:
    """The stages in order. With a `cache`, a run over unchanged inputs loads the stored situation
    right after `read` and skips every later stage; otherwise stored analyses of unchanged
    articles are reused right before `analyze`, and new ones are stored right after it."""
    if cache is None:
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
    later = cache.unless_unchanged
    return [
        read.STAGE,
        cache.check_stage,  # the stored situation, when inputs, settings and code are all unchanged
        later(clean.STAGE),
        later(language.STAGE),
        later(dates.STAGE),
        later(dedup.STAGE),
        later(cache.fill_stage),  # stored analyses of unchanged articles
        later(analyze.STAGE),  # only new or changed articles
        later(cache.remember_stage),  # store what analyze computed
        later(resolve.STAGE),
        later(stories.STAGE),
        later(summarize.STAGE),
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
    """With a `cache` (see stages/cache.py), unchanged documents reuse their stored analyses."""
    settings = settings or Settings()
    eng = engine if isinstance(engine, Engine) else make_engine(engine, settings=settings, scheduler=scheduler)
    state = RunState(inputs=list(inputs), settings=settings, engine=eng)
    if progress:
        state.progress = progress
    try:
        return Pipeline(default_stages(cache), strict=strict).run(state)
    finally:
        if not isinstance(engine, Engine):
            eng.close()
