"""The `local` engine: a process pool, in-process for small inputs (starting workers that each
load spaCy costs more than it saves there)."""

from __future__ import annotations

import gc
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
        # a round of `worker_batches` batches per worker, then the pool is replaced by a fresh one
        # (when more batches follow): whatever a worker accumulates is bounded by one round
        per_round = max(1, self.settings.annotate.worker_batches) * self.processes
        for start in range(0, len(batches), per_round):
            if start:
                self.close()
            pool = self._start()
            yield from windowed(lambda b: pool.submit(fn, b, *args), lambda f: f.result(),
                                batches[start:start + per_round], IN_FLIGHT_PER_WORKER * self.processes)

    def _start(self) -> ProcessPoolExecutor:
        """The pool, its workers forked now. The client's objects are frozen out of the garbage
        collector meanwhile, so that a worker's collections never write to the pages it shares
        with the client (a collection touches every object it tracks, which copies the page)."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.processes, initializer=die_with_parent,
                                             initargs=(os.getpid(),))
            gc.freeze()
            try:  # a fork pool starts all its workers on the first submit
                self._pool.submit(os.getpid).result()
            finally:
                gc.unfreeze()
        return self._pool

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
