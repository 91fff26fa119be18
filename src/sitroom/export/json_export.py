"""situation.json: validated against the contract before it is written."""

from __future__ import annotations

from sitroom.contract import Situation


def render(situation: Situation) -> str:
    # Re-validate the dumped data: a fact that breaks the contract fails here, before anything is written.
    data = situation.model_dump(mode="json", by_alias=True)
    Situation.model_validate(data)
    return situation.to_json() + "\n"
