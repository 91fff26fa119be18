"""The `local` engine: a process pool, in-process for small inputs (starting workers that each
load spaCy costs more than it saves there)."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

from sitroom.engines.base import IN_FLIGHT_PER_WORKER, Engine, windowed
from sitroom.settings import Settings


class LocalEngine(Engine):
    name = "local"

    def __init__(self, settings: Settings, processes: int | None = None) -> None:
        self.settings = settings
        self.processes = processes or settings.annotate.processes
        self._pool: ProcessPoolExecutor | None = None

    @property
    def parallelism(self) -> int:
        return self.processes

    def map(self, fn, batches, *args):
        items = sum(len(b) for b in batches) if batches and hasattr(batches[0], "__len__") else len(batches)
        if self.processes <= 1 or len(batches) <= 1 or items < self.settings.annotate.in_process_below:
            for batch in batches:
                yield fn(batch, *args)
            return
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.processes)
        pool = self._pool
        yield from windowed(lambda b: pool.submit(fn, b, *args), lambda f: f.result(), batches,
                            IN_FLIGHT_PER_WORKER * self.processes)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None
