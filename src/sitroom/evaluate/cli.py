"""`sitroom eval`: resolve each gold argument, get a situation to score, print the table, run the gate.

A gold argument is a gold JSON/JSONL file, a public data folder (timebank, lgl,
ecbplus: scored by the adapter module of that name in this package), or a short
name: `seeds` (the bundled seeds gold) or `timebank`/`lgl`/`ecbplus` (the folder in
../shared/data).
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Optional, Sequence

from sitroom.contract import Situation
from sitroom.evaluate import gate as gate_mod
from sitroom.evaluate.gold import EvalError, Gold, bundled_gold, load_gold
from sitroom.evaluate.report import json_report, markdown, text_table
from sitroom.evaluate.scoring import KindScore
from sitroom.evaluate.situation_score import score_situation
from sitroom.settings import Settings

ADAPTERS = ("timebank", "lgl", "ecbplus", "geovirus", "polnear", "events", "html")  # evaluate/<name>.py each
REPO = Path(__file__).resolve().parents[3]


def shared_dir() -> Path:
    """../shared next to the repository, or $SITROOM_SHARED."""
    env = os.environ.get("SITROOM_SHARED")
    if env:
        return Path(env)
    for cand in (REPO.parent / "shared", Path.cwd().parent / "shared", Path.cwd() / "shared"):
        if cand.is_dir():
            return cand
    return REPO.parent / "shared"


def resolve_target(arg: str | Path) -> tuple[str, Path]:
    """('gold', file) or ('adapter:<name>', folder) for one command-line gold argument."""
    path = Path(arg)
    if path.is_dir():
        name = path.name.lower()
        if name in ADAPTERS:
            return f"adapter:{name}", path
        if (path / "situation.json").exists() or any(path.glob("*.json")):
            raise EvalError("S303", f"{path} is a folder, not a gold file. To fix: pass a gold JSON file, or one of "
                                    f"the data folders {', '.join(ADAPTERS)}.")
        raise EvalError("S303", f"No evaluation adapter for folder {path}. To fix: pass a gold JSON file or one of "
                                f"the data folders {', '.join(ADAPTERS)}.")
    if path.is_file():
        return "gold", path
    name = str(arg).lower()
    if name == "seeds" or (bundled_gold(name).exists() and "/" not in name):
        return "gold", bundled_gold(name)
    if name in ADAPTERS:
        return f"adapter:{name}", shared_dir() / "data" / name
    raise EvalError("S304", f"Gold {arg} does not exist. To fix: pass a gold file, a data folder, or 'seeds'.")


def load_situation(path: Path) -> Situation:
    path = path / "situation.json" if path.is_dir() else path
    try:
        return Situation.model_validate_json(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise EvalError("S305", f"Cannot read situation {path}: {exc}. To fix: pass the situation.json "
                                f"that `sitroom run` wrote.") from exc


def run_sitroom(inputs: Sequence[str]) -> Situation:
    from sitroom.api import run

    return run(list(inputs), None)


def default_inputs(gold: Gold) -> list[str]:
    if not gold.inputs:
        raise EvalError("S302", f"Gold {gold.corpus} names no inputs. To fix: pass --situation or --run INPUT.")
    folder = shared_dir() / gold.inputs
    if not folder.is_dir():
        raise EvalError("S302", f"Inputs of gold {gold.corpus} not found at {folder}. To fix: set SITROOM_SHARED, "
                                f"or pass --situation or --run INPUT.")
    return [str(folder)]


def evaluate_targets(golds: Sequence[str | Path], situation: Optional[Path] = None,
                     run_inputs: Optional[Sequence[str]] = None, show_errors: bool = False,
                     settings: Settings | None = None) -> tuple[list[KindScore], list[str]]:
    """Every score for the given golds, and notes (adapters missing, inputs used)."""
    settings = settings or Settings()
    scores: list[KindScore] = []
    notes: list[str] = []
    runs: dict[tuple[str, ...], Situation] = {}
    given = load_situation(Path(situation)) if situation else None
    for arg in golds:
        kind, path = resolve_target(arg)
        if kind.startswith("adapter:"):
            scores += _run_adapter(kind.split(":", 1)[1], path, show_errors, notes)
            continue
        gold = load_gold(path)
        if given is not None:
            sit = given
        else:
            inputs = tuple(run_inputs) if run_inputs else tuple(default_inputs(gold))
            if inputs not in runs:
                runs[inputs] = run_sitroom(inputs)
            sit = runs[inputs]
        scores += score_situation(gold, sit, show_errors, settings.evaluate)
    return scores, notes


def _run_adapter(name: str, folder: Path, show_errors: bool, notes: list[str]) -> list[KindScore]:
    if not folder.is_dir():
        notes.append(f"{name}: data folder {folder} not found; skipped")
        return []
    try:
        module = importlib.import_module(f"{__package__}.{name}")
    except ModuleNotFoundError as exc:
        if exc.name != f"{__package__}.{name}":
            raise
        notes.append(f"{name}: adapter missing (sitroom.evaluate.{name}); skipped")
        return []
    return list(module.evaluate(folder, show_errors=show_errors))


def main(gold: Sequence[str | Path], situation: Optional[Path] = None, run_inputs: Optional[Sequence[str]] = None,
         show_errors: bool = False, json_out: bool = False, gate: bool = False, *, update_floors: bool = False,
         allow_lower: bool = False, markdown_out: Optional[Path] = None, floors: Optional[Path] = None,
         settings: Settings | None = None) -> int:
    """Print the scores; with `gate`, return 1 when a score is below its floor. Returns the exit code."""
    settings = settings or Settings()
    floors_path = Path(floors) if floors else gate_mod.FLOORS
    scores, notes = evaluate_targets(gold, situation, run_inputs, show_errors, settings)
    gate_result = None
    if gate:
        gate_result = gate_mod.check(scores, gate_mod.load_floors(floors_path), settings.evaluate.floor_epsilon)
    if markdown_out:  # before the floor changes: those are news for this run, not part of the table
        args = " ".join(str(g) for g in gold)
        Path(markdown_out).write_text(
            markdown(scores, f"python -m sitroom.evaluate {args} --markdown {markdown_out}", notes), encoding="utf-8")
    if update_floors:
        for change in gate_mod.update_floors(scores, floors_path, settings.evaluate, allow_lower):
            notes.append(f"floor {change}")
    if json_out:
        gate_doc = None
        if gate_result is not None:
            gate_doc = {"ok": gate_result.ok, "failures": gate_result.failures, "unchecked": gate_result.unchecked}
        print(json_report(scores, show_errors, gate_doc, notes))
    else:
        print(text_table(scores, show_errors, notes))
        if gate_result is not None:
            for f in gate_result.failures:
                print(f"GATE FAIL {f}", file=sys.stderr)
            print(f"gate: {'ok' if gate_result.ok else 'FAILED'} ({len(gate_result.passed)} floors held, "
                  f"{len(gate_result.failures)} broken, {len(gate_result.unchecked)} not evaluated here)",
                  file=sys.stderr)
    return 1 if gate_result is not None and not gate_result.ok else 0
