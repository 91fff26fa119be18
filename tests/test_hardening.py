"""Hardening (issue 20): inputs that are not files, text built to hurt, paths that are not plain, two runs at
once, a web room on a shared machine. Each bad input is built in a temporary folder; every test checks that the
good reports are processed, the bad one is listed with its reason, nothing already written is lost, and the
run ends in bounded time."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sitroom.settings import Read
from sitroom.stages.read import entries, read_bounded, read_entry, read_inputs
from sitroom.surfaces.cli import app, safe

REPORT = ("Flood waters cut the coastal road on Tuesday, the roads agency said in a statement.\n\n"
          "Two bridges were closed and about 300 families left their homes, the district governor said.\n")


def _in_thread(fn, seconds: float = 20.0):
    """fn() in a thread; fails the test (instead of hanging it) when it does not return in time."""
    box: dict = {}
    t = threading.Thread(target=lambda: box.setdefault("v", fn()), daemon=True)
    t.start()
    t.join(seconds)
    assert not t.is_alive(), f"did not return within {seconds}s"
    return box["v"]


# --------------------------------------------------------------------------- entries that are not files


@pytest.fixture()
def hostile_folder(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT)
    (folder / "self.txt").symlink_to(folder / "self.txt")  # a link to itself: ELOOP
    (folder / "ping.txt").symlink_to(folder / "pong.txt")  # two links pointing at each other
    (folder / "pong.txt").symlink_to(folder / "ping.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")  # an endless character device
    (folder / "null.html").symlink_to("/dev/null")
    os.mkfifo(folder / "pipe.txt")  # a FIFO nobody writes to: opening it would block forever
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(folder / "sock.txt"))
    (folder / "dir.txt").mkdir()  # a folder named like a report
    (folder / "dir.txt" / "inner.txt").write_text(REPORT.replace("coastal", "northern"))
    yield folder
    sock.close()


def test_entries_that_are_not_files_are_each_one_rejection(hostile_folder):
    raws, bad = _in_thread(lambda: read_inputs([str(hostile_folder)], Read()))
    assert sorted(r.id for r in raws) == ["dir.txt/inner", "good"]
    reasons = {Path(b.origin).name: b for b in bad}
    assert set(reasons) == {"self.txt", "ping.txt", "pong.txt", "zero.txt", "null.html", "pipe.txt", "sock.txt"}
    for name in ("self.txt", "ping.txt", "pong.txt"):
        assert reasons[name].code == "S001" and "symbolic links" in reasons[name].reason
    assert reasons["zero.txt"].code == "S014" and "character device" in reasons["zero.txt"].reason
    assert reasons["pipe.txt"].code == "S014" and "FIFO" in reasons["pipe.txt"].reason
    assert reasons["sock.txt"].code == "S014" and "socket" in reasons["sock.txt"].reason


def test_a_link_loop_or_device_named_directly_is_rejected_not_raised(hostile_folder):
    names = ["self.txt", "zero.txt", "pipe.txt", "good.txt", "nope.txt"]
    raws, bad = _in_thread(lambda: read_inputs([str(hostile_folder / n) for n in names], Read()))
    assert [r.id for r in raws] == ["good"]
    assert [b.code for b in bad] == ["S001", "S014", "S014", "S009"]
    assert next(iter(entries(["/dev/zero"], Read()))).path == Path("/dev/zero")
    raws, bad = read_inputs(["/dev/zero"], Read())
    assert not raws and bad[0].code == "S014"


class _Endless(io.RawIOBase):
    """An endless stdin (like `yes | sitroom run -`): it only ever gives more bytes."""

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        b[:] = b"y\n" * (len(b) // 2) + b"y" * (len(b) % 2)
        return len(b)


def test_stdin_and_reads_are_bounded_whatever_stat_says(tmp_path):
    from sitroom.stages.read import Entry

    raws, bad = _in_thread(lambda: read_entry(Entry("-", None), Read(max_bytes=100_000),
                                              stdin=io.BufferedReader(_Endless())))
    assert not raws and bad[0].code == "S004" and "<stdin>" in bad[0].reason
    assert len(read_bounded(io.BytesIO(b"x" * 5000), 1000)) == 1001  # one byte over tells "too big"
    # /proc files claim size 0 in stat, yet hold text: the bounded read is what decides
    raws, bad = read_entry(Entry("/proc/self/status", Path("/proc/self/status"), Path("/proc/self")), Read())
    assert raws and not bad


def test_cli_on_endless_stdin_ends_with_a_rejection(tmp_path):
    settings = tmp_path / "s.toml"
    settings.write_text("[read]\nmax_bytes = 200000\n")
    proc = subprocess.run(f"yes | {sys.executable} -m sitroom.surfaces.cli run - --out {tmp_path / 'o'} "
                          f"--settings {settings} --quiet", shell=True, capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 3 and "[S004]" in proc.stderr and "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- a run that reads nothing


def test_a_run_whose_inputs_all_fail_keeps_the_earlier_outputs(tmp_path, hostile_folder):
    good, out = tmp_path / "good", tmp_path / "out"
    good.mkdir()
    (good / "road.txt").write_text(REPORT)
    runner = CliRunner()
    assert runner.invoke(app, ["run", str(good), "--out", str(out), "--quiet"]).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith("sitroom.db-")}
    bad_only = tmp_path / "bad"
    bad_only.mkdir()
    (bad_only / "empty.txt").write_bytes(b"")
    (bad_only / "zero.txt").symlink_to("/dev/zero")
    (bad_only / "loop.txt").symlink_to(bad_only / "loop.txt")
    res = _in_thread(lambda: runner.invoke(app, ["run", str(bad_only), "--out", str(out)]))
    assert res.exit_code == 3, res.output
    assert "[S070]" in res.output and res.output.count("rejected ") >= 3 and "Traceback" not in res.output
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.name in before}
    assert after == before  # situation.json, reports, csv and the database: all the earlier run's
    assert json.loads((out / "situation.json").read_text())["documents"][0]["id"] == "road"


def test_a_fresh_run_that_reads_nothing_writes_the_rejections_and_says_so(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    res = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet"])
    assert res.exit_code == 3
    sit = json.loads((tmp_path / "out" / "situation.json").read_text())
    assert not sit["documents"] and sit["rejected"][0]["code"] == "S002"


# --------------------------------------------------------------------------- document ids


def test_ids_are_unique_stable_and_relative_to_the_input_root(tmp_path):
    root = tmp_path / "feed"
    for sub in ("a", "b"):
        (root / sub).mkdir(parents=True)
        (root / sub / "report.txt").write_text(REPORT.replace("coastal", f"{sub}-side"))
    (root / "report.txt").write_text(REPORT.replace("coastal", "top"))
    (root / "report.html").write_text("<html><body><p>" + REPORT.replace("coastal", "html") + "</p></body></html>")
    jsonl = tmp_path / "wire.jsonl"
    jsonl.write_text("\n".join(json.dumps({"id": "w1", "text": REPORT + str(i)}) for i in range(2)))
    other = tmp_path / "other"
    other.mkdir()
    (other / "report.txt").write_text(REPORT.replace("coastal", "other"))

    def ids():
        raws, bad = read_inputs([str(root), str(jsonl), str(other)], Read())
        assert not bad
        return {r.origin.replace(str(tmp_path) + "/", ""): r.id for r in raws}

    first = ids()
    assert first["feed/a/report.txt"] == "a/report" and first["feed/b/report.txt"] == "b/report"
    assert len(set(first.values())) == len(first) == 7  # unique
    assert first["feed/report.html"] == "report"  # the first of a repeated id keeps it plain
    assert first["feed/report.txt"].startswith("report~") and first["other/report.txt"].startswith("report~")
    assert first["wire.jsonl:1"] == "w1" and first["wire.jsonl:2"].startswith("w1~")
    assert ids() == first  # stable across runs


def test_situation_cites_each_document_unambiguously(tmp_path):
    for sub in ("a", "b"):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "report.txt").write_text(REPORT.replace("coastal", f"{sub}-side"))
    res = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet"])
    assert res.exit_code == 0, res.output
    sit = json.loads((tmp_path / "out" / "situation.json").read_text())
    assert sorted(d["id"] for d in sit["documents"]) == ["a/report", "b/report"]


# --------------------------------------------------------------------------- decoding


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_encodings_with_and_without_bom(tmp_path, encoding):
    text = "The minister’s café in Ségou stayed open, “for now”, officials said on Monday.\n"
    (tmp_path / "r.txt").write_bytes(text.encode(encoding))
    raws, bad = read_inputs([str(tmp_path / "r.txt")], Read())
    assert not bad, bad
    assert raws[0].text.strip() == text.strip()


def test_latin1_cp1252_and_mixed_files_decode_right(tmp_path):
    (tmp_path / "latin1.txt").write_bytes("Café owners in Ségou met the préfet on Monday.".encode("latin-1"))
    (tmp_path / "cp1252.txt").write_bytes("The envoy’s “ceasefire” began – briefly – at dawn. Café".encode("cp1252"))
    (tmp_path / "short.txt").write_bytes("Café".encode("latin-1"))  # was read as UTF-16: two CJK characters
    (tmp_path / "naive.txt").write_bytes("The naïve café owner’s “ceasefire” – dawn.".encode("cp1252"))  # was cp1250
    (tmp_path / "mixed.txt").write_bytes("Utf-8 part: São Tomé.\n".encode() + "Legacy part: Café.\n".encode("cp1252"))
    (tmp_path / "cyrillic.txt").write_bytes(("Министр обороны заявил в понедельник, что войска отошли от города. " * 4)
                                            .encode("cp1251"))
    raws, bad = read_inputs([str(tmp_path)], Read())
    text = {r.id: r.text for r in raws}
    assert not bad
    assert text["latin1"] == "Café owners in Ségou met the préfet on Monday."
    assert text["cp1252"] == "The envoy’s “ceasefire” began – briefly – at dawn. Café"
    assert text["short"] == "Café" and text["naive"] == "The naïve café owner’s “ceasefire” – dawn."
    assert "São Tomé" in text["mixed"] and "Legacy part: Café." in text["mixed"]
    assert "Министр обороны" in text["cyrillic"]


def test_nul_bytes_are_handled_the_same_anywhere(tmp_path):
    (tmp_path / "early.txt").write_bytes(b"Some words\x00" + REPORT.encode() * 400)
    (tmp_path / "late.txt").write_bytes(REPORT.encode() * 400 + b"\x00 trailing")
    raws, bad = read_inputs([str(tmp_path)], Read())
    assert not raws and {(Path(b.origin).name, b.code) for b in bad} == {("early.txt", "S003"), ("late.txt", "S003")}


# --------------------------------------------------------------------------- paths in store URLs


@pytest.mark.parametrize("name", ["x?1", "o#x", "o%41x", "sp ace", "é;'\"&"])
def test_output_folders_with_url_characters(tmp_path, name):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "road.txt").write_text(REPORT)
    work = tmp_path / "work"
    work.mkdir()
    out = work / name
    res = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--out", str(out), "--quiet"])
    assert res.exit_code == 0, res.output
    assert (out / "sitroom.db").is_file() and sorted(p.name for p in work.iterdir()) == [name]  # nothing stray
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from sitroom.surfaces import web

    def listing():  # SQLite's own -wal/-shm companions of the database aside
        return sorted(p.name for p in out.iterdir() if not p.name.startswith("sitroom.db-"))

    before = listing()
    client = TestClient(web.create_app(out))
    assert client.get("/api/documents").json()["total"] == 1  # the run's database, opened read-only
    assert listing() == before and sorted(p.name for p in work.iterdir()) == [name]


# --------------------------------------------------------------------------- one run per output folder


def test_a_second_run_on_a_busy_output_folder_exits_with_a_code(tmp_path):
    from sitroom.api import output_lock

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "road.txt").write_text(REPORT)
    out = tmp_path / "out"
    out.mkdir()
    with output_lock(out):
        t0 = time.monotonic()
        res = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--out", str(out), "--quiet"])
        assert res.exit_code == 2 and "[S071]" in res.output and time.monotonic() - t0 < 30
    assert not (out / "situation.json").exists()
    settings = tmp_path / "wait.toml"
    settings.write_text("[read]\nlock_wait_seconds = 60\n")
    holder = threading.Event()

    def hold():
        with output_lock(out):
            holder.set()
            time.sleep(1.5)

    t = threading.Thread(target=hold)
    t.start()
    holder.wait(10)
    res = CliRunner().invoke(app, ["run", str(tmp_path / "in"), "--out", str(out), "--quiet", "--settings", str(settings)])
    t.join()
    assert res.exit_code == 0, res.output  # it waited for the first, then ran
    assert (out / "situation.json").is_file()


def test_the_lock_of_a_killed_run_is_released(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    code = f"from sitroom.api import output_lock; import pathlib, time\nwith output_lock(pathlib.Path({str(out)!r})):\n" \
           "    print('held', flush=True); time.sleep(600)\n"
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "held"
    from sitroom.api import output_lock
    from sitroom.errors import SitroomError

    with pytest.raises(SitroomError, match="S071"), output_lock(out):
        pass
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with output_lock(out):
        pass


# --------------------------------------------------------------------------- spreadsheets and terminals


def test_every_csv_cell_is_escaped_against_formulas():
    from sitroom.export import csv_export
    from situation_factory import make_situation

    assert csv_export.cell("=HYPERLINK(\"http://x\")") == "'=HYPERLINK(\"http://x\")"
    assert csv_export.cell("@SUM(A1)") == "'@SUM(A1)" and csv_export.cell("\uff1d1+1").startswith("'")
    assert csv_export.cell(-12.5) == "-12.5" and csv_export.cell("-42.4490") == "-42.4490"  # numbers stay numbers
    sit = make_situation()
    for ev in sit.events:
        ev.id = "=cmd|'/c calc'!A0"
        for e in ev.evidence:
            e.doc = "=2+5"
        ev.status = "+danger"
    csv_text = csv_export.render(sit)
    import csv

    for row in list(csv.reader(io.StringIO(csv_text)))[1:]:
        for value in row:
            assert not value.startswith(("=", "+", "@")), row


def test_terminal_output_of_untrusted_names_is_escaped(tmp_path):
    assert safe("ok name.txt") == "ok name.txt"
    assert safe("\x1b[2J\x1b]0;owned\x07x.txt") == "\\x1b[2J\\x1b]0;owned\\x07x.txt"
    assert safe("a\u202eb") == "a\\u202eb"  # right-to-left override
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT)
    (folder / "\x1b[31mred\x1b[0m.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 16)
    res = CliRunner().invoke(app, ["run", str(folder), "--out", str(tmp_path / "out")])
    assert res.exit_code == 1
    assert "\x1b[31m" not in res.output and "\\x1b[31mred" in res.output


def test_pool_workers_die_with_their_parent(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent("""
        import dataclasses, os, sys, time
        from sitroom.engines.local import LocalEngine
        from sitroom.settings import Settings

        def job(batch):
            return os.getpid()

        s = Settings()
        s = dataclasses.replace(s, annotate=dataclasses.replace(s.annotate, in_process_below=0))
        engine = LocalEngine(s, processes=2)
        pids = set(engine.map(job, [[1], [2], [3], [4]]))
        print(" ".join(map(str, pids)), flush=True)
        time.sleep(600)
    """))
    proc = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    pids = [int(p) for p in proc.stdout.readline().split()]
    assert pids and os.getpid() not in pids
    proc.send_signal(signal.SIGKILL)
    proc.wait()

    def alive(pid: int) -> bool:
        try:
            return Path(f"/proc/{pid}/status").read_text().split("State:")[1].split()[0] not in ("Z", "X")
        except (OSError, IndexError):
            return False

    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and any(alive(p) for p in pids):
        time.sleep(0.2)
    assert not any(alive(p) for p in pids), "pool workers outlived their SIGKILLed parent"


# --------------------------------------------------------------------------- text built to hurt


ADVERSARIAL_UNITS = ["A", "a", "A-", "Ab", "Ab ", "1", "1,", ".", " ", "\n", "(", ")", "((", "[", "\"", "“", "‘",
                     "'s ", "—", "!?", "A.", "The ", "al-", "Mr. ", "(A", "A (", ", or ", "of ", "...", "\u200b"]


def _linear(pattern, unit: str, n: int = 20_000, tries: int = 3) -> tuple[float, float]:
    """CPU seconds on a quarter of the text and on all of it, the least of `tries` runs each: a busy
    machine slows a run down, it never speeds one up, so the least is the pattern's own cost."""
    text = unit * (n // len(unit) + 1)

    def cost(chunk: str) -> float:
        best = float("inf")
        for _ in range(tries):
            t0 = time.process_time()
            list(pattern.finditer(chunk))
            best = min(best, time.process_time() - t0)
        return best

    return cost(text[: n // 4]), cost(text[:n])


def test_entity_patterns_take_linear_time_on_adversarial_text():
    """40,000 characters without a space took 12 s in the acronym-pair pattern; now each pattern's time on
    20,000 characters of any repeated unit stays far under a quadratic's (which would be seconds)."""
    import re

    from sitroom.article import metadata
    from sitroom.extract import entities

    patterns = {k: v for k, v in vars(entities).items() if isinstance(v, re.Pattern)}
    assert "_PAIR_RE" in patterns
    # the dateline of a paragraph starting with capitals: 20,000 of them took 80 s
    patterns["metadata.BARE_DATELINE"] = metadata.BARE_DATELINE
    slow = []
    for name, pattern in patterns.items():
        for unit in ADVERSARIAL_UNITS + ["The " + "A" * 50 + " ", "Islamic State in Iraq and Syria (ISIS) "]:
            small, big = _linear(pattern, unit, tries=1)
            if big > 0.25 and big > 8 * max(small, 0.01):  # quadratic: 16x for 4x the text; measured again
                small, big = _linear(pattern, unit)
            if big > 0.25 and big > 8 * max(small, 0.01):
                slow.append((name, unit, round(small, 3), round(big, 3)))
    assert not slow, slow


def test_acronym_pairs_still_found_after_the_linear_rewrite():
    from sitroom.extract.entities import _PAIR_RE

    text = ("Fighters of the Islamic State in Iraq and Syria, or ISIS, and of al-Nusra Front (ANF) met the "
            "International Committee of the Red Cross (ICRC) team. " + "A" * 30_000 + " said. Then Free Army (FA) left.")
    t0 = time.perf_counter()
    found = [(m.group(1), m.group(2)) for m in _PAIR_RE.finditer(text)]
    assert time.perf_counter() - t0 < 1.0
    assert found == [("Fighters of the Islamic State in Iraq and Syria", "ISIS"), ("Nusra Front", "ANF"),
                     ("International Committee of the Red Cross", "ICRC"), ("Then Free Army", "FA")]



def test_utf8_with_a_stray_byte_stays_utf8(tmp_path):
    text = "Министр обороны заявил в понедельник, что войска отошли от города. " * 3
    data = text.encode()
    (tmp_path / "r.txt").write_bytes(data[:40] + b"\xff" + data[40:])
    raws, bad = read_inputs([str(tmp_path / "r.txt")], Read())
    assert not bad and "войска отошли от города" in raws[0].text
