"""The flow of sitroom: the stages in order (`default_stages`) and the loop that runs them (`Pipeline`).

Each stage is one module under `stages/` that declares what it needs and what it
provides (the protocol is in `stages/base.py`); `default_stages()` lists them in
order, with the incremental-cache stages in their places when a store backs the
run. `Pipeline` checks the declarations when it is built, runs each stage on a
view of the state that holds it to them (S051), and records a failing stage and
goes on. Stages never know which engine runs them.
"""

from __future__ import annotations

import logging
from typing import Callable

from sitroom.engines import Engine, make_engine
from sitroom.errors import reject
from sitroom.settings import Settings
from sitroom.stages import analyze, clean, dates, dedup, language, read, resolve, stories, summarize
from sitroom.stages.base import RunState, Stage, StateView, check_declarations, empty_fields, release_plan, stage
from sitroom.stages.cache import AnalysisCache

__all__ = ["Pipeline", "RunState", "Stage", "StateView", "default_stages", "run_pipeline", "stage"]

log = logging.getLogger("sitroom")


def default_stages(cache: AnalysisCache | None = None) -> list[Stage]:
    """The stages in order. With a `cache`, a run over unchanged inputs loads the stored situation
    right after `read` and skips every later stage; otherwise stored analyses of unchanged
    articles are reused, new ones are stored batch by batch as `analyze` finishes them, and the
    client holds none of them until `resolve` reads them all back as compact summaries."""
    if cache is None:
        return [
            read.STAGE,  # inputs -> raws, rejected
            clean.STAGE,  # raws -> articles (boilerplate kept aside), rejected
            language.STAGE,  # articles -> articles (language set; non-English ones rejected unless asked)
            dates.STAGE,  # articles -> articles (publication dates, stated or inferred)
            dedup.STAGE,  # articles -> duplicate_of, reuse
            analyze.STAGE,  # articles -> analyses (spaCy + extractors, on the engine); unparsable articles rejected
            resolve.STAGE,  # articles, analyses, duplicate_of, reuse -> situation (documents and linked facts);
            # analyses -> what stories and summarize read of them
            stories.STAGE,  # situation, analyses -> situation (stories, syndication groups)
            summarize.STAGE,  # situation, analyses -> situation (summaries, highlights, timelines)
        ]
    later = cache.unless_unchanged
    return [
        read.STAGE,
        cache.check_stage,  # the stored situation, when inputs, settings and code are all unchanged
        later(clean.STAGE),
        later(language.STAGE),
        later(dates.STAGE),
        later(dedup.STAGE),
        later(cache.fill_stage),  # articles -> stored (unchanged articles, left in the store), checkpoint, recall
        later(analyze.STAGE),  # only new or changed articles; each batch -> the store (checkpoint) -> stored
        later(cache.remember_stage),  # analyses the checkpoints did not take -> the store
        later(resolve.STAGE),  # stored -> compact summaries (recall), read back from the store
        later(stories.STAGE),
        later(summarize.STAGE),
    ]


class Pipeline:
    """With `release`, the bulky fields (`base.RELEASABLE`) are emptied once no later stage needs
    them, except those in `keep`: the caller gets the situation, and memory the rest no longer holds."""

    def __init__(self, stages: list[Stage] | None = None, *, strict: bool = False, release: bool = False,
                 keep: tuple[str, ...] = ()) -> None:
        self.stages = stages if stages is not None else default_stages()
        self.strict = strict
        self._check()
        self.release_after = release_plan(self.stages, keep) if release else [()] * len(self.stages)

    def _check(self) -> None:
        check_declarations(self.stages)  # S051 for a name that is no field, S050 for an unmet need

    def run(self, state: RunState) -> RunState:
        for st, done_with in zip(self.stages, self.release_after):
            log.debug("stage %s", st.name)
            try:
                st.run(StateView(state, st))  # S051 when the stage strays from its declaration
            except Exception as exc:  # per-stage error handler: record, keep going
                if self.strict:
                    raise
                log.exception("stage %s failed", st.name)
                state.rejected.append(reject(f"stage:{st.name}", "S010", stage=st.name, detail=repr(exc)))
            empty_fields(state, done_with)
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
    keep: tuple[str, ...] = (),
) -> RunState:
    """With a `cache` (see stages/cache.py), unchanged documents reuse their stored analyses. The
    returned state holds the situation; of the bulky fields (`base.RELEASABLE`), only those in `keep`."""
    settings = settings or Settings()
    eng = engine if isinstance(engine, Engine) else make_engine(engine, settings=settings, scheduler=scheduler)
    state = RunState(inputs=list(inputs), settings=settings, engine=eng)
    if progress:
        state.progress = progress
    try:
        owned_by_caller = ("engine",) if isinstance(engine, Engine) else ()  # the caller closes its own engine
        return Pipeline(default_stages(cache), strict=strict, release=True, keep=keep + owned_by_caller).run(state)
    finally:
        if not isinstance(engine, Engine):
            eng.close()
