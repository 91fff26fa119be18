"""The stage protocol: the state a run carries (`RunState`), what a stage is (`Stage`) and the
`stage` decorator that declares one. Stages and the pipeline both import it from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Iterable

from sitroom.contract import Analysis, Article, RawDocument, Rejected, Reuse, Situation
from sitroom.engines import Engine
from sitroom.settings import Settings


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
