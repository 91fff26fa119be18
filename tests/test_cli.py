"""The command line: thin over the library, coded exit statuses, every command documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

from typer.testing import CliRunner

from sitroom.surfaces.cli import app

runner = CliRunner()
README = Path(__file__).resolve().parents[1] / "README.md"


def test_schema_prints_the_contract():
    res = runner.invoke(app, ["schema"])
    assert res.exit_code == 0
    schema = json.loads(res.stdout)
    for key in ("documents", "entities", "places", "quotes", "claims", "events", "control", "contradictions",
                "stories", "rejected"):
        assert key in schema["properties"]


def test_run_with_a_bad_input_exits_1_and_lists_it(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "ok.txt").write_text(
        "Flood waters cut the northern highway on Tuesday, the roads agency said.\n\n"
        "\"We have never seen the river this high,\" said Mayor Ana Costa, who ordered schools closed.\n"
    )
    (tmp_path / "in" / "junk.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    res = runner.invoke(app, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--json"])
    assert res.exit_code == 1
    sit = json.loads((tmp_path / "out" / "situation.json").read_text())
    assert [d["id"] for d in sit["documents"]] == ["ok"]
    assert sit["rejected"][0]["origin"].endswith("junk.txt")


def test_usage_error_exits_2(tmp_path):
    res = runner.invoke(app, ["run", str(tmp_path)])  # --out missing
    assert res.exit_code == 2


def test_extract_reads_stdin_and_prints_json():
    text = 'Governor Helena Tembe said on Monday: "The road to the coast will reopen within days."'
    res = runner.invoke(app, ["extract", "-", "--published", "2026-10-13", "--what", "entities,quotes"], input=text)
    assert res.exit_code == 0
    out = json.loads(res.stdout)
    assert set(out) >= {"entities", "quotes"} and "claims" not in out
    assert any(e["text"] == "Helena Tembe" for e in out["entities"])


def test_every_command_is_documented_in_the_readme():
    readme = README.read_text()
    names = {c.name or c.callback.__name__ for c in app.registered_commands}
    missing = [n for n in names if not re.search(rf"`sitroom {re.escape(n)}\b", readme)]
    assert not missing, f"commands missing from README: {missing}"


def test_demo_writes_the_sample_picture_then_serves_it(tmp_path, monkeypatch):
    """`sitroom demo`: the bundled sample is processed, then the web room starts on that output
    (uvicorn's start, the edge to the outside world, is replaced; the app is real)."""
    import uvicorn
    from fastapi.testclient import TestClient

    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app_, **kw: started.append((app_, kw)))
    out = tmp_path / "demo"
    res = runner.invoke(app, ["demo", "--out", str(out), "--quiet", "--port", "8799"])
    assert res.exit_code == 0, res.output
    assert (out / "situation.json").is_file() and (out / "report.html").is_file()
    (web_app, kw), = started
    assert kw["host"] == "127.0.0.1" and kw["port"] == 8799
    documents = TestClient(web_app, base_url="http://127.0.0.1:8799").get("/api/documents").json()  # Host checked
    assert documents["total"] == len(json.loads((out / "situation.json").read_text())["documents"]) > 0


def test_demo_no_serve_only_writes(tmp_path, monkeypatch):
    import uvicorn

    monkeypatch.setattr(uvicorn, "run", lambda *a, **kw: (_ for _ in ()).throw(AssertionError("served")))
    res = runner.invoke(app, ["demo", "--out", str(tmp_path / "d"), "--quiet", "--no-serve"])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "d" / "report.md").is_file()
