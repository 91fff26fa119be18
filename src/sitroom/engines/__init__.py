"""Engines run the heavy per-document work; stages hand them a function and batches.
`make_engine` picks one by name."""

from __future__ import annotations

from sitroom.engines.base import Engine, batched
from sitroom.engines.local import LocalEngine
from sitroom.errors import SitroomError
from sitroom.settings import Settings

__all__ = ["Engine", "LocalEngine", "batched", "make_engine"]


def make_engine(name: str, *, settings: Settings, scheduler: str | None = None) -> Engine:
    if name == "local":
        return LocalEngine(settings)
    if name == "dask":
        try:
            import dask  # noqa: F401  (optional: the `dask` extra)
            import distributed  # noqa: F401
        except ImportError as exc:
            raise SitroomError("S080", feature="--engine dask", detail=exc.name or "dask", extra="dask") from exc
        from sitroom.engines.dask_cluster import DaskEngine

        return DaskEngine(settings, scheduler=scheduler)
    raise SitroomError("S040", detail=name)
