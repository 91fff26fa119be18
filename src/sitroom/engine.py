"""Engines run the heavy per-document work; stages hand them a function and batches.

`local` is a process pool (in-process for small inputs, where starting workers
that each load spaCy costs more than it saves); `dask` is a real Dask cluster.
A function given to `map` must be a top-level function so that it pickles.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from concurrent.futures import ProcessPoolExecutor
from typing import Any, Callable, Iterable, Iterator

from .errors import SitroomError
from .settings import Settings


class Engine(ABC):
    name = "engine"

    @abstractmethod
    def map(self, fn: Callable[..., Any], batches: list[Any], *args: Any) -> Iterator[Any]:
        """Yield `fn(batch, *args)` for each batch, in order."""

    def close(self) -> None:
        pass


class LocalEngine(Engine):
    name = "local"

    def __init__(self, settings: Settings, processes: int | None = None) -> None:
        self.settings = settings
        self.processes = processes or settings.annotate.processes
        self._pool: ProcessPoolExecutor | None = None

    def map(self, fn, batches, *args):
        items = sum(len(b) for b in batches) if batches and hasattr(batches[0], "__len__") else len(batches)
        if self.processes <= 1 or items < self.settings.annotate.in_process_below:
            for batch in batches:
                yield fn(batch, *args)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.processes)
        futures = [self._pool.submit(fn, batch, *args) for batch in batches]
        for fut in futures:
            yield fut.result()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def make_engine(name: str, *, settings: Settings, scheduler: str | None = None) -> Engine:
    if name == "local":
        return LocalEngine(settings)
    if name == "dask":
        from .dask_engine import DaskEngine

        return DaskEngine(settings, scheduler=scheduler)
    raise SitroomError("S040", detail=name)


def batched(items: Iterable[Any], size: int) -> list[list[Any]]:
    out: list[list[Any]] = []
    for item in items:
        if not out or len(out[-1]) >= size:
            out.append([])
        out[-1].append(item)
    return out
