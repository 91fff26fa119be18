"""What every engine is: `Engine.map` over batches, a bounded in-flight window, and batching.

Engines run the heavy per-document work; stages hand them a function and batches.

`local` is a process pool (in-process for small inputs, where starting workers
that each load spaCy costs more than it saves); `dask` is a real Dask cluster.
A function given to `map` must be a top-level function so that it pickles.

Engines keep only a few batches in flight (`IN_FLIGHT_PER_WORKER` per worker)
rather than submitting everything at once: the inputs of a large run are not
all copied into the task queue, and results are handed back as they complete
in order, so memory stays flat however long the run.
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections import deque
from typing import Any, Callable, Iterable, Iterator

IN_FLIGHT_PER_WORKER = 2  # one batch running, one queued: workers never wait, memory stays bounded


class Engine(ABC):
    name = "engine"

    @abstractmethod
    def map(self, fn: Callable[..., Any], batches: list[Any], *args: Any) -> Iterator[Any]:
        """Yield `fn(batch, *args)` for each batch, in order."""

    @property
    def parallelism(self) -> int:
        """How many batches run at once: split work into a multiple of this many batches."""
        return 1

    def close(self) -> None:
        pass


def windowed(submit: Callable[[Any], Any], result: Callable[[Any], Any], batches: Iterable[Any], window: int) -> Iterator[Any]:
    """Submit at most `window` batches ahead of the one being collected; yield results in order."""
    pending: deque = deque()
    todo = iter(batches)
    for batch in todo:
        pending.append(submit(batch))
        if len(pending) >= window:
            break
    while pending:
        yield result(pending.popleft())
        for batch in todo:
            pending.append(submit(batch))
            break


def batched(items: Iterable[Any], size: int, parts: int = 1) -> list[list[Any]]:
    """Split `items` into batches of at most `size`, as even as possible, and (when there are
    enough items) a multiple of `parts` of them, so that `parts` workers finish together
    instead of one worker parsing a last, lonely batch while the others idle."""
    items = list(items)
    if not items:
        return []
    count = math.ceil(len(items) / max(1, size))
    if parts > 1 and len(items) >= parts:
        count = math.ceil(count / parts) * parts
    base, extra = divmod(len(items), count)
    out, start = [], 0
    for i in range(count):
        end = start + base + (1 if i < extra else 0)
        out.append(items[start:end])
        start = end
    return out
