"""stories: cluster reports into stories that evolve over time."""

from __future__ import annotations

from .contract import Story, make_id
from .pipeline import RunState, stage


@stage("stories", needs=("situation",), provides=("stories",))
def STAGE(state: RunState) -> None:
    """First version: one story holding every document."""
    docs = state.situation.documents
    if not docs:
        return
    dates = sorted(d.published[:10] for d in docs if d.published)
    story = Story(
        id=make_id("s", *sorted(d.id for d in docs)),
        title=next((d.title for d in docs if d.title), ""),
        documents=[d.id for d in docs],
        first_date=dates[0] if dates else None,
        last_date=dates[-1] if dates else None,
    )
    for d in docs:
        d.story = story.id
    state.situation.stories = [story]
