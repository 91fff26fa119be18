"""A short, bounded load on a real `sitroom serve` over the seeds: concurrent clients, zero errors.
(Throughput and latency are measured by benchmarks/load_serve.py, not asserted here.)"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "load_serve.py"


@pytest.mark.slow
def test_concurrent_clients_get_no_errors(seeds_run):
    spec = importlib.util.spec_from_file_location("load_serve", SCRIPT)
    load_serve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load_serve)
    _, out = seeds_run
    result = load_serve.run(out, clients=10, seconds=4)
    assert result["requests"] > 10
    assert result["errors"] == 0, result["first_errors"]
