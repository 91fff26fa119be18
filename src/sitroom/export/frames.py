"""pandas DataFrames of a Situation, one per fact kind, for analysts working in notebooks.

pandas is optional (the `frames` extra): without it `to_frames` raises the coded error S080.
Each frame has one row per fact and the fact's fields as columns (names as in situation.json);
list and nested fields (evidence, documents, aliases...) stay Python objects in their cells.
"""

from __future__ import annotations

from sitroom.contract import Situation
from sitroom.errors import SitroomError

KINDS = ("documents", "entities", "places", "quotes", "claims", "events", "control", "contradictions",
         "stories", "rejected", "times")


def to_frames(sit: Situation) -> dict:
    """{kind: DataFrame} for every fact kind of `sit` (an empty kind gives an empty frame with its columns)."""
    try:
        import pandas as pd
    except ImportError as exc:
        raise SitroomError("S080", feature="to_frames()", detail="pandas", extra="frames") from exc
    frames = {}
    for kind in KINDS:
        model = Situation.model_fields[kind].annotation.__args__[0]
        rows = [item.model_dump() for item in getattr(sit, kind)]
        frames[kind] = pd.DataFrame(rows, columns=list(model.model_fields))
    return frames
