"""The `local` engine: a process pool, in-process for small inputs (starting workers that each
load spaCy costs more than it saves there)."""

from __future__ import annotations

import os
import threading
import time
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
            self._pool = ProcessPoolExecutor(max_workers=self.processes, initializer=die_with_parent,
                                             initargs=(os.getpid(),))
        pool = self._pool
        yield from windowed(lambda b: pool.submit(fn, b, *args), lambda f: f.result(), batches,
                            IN_FLIGHT_PER_WORKER * self.processes)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def die_with_parent(parent: int, every: float = 0.5) -> None:
    """Pool worker initializer: exit as soon as the parent is gone. A parent killed by SIGKILL cannot shut its
    pool down, and its workers (each holding a spaCy model) would otherwise live on, orphaned."""
    if os.getppid() != parent:
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(every)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="sitroom-parent-watch", daemon=True).start()
