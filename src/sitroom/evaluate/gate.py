"""The regression gate: floors recorded in floors.json that a change may not silently lower.

Modelled on trafilatura's evaluation gate: a score more than `epsilon` below its floor
fails; `update_floors` only ever raises floors (to today's score minus a margin)
unless lowering is asked for explicitly, so a regression cannot be waved through by
re-recording the floors.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from sitroom.evaluate.scoring import KindScore
from sitroom.settings import Evaluate

FLOORS = Path(__file__).with_name("floors.json")


@dataclass
class GateResult:
    failures: list[str] = field(default_factory=list)
    passed: list[str] = field(default_factory=list)
    unchecked: list[str] = field(default_factory=list)  # floors whose corpus was not evaluated in this run

    @property
    def ok(self) -> bool:
        return not self.failures


def load_floors(path: Path = FLOORS) -> dict[str, float]:
    if not path.exists():
        return {}
    return {k: float(v) for k, v in json.loads(path.read_text(encoding="utf-8")).get("floors", {}).items()}


def check(scores: list[KindScore], floors: dict[str, float], epsilon: float) -> GateResult:
    res = GateResult()
    current = {s.key: s.score for s in scores}
    for key, floor in sorted(floors.items()):
        if key not in current:
            res.unchecked.append(key)
        elif current[key] < floor - epsilon:
            res.failures.append(f"{key}: {current[key]:.4f} is below its floor {floor:.4f}")
        else:
            res.passed.append(f"{key}: {current[key]:.4f} >= {floor:.4f}")
    return res


def update_floors(scores: list[KindScore], path: Path = FLOORS, cfg: Evaluate | None = None,
                  allow_lower: bool = False) -> list[str]:
    """Record floors a little below today's scores; returns the changes. Lowers only with `allow_lower`."""
    cfg = cfg or Evaluate()
    floors = load_floors(path)
    changes = []
    for s in scores:
        if "/trafilatura/" in s.key:
            continue  # a baseline's score is reported beside ours, never gated: it is not our code
        new = max(0.0, round(s.score - cfg.floor_margin, 3))
        old = floors.get(s.key)
        if old is None or new > old or (allow_lower and new < old):
            changes.append(f"{s.key}: {old if old is not None else '-'} -> {new}")
            floors[s.key] = new
        elif new < old:
            changes.append(f"{s.key}: kept {old} (today {s.score:.4f}; lowering needs --allow-lower)")
    doc = {
        "about": "Scores `sitroom eval --gate` may not fall below (minus epsilon). Raised by "
                 "`python -m sitroom.evaluate seeds --update-floors`; lowered only with --allow-lower.",
        "floors": dict(sorted(floors.items())),
    }
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return changes
