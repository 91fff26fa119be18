"""The reader: every kind of input, and bad input reported with its path and reason."""

from __future__ import annotations

import json

from sitroom.settings import Read
from sitroom.stages.read import read_inputs

REPORT = "Rebels shelled the river port on Monday, the governor said.\n\nTwo people were hurt, police said.\n"


def test_folder_glob_and_single_file(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT)
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.html").write_text("<html><body><p>" + REPORT + "</p></body></html>")
    (sub / "notes.md").write_text("not a report")
    raws, bad = read_inputs([str(tmp_path)], Read())
    assert sorted(r.kind for r in raws) == ["html", "text"] and not bad
    raws, _ = read_inputs([str(tmp_path / "**" / "*.html")], Read())
    assert [r.kind for r in raws] == ["html"]
    raws, _ = read_inputs([str(tmp_path / "a.txt"), str(tmp_path / "a.txt")], Read())
    assert len(raws) == 1  # the same file named twice is read once


def test_jsonl_keeps_ids_and_reports_bad_lines(tmp_path):
    good = {"id": "wire-7", "text": REPORT, "url": "https://example.org/x", "published": "2026-10-12", "source": "Wire"}
    lines = [json.dumps(good), "{not json", json.dumps({"id": "empty"}), json.dumps([1, 2])]
    f = tmp_path / "feed.jsonl"
    f.write_text("\n".join(lines))
    raws, bad = read_inputs([str(f)], Read())
    assert [(r.id, r.published, r.source) for r in raws] == [("wire-7", "2026-10-12", "Wire")]
    assert [b.origin for b in bad] == [f"{f}:2", f"{f}:3", f"{f}:4"]
    assert all(b.code == "S006" for b in bad)


def test_bad_files_are_rejected_with_path_and_reason(tmp_path):
    cases = {
        "empty.txt": b"",
        "blank.txt": b"   \n\n ",
        "image.txt": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
        "doc.txt": b"%PDF-1.7\n%binary",
        "archive.txt": b"PK\x03\x04" + b"\x00" * 30,
        "nul.txt": b"text with a \x00 byte inside",
    }
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    (tmp_path / "good.txt").write_text(REPORT)
    raws, bad = read_inputs([str(tmp_path)], Read())
    assert len(raws) == 1
    reasons = {b.origin.split("/")[-1]: b for b in bad}
    assert set(reasons) == set(cases)
    assert reasons["empty.txt"].code == "S002" and reasons["image.txt"].code == "S003"
    assert "PNG" in reasons["image.txt"].reason and "PDF" in reasons["doc.txt"].reason
    assert all(str(tmp_path) in b.reason for b in bad)


def test_missing_path_and_oversized_file(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(REPORT * 50)
    raws, bad = read_inputs([str(tmp_path / "nope.txt"), str(big)], Read(max_bytes=100))
    assert not raws
    assert [b.code for b in bad] == ["S009", "S004"]


def test_cp1252_text_is_decoded_not_rejected(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("The minister’s office said “no comment” on Ségou.".encode("cp1252"))
    raws, bad = read_inputs([str(f)], Read())
    assert not bad
    assert "“no comment”" in raws[0].text and "Ségou" in raws[0].text


def test_gzip_is_read_and_a_truncated_one_rejected(tmp_path):
    import gzip

    packed = gzip.compress(REPORT.encode())
    (tmp_path / "ok.txt.gz").write_bytes(packed)
    (tmp_path / "cut.txt.gz").write_bytes(packed[: len(packed) // 2])
    raws, bad = read_inputs([str(tmp_path)], Read())
    assert [r.text for r in raws] == [REPORT]
    assert [(b.origin.split("/")[-1], b.code) for b in bad] == [("cut.txt.gz", "S011")]


def test_mojibake_is_repaired(tmp_path):
    f = tmp_path / "moji.txt"
    f.write_text("The minister’s café was closed.".encode("utf-8").decode("cp1252"), encoding="utf-8")
    raws, _ = read_inputs([str(f)], Read())
    assert raws[0].text == "The minister’s café was closed."


def test_a_symlink_loop_does_not_hang_the_scan(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT)
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    raws, bad = read_inputs([str(tmp_path)], Read())
    assert len(raws) == 1
    assert [b.code for b in bad] == ["S001"] and "dangling.txt" in bad[0].origin
