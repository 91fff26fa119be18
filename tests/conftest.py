"""Shared fixtures: the real seeds and public data (skipped cleanly when ../shared is absent),
one real run over the seeds per session, and fresh real databases."""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SITROOM_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def data_dir() -> Path:
    if not DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return DATA


@pytest.fixture(scope="session")
def seeds_run(seeds_dir, tmp_path_factory):
    """One full, strict run of sitroom over the five seed reports: (situation, output folder)."""
    import sitroom

    out = tmp_path_factory.mktemp("seeds-run")
    sit = sitroom.run([str(seeds_dir)], out, strict=True)
    return sit, out


@pytest.fixture(scope="session")
def sample_run(tmp_path_factory):
    """One full, strict run over the bundled sample corpus."""
    import sitroom

    out = tmp_path_factory.mktemp("sample-run")
    sit = sitroom.run([str(sitroom.sample_corpus())], out, strict=True)
    return sit, out


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "test.db"


@pytest.fixture(scope="session")
def nlp():
    from sitroom.stages.analyze import load_nlp

    return load_nlp()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A fresh, empty database: a file for SQLite, a throw-away database on the PostgreSQL server."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    if not os.environ.get("SITROOM_TEST_PG"):
        pytest.skip("SITROOM_TEST_PG is not set (scripts/test.sh starts a server)")
    import psycopg2

    name = "sitroom_" + uuid.uuid4().hex[:12]
    pg = os.environ["SITROOM_TEST_PG"]
    admin = psycopg2.connect(pg)
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {name}")
    try:
        yield pg.rsplit("/", 1)[0] + "/" + name
    finally:
        admin.cursor().execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.close()
