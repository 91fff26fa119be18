"""CI gate for time expressions: the TimeBank adapter on its fixed held-out part (one file in three
by a hash of its name, never studied while tuning) keeps its scores above the floors recorded in
evaluate/floors.json (`sitroom eval timebank --update-floors`)."""

from __future__ import annotations

import pytest

from sitroom.evaluate import gate
from sitroom.evaluate.cli import shared_dir
from sitroom.evaluate.timebank import evaluate, part_of
from sitroom.settings import Settings


def test_timebank_held_out_part_holds_its_floors():
    root = shared_dir() / "data" / "timebank"
    files = sorted(f for f in root.rglob("*.tml") if part_of(f.name) == "heldout") if root.is_dir() else []
    if not files:
        pytest.skip("TimeBank is not present")
    floors = {k: v for k, v in gate.load_floors().items() if k.endswith("(held-out)") and k.startswith("timebank/")}
    assert "timebank/timex-value/value-F1 (held-out)" in floors
    scores = [s for s in evaluate(root, files=files) if s.metric.endswith("(held-out)")]
    result = gate.check(scores, floors, Settings().evaluate.floor_epsilon)
    assert result.ok, result.failures
    assert not result.unchecked
