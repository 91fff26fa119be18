"""A folder mixing the real seed reports with twenty kinds of bad input: every good report is
processed, every bad one is listed with its path and reason, and the run completes (exit 1)."""

from __future__ import annotations

import gzip
import json
import os
import shutil

import pytest
from typer.testing import CliRunner

from sitroom.surfaces.cli import app

GOOD_SENTENCE = "Flood waters cut the coastal road on Tuesday, the roads agency said in a statement."


def bad_inputs(folder):
    """name -> bytes; each is a way real scrapes and feeds go wrong."""
    packed = gzip.compress(("Headline\n\n" + GOOD_SENTENCE + "\n") .encode())
    nested = "<html><body>" + "<div>" * 30000 + "<p>deep</p>" + "</div>" * 30000 + "</body></html>"
    return {
        "empty.txt": b"",
        "whitespace.txt": b" \n\t\n  \r\n",
        "image.txt": b"\x89PNG\r\n\x1a\n" + os.urandom(256),
        "scan.html": b"%PDF-1.4\n" + os.urandom(256),
        "bundle.txt": b"PK\x03\x04" + os.urandom(128),
        "photo.htm": b"\xff\xd8\xff\xe0" + os.urandom(128),
        "anim.txt": b"GIF89a" + os.urandom(64),
        "nul.txt": b"Some words\x00\x00\x00 and then binary" + os.urandom(64),
        "cut.txt.gz": packed[: len(packed) // 2],
        "random.txt": os.urandom(4096),
        "nested.html": nested.encode(),
        "only-nav.html": b"<html><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>",
        "furniture.txt": b"Skip to main content\n\nLeave a Reply\n\nConnecting to %s\n",
        "bad-lines.jsonl": b"{broken\n[1, 2, 3]\n{\"id\": \"no-text\"}\n",
        "french.txt": (
            "Inondations sur la route c\xf4ti\xe8re\n\n"
            "Les eaux ont coup\xe9 la route c\xf4ti\xe8re mardi, a indiqu\xe9 l'agence des routes dans un communiqu\xe9. "
            "Des centaines de familles ont quitt\xe9 leurs maisons pendant la nuit et les secours continuent "
            "de chercher des personnes disparues dans les villages situ\xe9s pr\xe8s du fleuve.\n"
        ).encode("latin-1").decode("latin-1").encode("utf-8"),
        "huge.html": b"<html><body>" + b"<p>" + b"filler words " * 200 + b"</p>" * 1 + b"x" * 2_100_000 + b"</body></html>",
    }


@pytest.fixture(scope="module")
def mixed_run(seeds_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("mixed")
    for f in sorted(seeds_dir.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    for name, data in bad_inputs(folder).items():
        (folder / name).write_bytes(data)
    (folder / "loop").symlink_to(folder, target_is_directory=True)  # a symlink loop
    (folder / "gone.txt").symlink_to(folder / "never-existed.txt")  # a dangling link
    settings = folder.parent / "small.toml"
    settings.write_text("[read]\nmax_bytes = 2000000\n")  # so the 2 MB page counts as oversized
    out = folder.parent / "out"
    res = CliRunner().invoke(app, ["run", str(folder), "--out", str(out), "--settings", str(settings), "--quiet"])
    return res, json.loads((out / "situation.json").read_text()), folder


def test_every_seed_is_processed(mixed_run, seeds_dir):
    res, sit, _ = mixed_run
    assert res.exit_code == 1
    assert sorted(d["id"] for d in sit["documents"]) == sorted(f.stem for f in seeds_dir.glob("*.txt"))


def test_every_bad_input_is_listed_with_path_and_reason(mixed_run):
    _, sit, folder = mixed_run
    rejected = {r["origin"].replace(str(folder) + "/", "").split(":")[0]: r for r in sit["rejected"]}
    expected = set(bad_inputs(folder)) | {"gone.txt"}
    assert expected <= set(rejected), f"not listed: {expected - set(rejected)}"
    for name in expected:
        r = rejected[name]
        assert r["reason"].startswith("[S0") and name in r["reason"] or name in r["origin"]
    assert rejected["french.txt"]["code"] == "S012"
    assert rejected["huge.html"]["code"] == "S004"
    assert rejected["cut.txt.gz"]["code"] == "S011"
    assert not any(r["origin"].startswith("stage:") for r in sit["rejected"]), "a whole stage failed"


def test_nothing_from_bad_inputs_leaks_into_documents(mixed_run):
    _, sit, _ = mixed_run
    for d in sit["documents"]:
        assert "\x00" not in d["text"] and "<div>" not in d["text"]
