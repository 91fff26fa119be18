"""The Dask engine: the analyze stage's batches run on a `dask.distributed` cluster.

With a scheduler address sitroom connects to an existing cluster (started by
dask-kubernetes, dask-jobqueue, `dask scheduler` + `dask worker` …; every
worker needs sitroom and its spaCy model installed). Without one it starts a
`LocalCluster` of worker processes, one thread each (spaCy holds the GIL, so
threads would not parallelise), and closes it again. Cross-document stages
(dedup, resolve, stories) stay in the client: they need every document.

Each worker loads spaCy once (`analyze.load_nlp` is cached per process) and
receives plain `Article` batches; only plain `Analysis` records come back.
"""

from __future__ import annotations

from typing import Any, Callable, Iterator

from sitroom.engines.base import IN_FLIGHT_PER_WORKER, Engine, windowed
from sitroom.settings import Settings


class DaskEngine(Engine):
    name = "dask"

    def __init__(self, settings: Settings, scheduler: str | None = None, workers: int | None = None) -> None:
        self.settings = settings
        self.scheduler = scheduler
        self.workers = workers or settings.annotate.processes
        self._client = None
        self._cluster = None

    @property
    def client(self):
        """The Dask client, connected (or the LocalCluster started) on first use."""
        if self._client is None:
            from distributed import Client, LocalCluster

            if self.scheduler:
                self._client = Client(self.scheduler)
            else:
                self._cluster = LocalCluster(
                    n_workers=self.workers, threads_per_worker=1, processes=True, dashboard_address=None
                )
                self._client = Client(self._cluster)
        return self._client

    @property
    def parallelism(self) -> int:
        return max(1, sum(self.client.nthreads().values())) if self._client or self.scheduler else self.workers

    def map(self, fn: Callable[..., Any], batches: list[Any], *args: Any) -> Iterator[Any]:
        if not batches:
            return
        client = self.client

        def collect(future):
            try:
                return future.result()
            finally:
                future.release()  # drop the result from worker memory once it is in the client

        yield from windowed(lambda b: client.submit(fn, b, *args, pure=False), collect, batches,
                            IN_FLIGHT_PER_WORKER * self.parallelism)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
