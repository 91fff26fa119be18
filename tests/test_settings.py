"""Settings files: every mistake is a coded error naming it, and every section reaches its stage
(the exporters, watch and serve included)."""

from __future__ import annotations

import dataclasses
import inspect
import json
import re

import pytest
from typer.testing import CliRunner

from sitroom.api import write_outputs
from sitroom.errors import SitroomError
from sitroom.export import export_all
from sitroom.settings import Export, Settings
from sitroom.surfaces.cli import app
from situation_factory import make_situation

runner = CliRunner()


def _toml(tmp_path, text: str, name: str = "my.toml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def _error(path) -> SitroomError:
    with pytest.raises(SitroomError) as info:
        Settings.load(path)
    assert info.value.code == "S060"
    assert str(info.value).startswith("[S060] ") and "To fix:" in str(info.value)
    return info.value


def _bbox(page: str) -> list[float]:
    body = re.search(r'<script[^>]*id="sitroom-data"[^>]*>(.*?)</script>', page, re.DOTALL).group(1)
    return json.loads(body)["bbox"]


# --------------------------------------------------------------------------- loading


def test_a_misspelt_setting_is_named_with_the_nearest_one(tmp_path):
    msg = str(_error(_toml(tmp_path, "[stories]\nmax_gap_day = 3\n")))
    assert "'stories.max_gap_day'" in msg and "my.toml" in msg
    assert "did you mean 'max_gap_days'?" in msg


def test_an_unknown_section_is_named_with_the_nearest_one(tmp_path):
    msg = str(_error(_toml(tmp_path, "[storys]\nmax_gap_days = 3\n")))
    assert "unknown section [storys]" in msg and "did you mean [stories]?" in msg
    msg = str(_error(_toml(tmp_path, "[xyzzy]\n")))
    assert "[xyzzy]" in msg and "[stories]" in msg  # no near name: the list of sections


def test_a_setting_outside_its_section_is_pointed_to_it(tmp_path):
    msg = str(_error(_toml(tmp_path, "max_gap_days = 3\n")))
    assert "'max_gap_days'" in msg and "[stories]" in msg


@pytest.mark.parametrize("line, expected", [
    ('[stories]\nmax_gap_days = "7"', "must be an integer, not the string \"7\""),
    ("[stories]\nmax_gap_days = 7.5", "must be an integer, not the number 7.5"),
    ("[stories]\nsimilarity = true", "must be a number, not the boolean true"),
    ("[language]\nskip_other_languages = 1", "must be true or false, not the integer 1"),
    ('[language]\naccept = "en"', "must be a list of strings"),
    ('[language]\naccept = ["en", 3]', "must be a list of strings"),
    ("[geo]\nuser_gazetteer = 3", "must be a string"),
    ("[stories]\nsimilarity = {x = 1}", "must be a number, not the table"),
])
def test_a_value_of_the_wrong_type_is_named_with_its_type(tmp_path, line, expected):
    msg = str(_error(_toml(tmp_path, line + "\n")))
    assert expected in msg
    key = line.split("\n")[1].split(" =")[0]
    assert f"'{line[1:line.index(']')]}.{key}'" in msg  # section.key
    assert "(the default)" in msg or key == "user_gazetteer"


def test_unreadable_or_invalid_files_are_coded_errors(tmp_path):
    assert "cannot read" in str(_error(tmp_path / "missing.toml"))
    assert "not valid TOML" in str(_error(_toml(tmp_path, "[stories\n")))
    assert "line 1" in str(_error(_toml(tmp_path, "[stories\n")))
    bad = tmp_path / "latin1.toml"
    bad.write_bytes(b"[stories]\n# caf\xe9\n")
    assert "UTF-8" in str(_error(bad))


def test_values_are_stored_as_the_fields_types(tmp_path):
    s = Settings.load(_toml(tmp_path, '[export]\nmap_min_margin_deg = 10\n[read]\nextensions = [".txt"]\n'))
    assert s.export.map_min_margin_deg == 10.0 and isinstance(s.export.map_min_margin_deg, float)
    assert s.read.extensions == (".txt",)
    hash(s)  # frozen and hashable: lists became tuples
    assert Settings.load(_toml(tmp_path, '[geo]\nuser_gazetteer = "mine.csv"\n')).geo.user_gazetteer == "mine.csv"


def _as_toml(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(_as_toml(v) for v in value) + "]"
    return repr(value)


def test_a_file_restating_every_default_is_the_defaults(tmp_path):
    """Same values, same settings, same repr: the run digest (and so the cache) does not change."""
    lines = []
    for section in dataclasses.fields(Settings):
        lines.append(f"[{section.name}]")
        for f in dataclasses.fields(getattr(Settings(), section.name)):
            value = getattr(getattr(Settings(), section.name), f.name)
            if value is not None:
                lines.append(f"{f.name} = {_as_toml(value)}")
    loaded = Settings.load(_toml(tmp_path, "\n".join(lines) + "\n"))
    assert loaded == Settings() and repr(loaded) == repr(Settings())
    # whole numbers written for float settings read back as the same floats
    assert repr(Settings.load(_toml(tmp_path, "[export]\nmap_focus_km = 1000\n"))) == repr(Settings())


# --------------------------------------------------------------------------- [export] reaches the report


def test_an_export_override_changes_the_html_report(tmp_path):
    sit = make_situation()
    default = _bbox(export_all(sit, tmp_path / "default", only={"html"})[0].read_text())
    settings = Settings.load(_toml(tmp_path, "[export]\nmap_min_margin_deg = 10.0\n"))
    assert settings.export == dataclasses.replace(Export(), map_min_margin_deg=10.0)
    write_outputs(sit, tmp_path / "wide", None, settings)
    wide = _bbox((tmp_path / "wide" / "report.html").read_text())
    assert default and wide
    assert wide[2] - wide[0] > default[2] - default[0] and wide[3] - wide[1] > default[3] - default[1]
    # the other files have no knobs: they are as with the defaults
    write_outputs(sit, tmp_path / "plain", None)
    for name in ("situation.json", "report.md", "events.csv", "events.geojson"):
        assert (tmp_path / "wide" / name).read_bytes() == (tmp_path / "plain" / name).read_bytes()


@pytest.mark.slow
def test_run_passes_its_settings_to_the_exporters(tmp_path, seeds_dir):
    import sitroom

    out = tmp_path / "out"
    sitroom.run([str(seeds_dir)], out, strict=True)
    default = _bbox((out / "report.html").read_text())
    # the same inputs and folder: only the settings changed, so the outputs are written anew
    sitroom.run([str(seeds_dir)], out, settings=Settings.load(_toml(tmp_path, "[export]\nmap_min_margin_deg = 10.0\n")),
                strict=True)
    wide = _bbox((out / "report.html").read_text())
    assert wide[2] - wide[0] > default[2] - default[0]


# --------------------------------------------------------------------------- the commands


@pytest.mark.parametrize("command", ["run", "clean", "extract"])
def test_a_bad_settings_file_is_a_usage_error(tmp_path, command):
    doc = tmp_path / "doc.txt"
    doc.write_text("Flood waters cut the northern highway on Tuesday, the roads agency said.\n")
    args = {"run": ["run", str(doc), "--out", str(tmp_path / "out")], "clean": ["clean", str(doc)],
            "extract": ["extract", str(doc)]}[command]
    res = runner.invoke(app, [*args, "--settings", str(_toml(tmp_path, "[stories]\nmax_gap_day = 3\n"))])
    assert res.exit_code == 2
    assert "[S060]" in res.output and "did you mean 'max_gap_days'?" in res.output
    assert not (tmp_path / "out").exists()  # refused before anything ran


def test_watch_accepts_settings_and_passes_them_to_each_run(tmp_path, monkeypatch):
    from sitroom import api

    seen = []

    def fake_run(inputs, out, *, settings=None, **kw):
        seen.append(settings)
        return make_situation().model_copy(update={"rejected": []})

    monkeypatch.setattr(api, "run", fake_run)
    folder = tmp_path / "in"
    folder.mkdir()
    toml = _toml(tmp_path, "[stories]\nmax_gap_days = 3\n")
    res = runner.invoke(app, ["watch", str(folder), "--out", str(tmp_path / "out"), "--once", "--settings", str(toml)])
    assert res.exit_code == 0, res.output
    assert [s.stories.max_gap_days for s in seen] == [3]

    res = runner.invoke(app, ["watch", str(folder), "--out", str(tmp_path / "out"), "--once", "--settings",
                              str(_toml(tmp_path, "[stories]\nmax_gap_days = 'x'\n", "bad.toml"))])
    assert res.exit_code == 2 and "[S060]" in res.output and len(seen) == 1


def test_serve_accepts_settings(tmp_path, monkeypatch):
    from sitroom.surfaces import web

    assert "--settings" in runner.invoke(app, ["serve", "--help"]).output
    calls = []
    monkeypatch.setattr(web, "serve", lambda target, **kw: calls.append((target, kw)) or 0)
    toml = _toml(tmp_path, "[serve]\nmax_page_size = 50\n")
    res = runner.invoke(app, ["serve", str(tmp_path), "--port", "9999", "--settings", str(toml)])
    assert res.exit_code == 0, res.output
    (_target, kw), = calls
    assert kw["port"] == 9999 and kw["settings"].serve.max_page_size == 50

    res = runner.invoke(app, ["serve", str(tmp_path), "--settings", str(_toml(tmp_path, "[serv]\n", "bad.toml"))])
    assert res.exit_code == 2 and "did you mean [serve]?" in res.output and len(calls) == 1


def test_serve_hands_its_settings_to_the_web_room(tmp_path, monkeypatch):
    """Through the real `web.serve`, only uvicorn's start replaced."""
    import uvicorn

    from sitroom.store import open_store
    from sitroom.surfaces import web

    if "settings" not in inspect.signature(web.serve).parameters:
        pytest.skip("web.serve() does not take settings yet")
    store = open_store(tmp_path / "sitroom.db")
    store.save(make_situation(), replace=True)
    store.close()
    started = []
    monkeypatch.setattr(uvicorn, "run", lambda app_, **kw: started.append((app_, kw)))
    toml = _toml(tmp_path, "[serve]\nmax_page_size = 50\n")
    res = runner.invoke(app, ["serve", str(tmp_path / "sitroom.db"), "--settings", str(toml)])
    assert res.exit_code == 0, res.output
    (web_app, kw), = started
    assert kw["host"] == "127.0.0.1" and web_app is not None
