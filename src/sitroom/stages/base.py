"""The stage protocol: `RunState`, `Stage`, the `@stage` decorator and the `StateView` that enforces it.

`RunState` is what a run carries; a `Stage` declares which of its fields it needs and provides;
while a stage runs it sees the state through a `StateView` that holds it to that declaration.
Stages and the pipeline both import it from here."""

from __future__ import annotations

import ctypes
import dataclasses
import gc
from array import array
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable

from sitroom.contract import Analysis, Article, RawDocument, Rejected, Reuse, Situation
from sitroom.engines import Engine
from sitroom.errors import SitroomError
from sitroom.settings import Settings


@dataclass(slots=True)
class Outline:
    """What stories and summarize read of one document's analysis, once `resolve` has linked it: its
    canonical names (`stories.CanonicalNames.anchors`, counted) and its sentences as flat
    (start, end) offsets. A few hundred bytes a document where the analysis it replaces held
    every mention and place as objects (tens of KB): what the client keeps per report after linking."""

    doc: str
    anchors: Counter
    spans: array  # start0, end0, start1, end1, ...

    def sentence_offsets(self) -> list[tuple[int, int]]:
        return list(zip(self.spans[::2], self.spans[1::2]))


@dataclass
class RunState:
    """What the stages read and write. Every name a stage declares in `needs` or `provides` is one field."""

    inputs: list[str]
    settings: Settings
    engine: Engine
    raws: list[RawDocument] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    duplicate_of: dict[str, str] = field(default_factory=dict)  # doc id -> the copy it repeats
    reuse: dict[str, list[Reuse]] = field(default_factory=dict)  # doc id -> shared passages (the strongest)
    reuse_more: dict[str, int] = field(default_factory=dict)  # doc id -> reuse links beyond those listed
    # held in memory (see `stored`); after resolve, only what stories and summarize read of each (`Outline`)
    analyses: dict[str, Analysis | Outline] = field(default_factory=dict)
    # Analyses a store holds for this run and memory does not: doc id -> store key. `analyze` hands
    # each batch to `checkpoint` and keeps only what the store did not take; `resolve` reads the
    # stored ones back through `recall`, as compact summaries (stages/cache.py).
    stored: dict[str, str] = field(default_factory=dict)
    situation: Situation = field(default_factory=Situation)
    rejected: list[Rejected] = field(default_factory=list)
    progress: Callable[[str, int, int], None] = lambda stage, done, total: None
    # Called by `analyze` after each batch with its finished analyses (doc id -> analysis), so that
    # a store keeps them at once (a run killed halfway resumes without parsing those documents
    # again) and the client lets go of them: returns {doc id: store key} of those it stored.
    checkpoint: Callable[[dict[str, Analysis]], dict[str, str]] = lambda analyses: {}
    # The analyses of `stored`, read back from the store (an iterable of `Analysis`); given field
    # names, each holds only those (and its doc id): what one linking step reads.
    recall: Callable[..., Iterable[Analysis]] = lambda stored, fields=None: ()


FIELDS = frozenset(f.name for f in dataclasses.fields(RunState))
GIVEN = ("inputs", "settings", "engine", "progress", "checkpoint", "recall")  # set by the caller, before any stage
# The bulk of a run's memory, which a caller reads back through the situation: each is emptied
# (in place, so that no reference left elsewhere keeps its content alive) once no later stage
# declares it. Raw documents go once cleaned, articles and copy links once resolved, analyses
# once summarised, so the store and the exports run with the situation alone.
RELEASABLE = ("raws", "articles", "duplicate_of", "reuse", "reuse_more", "analyses", "stored")
# ... and the engine is closed after its last stage: its workers (each holding spaCy and the event
# model) would otherwise sit idle through the cross-document stages. Engines restart on next use.
CLOSED_WHEN_DONE = ("engine",)


@dataclass(frozen=True)
class Stage:
    """One step of the flow. `needs`: the fields whose content it reads, each given by the caller
    (`GIVEN`) or provided by an earlier stage. `provides`: the fields it writes, whether it assigns
    them or updates them in place (it may read those too: appending to `rejected` is providing it)."""

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


class StateView:
    """`RunState` as one stage sees it: the fields it declares, and no other.

    Reading a field outside `needs` and `provides`, or assigning one outside `provides`, raises
    S051. The declared fields are copied into the view's own `__dict__` when the stage starts, so
    a declared read is a plain attribute lookup (no cost); only undeclared reads and every
    assignment go through Python code. Assignments are passed on to the run's state.
    """

    def __init__(self, state: RunState, st: Stage) -> None:
        own = self.__dict__
        own.update({name: getattr(state, name) for name in (*st.needs, *st.provides)})
        own["_view_of"] = (state, st)

    def __getattr__(self, name: str) -> Any:  # only called for a name not in the view
        if name.startswith("__"):  # protocols (copy, pickle) probe optional dunders
            raise AttributeError(name)
        st = self.__dict__["_view_of"][1]
        what = "which it does not declare in needs" if name in FIELDS else "which is not a RunState field"
        raise SitroomError("S051", stage=st.name, detail=f"read '{name}', {what}")

    def __setattr__(self, name: str, value: Any) -> None:
        state, st = self.__dict__["_view_of"]
        if name not in st.provides or name not in FIELDS:
            raise SitroomError("S051", stage=st.name, detail=f"wrote '{name}', which it does not declare in provides")
        setattr(state, name, value)
        self.__dict__[name] = value

    def __delattr__(self, name: str) -> None:
        raise SitroomError("S051", stage=self.__dict__["_view_of"][1].name, detail=f"deleted '{name}'")

    def __repr__(self) -> str:
        return f"<RunState as stage '{self.__dict__['_view_of'][1].name}' sees it>"


def check_declarations(stages: Iterable[Stage]) -> None:
    """Every declared name is a `RunState` field, and every need is given or provided earlier (S051, S050)."""
    available = set(GIVEN)
    for st in stages:
        for name in (*st.needs, *st.provides):
            if name not in FIELDS:
                raise SitroomError("S051", stage=st.name, detail=f"declares '{name}', which is not a RunState field")
        for need in st.needs:
            if need not in available:
                raise SitroomError("S050", stage=st.name, detail=need)
        available.update(st.provides)


def release_plan(stages: Iterable[Stage], keep: Iterable[str] = ()) -> list[tuple[str, ...]]:
    """For each stage, the `RELEASABLE` fields and the engine (unless in `keep`) that no later stage
    declares: the ones to empty (close) once it has run."""
    stages, kept = list(stages), set(keep)
    last: dict[str, int] = {}
    for i, st in enumerate(stages):
        for name in (*st.needs, *st.provides):
            last[name] = i
    plan: list[list[str]] = [[] for _ in stages]
    for name in (*RELEASABLE, *CLOSED_WHEN_DONE):
        if name in last and name not in kept:
            plan[last[name]].append(name)
    return [tuple(names) for names in plan]


def empty_fields(state: RunState, names: Iterable[str]) -> None:
    """Empty the named fields in place (close the engine), and hand what they held back to the system."""
    names = tuple(names)
    for name in names:
        if name in CLOSED_WHEN_DONE:
            getattr(state, name).close()
        else:
            getattr(state, name).clear()
    if names:
        give_back_memory()


def give_back_memory() -> None:
    """Collect what was just let go and return the heap's free pages to the system (glibc keeps
    them otherwise, so a later stage's RSS would count every earlier stage's peak): the stages
    after resolve then run in the memory they need, not in what linking once held."""
    gc.collect()
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc: its allocator decides on its own
        pass
