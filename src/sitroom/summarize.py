"""summarize: per story, an extractive summary whose every sentence cites its evidence."""

from __future__ import annotations

from .pipeline import RunState, stage


@stage("summarize", needs=("stories",), provides=("summaries",))
def STAGE(state: RunState) -> None:
    """Fill each story's summary, highlights and timeline."""
    return None
