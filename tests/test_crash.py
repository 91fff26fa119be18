"""Crash safety: a run killed with SIGKILL mid-way leaves the previous outputs whole and the
database consistent, and the next run resumes without parsing finished documents again."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from sitroom.contract import Situation
from sitroom.surfaces.bench import make_corpus


def _analyses(db) -> int:
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return con.execute("SELECT count(*) FROM analyses").fetchone()[0]
    except sqlite3.OperationalError:  # killed before the tables existed
        return 0
    finally:
        con.close()


def _run(corpus, out, settings):
    cmd = [sys.executable, "-m", "sitroom.surfaces.cli", "run", str(corpus), "--out", str(out), "--settings", str(settings),
           "--quiet"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


@pytest.mark.slow
def test_kill_mid_run_then_resume(tmp_path):
    settings = tmp_path / "s.toml"
    settings.write_text("[annotate]\nbatch_size = 3\nprocesses = 1\n")
    out = tmp_path / "out"
    first = tmp_path / "first"
    make_corpus(4, first)
    assert _run(first, out, settings).wait(timeout=600) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.suffix != ".db" and "-" not in p.suffix}

    corpus = tmp_path / "corpus"
    make_corpus(30, corpus)
    proc = _run(corpus, out, settings)
    deadline = time.time() + 600
    while time.time() < deadline and proc.poll() is None and _analyses(out / "sitroom.db") < 4 + 6:
        time.sleep(0.2)
    assert proc.poll() is None, "the run finished before it could be killed; make the corpus larger"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    # previous outputs are whole: every file is exactly the earlier run's
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and p.name in before}
    assert after == before
    Situation.model_validate(json.loads(after["situation.json"]))
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    done_before_resume = _analyses(out / "sitroom.db")
    assert done_before_resume >= 10

    # the next run completes and parses only what was not finished
    import sitroom
    from sitroom.pipeline import run_pipeline
    from sitroom.settings import Settings
    from sitroom.stages.cache import AnalysisCache
    from sitroom.store import open_store

    store = open_store(out / "sitroom.db")
    try:
        cache = AnalysisCache(store)
        state = run_pipeline([str(corpus)], Settings.load(settings), cache=cache, strict=True)
    finally:
        store.close()
    documents = len(state.situation.documents)
    assert cache.reused >= done_before_resume - 4  # the first corpus's analyses are not in this one
    assert cache.computed == documents - cache.reused
    assert cache.computed < documents
    sit = sitroom.run([str(corpus)], out, settings=Settings.load(settings), strict=True)
    assert len(sit.documents) == documents
