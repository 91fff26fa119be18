"""`sitroom bench`: sitroom's throughput against the physical limit of its design, bare spaCy.

1. Builds a corpus of N scraped-looking reports by recombining and perturbing
   the bundled sample (boilerplate, near-copies and relative dates included;
   see `make_corpus`).
2. Runs the whole pipeline over it, cold, as `sitroom run` would (read …
   summarize, store, export), timing every stage and sampling the peak RSS (and PSS) of
   sitroom and its worker processes.
3. Runs a bare `nlp.pipe` over the same clean texts with the same number of
   processes: the ratio of the two throughputs is what everything sitroom adds
   costs.
4. Runs again over the unchanged corpus: the incremental re-run.
"""

from __future__ import annotations

import dataclasses
import json
import random
import re
import tempfile
import threading
import time
from pathlib import Path

from sitroom.settings import Settings

TARGETS = {"ratio_to_spacy": 0.6, "peak_rss_mb_at_10k": 2048, "rerun_speedup": 20}

# Lines a scraper drags in around a report (written for the bench; every outlet has its own).
NAV = ["Skip to main content", "Home | World | Africa | Business | Video | Opinion", "Menu  Search  Sign in",
       "Advertisement", "Most read", "Share this story: Facebook Twitter Email"]
TRAILER = ["Related: Five things to know about the insurgency", "More from the region",
           "Leave a comment. Your email address will not be published.", "© 2026 Example Wire. All rights reserved.",
           "Sign up for our morning briefing", "Photos: Life in the camps (12 images)"]
DATELINE = re.compile(r"^[A-Z][\w ,]+ \(")  # "Town, Country (Outlet) --" opens a report: not background
NOT_NAMES = {"The", "But", "And", "This", "That", "They", "There", "Home", "World", "Video", "Opinion", "Updated",
             "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February",
             "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
             "Example", "Wire", "Skip", "Related", "Leave", "Most", "Share", "Sign", "More", "Photos", "GMT", "Reply",
             "Governor", "Minister", "President", "International", "Organization", "Union", "Coastal", "Liberation",
             "Movement", "Migration", "Cabo", "Delgado", "Praia"}


# --------------------------------------------------------------------------- corpus


def _sample_texts() -> list[str]:
    from sitroom.api import sample_corpus

    return [p.read_text(encoding="utf-8") for p in sorted(sample_corpus().glob("*.txt"))]


def _names(texts: list[str]) -> list[str]:
    """Capitalised words used more than once inside sentences of the samples: people, places, groups."""
    counts: dict[str, int] = {}
    for t in texts:
        for w in re.findall(r"(?<=[a-z,] )[A-Z][a-z]{3,}\b", t):
            counts[w] = counts.get(w, 0) + 1
    return sorted(w for w, c in counts.items() if c >= 2 and w not in NOT_NAMES)


def _perturb(text: str, rng: random.Random, names: list[str]) -> str:
    """Swap a few names consistently and move the casualty-sized figures, so reports differ like real ones."""
    picked = rng.sample(names, min(len(names), 6))
    swap = dict(zip(picked, rng.sample(picked, len(picked))))
    if swap:
        text = re.sub(r"\b(" + "|".join(map(re.escape, swap)) + r")\b", lambda m: swap[m.group(1)], text)

    def number(m: re.Match) -> str:
        n = int(m.group(0).replace(",", ""))
        return f"{max(2, int(n * rng.uniform(0.5, 2.0))):,}"

    # figures like "14" or "8,000"; times ("0815"), years and other four-digit numbers stay
    return re.sub(r"(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|[2-9]|[1-9]\d{1,2})(?![\d,.]?\d)", number, text)


def _split(text: str) -> tuple[list[str], list[str], list[str]]:
    """A sample report as (header, body, trailer) paragraphs: the body runs from the first to
    the last paragraph that reads like report sentences."""
    paras = [p for p in text.strip().split("\n\n") if p.strip()]
    body = [i for i, p in enumerate(paras) if len(p.split()) >= 12 and p.strip()[-1:] in '.?!"”']
    if not body:
        return paras, [], []
    return paras[: body[0]], paras[body[0] : body[-1] + 1], paras[body[-1] + 1 :]


def make_corpus(n: int, folder: Path, seed: int = 13) -> int:
    """Write `n` reports to `folder`; returns the number of words written.

    Each report is a sample report, perturbed, with background paragraphs from
    other samples, wrapped in navigation and trailer boilerplate; about one in
    seven is a syndicated near-copy of an earlier one (header dropped, a line
    added), like the reposts in real feeds."""
    rng = random.Random(seed)
    texts = _sample_texts()
    if not texts:
        raise RuntimeError("the bundled sample corpus has no .txt reports to build the bench corpus from")
    names, parts = _names(texts), [_split(t) for t in texts]
    folder.mkdir(parents=True, exist_ok=True)
    written: list[str] = []
    words = 0
    for i in range(n):
        if written and rng.random() < 0.15:
            copy = rng.choice(written).split("\n\n")
            paras = [p for p in copy if p not in NAV][:-1]
            paras.insert(1, "This article was first published by a partner outlet and may have been edited for length.")
            text = "\n\n".join(paras)
        else:
            k = rng.randrange(len(texts))
            header, body, trailer = parts[k]
            extra = [p for j, (_, b, _) in enumerate(parts) if j != k for p in b if not DATELINE.match(p)]
            # background paragraphs joined in pairs: few paragraphs repeat verbatim across reports,
            # as in real feeds (verbatim repeats are what the cleaner takes for boilerplate)
            background = [" ".join(rng.sample(extra, 2)) for _ in range(rng.randint(3, 5))]
            story = _perturb("\n\n".join(body + background), rng, names)
            text = "\n\n".join(rng.sample(NAV, 2) + header + [story] + trailer + rng.sample(TRAILER, 2))
        written.append(text)
        words += len(text.split())
        (folder / f"report_{i:06d}.txt").write_text(text + "\n", encoding="utf-8")
    return words


# --------------------------------------------------------------------------- measuring


def pss_bytes(pid: int) -> int | None:
    """The proportional set size of a process (`Pss:` of /proc/PID/smaps_rollup): each page it
    shares with others (a forked worker with its parent, libraries) counted as its share, so the
    PSS of a group of processes adds up to the memory they really hold. None off Linux."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as fh:
            for line in fh:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):  # not Linux, or the process just exited
        return None
    return None


class PeakRSS:
    """Samples the resident memory of this process plus all its children (worker pools): the
    peak over the whole span and, after `mark(name)`, the peak while that part ran.

    RSS (every `every` seconds) counts a page shared by several processes once in each: forked
    workers share their parent's pages, so the sum overstates. PSS (`pss_bytes`) does not, but the
    kernel walks every page table to give it (5-50 ms per process, more under load), so it is read
    at every `pss_every`-th sample only, and at the first sample after a part starts, always in the
    sampling thread (never on the measured code's path): its peaks may miss a spike shorter than
    that (1 s by default). `pss_peak` is None where PSS is not available."""

    def __init__(self, every: float = 0.1, pss_every: int = 10) -> None:
        import psutil

        self.proc, self.every, self.peak = psutil.Process(), every, 0
        self.pss_every, self._count, self._pss_due = max(1, pss_every), 0, False
        self.peaks: dict[str, int] = {}
        self.pss_peak: int | None = None
        self.pss_peaks: dict[str, int] = {}
        self.split_peaks: dict[str, list[int]] = {}  # part -> [peak RSS of sitroom itself, of its workers together]
        self._split = (0, 0)
        self._label: str | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _processes(self) -> list:
        return [self.proc, *self.proc.children(recursive=True)]

    def _sample(self) -> int:
        own = kids = 0
        for proc in self._processes():
            try:
                rss = proc.memory_info().rss
            except Exception:  # a worker that just exited
                continue
            own, kids = (rss, kids) if proc is self.proc else (own, kids + rss)
        self._split = (own, kids)
        return own + kids

    def _sample_pss(self) -> int | None:
        shares = [pss_bytes(p.pid) for p in self._processes()]
        return None if shares[0] is None else sum(v for v in shares if v is not None)

    def _record(self, pss: bool = False) -> None:
        now = self._sample()
        self.peak = max(self.peak, now)
        if self._label is not None:
            self.peaks[self._label] = max(self.peaks.get(self._label, 0), now)
            split = self.split_peaks.setdefault(self._label, [0, 0])
            split[:] = [max(a, b) for a, b in zip(split, self._split)]
        if pss:
            self._pss_due = False
            share = self._sample_pss()
            if share is not None:
                self.pss_peak = max(self.pss_peak or 0, share)
                if self._label is not None:
                    self.pss_peaks[self._label] = max(self.pss_peaks.get(self._label, 0), share)

    def mark(self, name: str | None) -> None:
        """From now on, samples also count towards the peak of `name` (None: of no part)."""
        self._label = name
        if name is not None:
            self._record()
            self._pss_due = True  # read by the sampling thread, at its next sample

    def _run(self) -> None:
        while not self._stop.is_set():
            self._count += 1
            self._record(pss=self._pss_due or self._count % self.pss_every == 0)
            self._stop.wait(self.every)

    def __enter__(self) -> "PeakRSS":
        self.peak = self._sample()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._record()


def _mb(value: int | None) -> float | None:
    return None if value is None else value / 2**20


def cpu_seconds() -> float:
    """CPU time of this process and of its finished, reaped children (the worker pools): unlike
    wall time, it does not grow when other jobs share the machine."""
    import resource

    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def run_sitroom(corpus: Path, out: Path, settings: Settings, processes: int) -> dict:
    """One `sitroom run` (incremental, through the store in `out`), every stage timed and its peak
    memory (sitroom and its workers) sampled."""
    from sitroom.api import incremental_cache, save_situation, write_outputs
    from sitroom.engines.local import LocalEngine
    from sitroom.pipeline import Pipeline, RunState, default_stages
    from sitroom.store import open_store

    times: dict[str, float] = {}
    errors: dict[str, str] = {}
    rss = PeakRSS()

    def measured(name: str, fn, *args) -> None:
        rss.mark(name)
        t = time.perf_counter()
        try:
            fn(*args)
        except Exception as exc:  # noqa: BLE001 - a failing step is reported; the other measures still count
            errors[name] = repr(exc)
        finally:
            times[name] = times.get(name, 0.0) + time.perf_counter() - t
            rss.mark(None)

    def timed(st):
        return dataclasses.replace(st, run=lambda state: measured(st.name, st.run, state))

    out.mkdir(parents=True, exist_ok=True)
    t0, c0 = time.perf_counter(), cpu_seconds()
    with rss:
        store = open_store(out / "sitroom.db")
        cache = incremental_cache(store, out)  # as `sitroom run --out` builds it
        engine = LocalEngine(settings, processes=processes)
        state = RunState(inputs=[str(corpus)], settings=settings, engine=engine)
        try:
            Pipeline([timed(s) for s in default_stages(cache)], release=True).run(state)
        finally:
            engine.close()

        def save() -> None:
            save_situation(store, state.situation, cache, replace=True)
            store.close()

        measured("store", save)
        # as `sitroom run` does: the store and current outputs are kept when nothing changed
        measured("export", write_outputs, state.situation, out, cache, settings)
    return {
        "seconds": time.perf_counter() - t0,
        "cpu_seconds": cpu_seconds() - c0,
        "peak_rss_mb": rss.peak / 2**20,
        "peak_pss_mb": _mb(rss.pss_peak),
        "stages": {k: round(v, 3) for k, v in times.items()},
        "stage_peak_mb": {k: round(v / 2**20) for k, v in rss.peaks.items()},
        "stage_peak_pss_mb": {k: round(v / 2**20) for k, v in rss.pss_peaks.items()},
        "stage_peak_client_workers_mb": {k: [round(v / 2**20) for v in pair] for k, pair in rss.split_peaks.items()},
        "analysed": cache.computed,
        "reused": cache.reused,
        "texts": [d.text for d in state.situation.documents],
        "rejected": len(state.situation.rejected),
        "events": len(state.situation.events),
        "errors": errors | {r.origin: r.reason for r in state.situation.rejected if r.origin.startswith("stage:")},
    }


def _run_in_child(conn, corpus: Path, out: Path, settings: Settings, processes: int, runs: int) -> None:
    try:
        conn.send([run_sitroom(corpus, out, settings, processes) for _ in range(runs)])
    except BaseException as exc:  # reported in the parent, with the child's traceback text
        import traceback

        conn.send({"error": f"{exc!r}\n{traceback.format_exc()}"})
    finally:
        conn.close()


def run_sitroom_fresh(corpus: Path, out: Path, settings: Settings, processes: int, runs: int = 1) -> list[dict]:
    """`run_sitroom` in a new process, as `sitroom run` is: models loaded cold, and no memory kept
    from an earlier run of the bench counted in this one's peak. With `runs=2` the second is the
    unchanged re-run, in the same process: its code fingerprint is the first run's even if the
    source on disk changed meanwhile (a shared checkout), so it measures the cache, not an edit."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_run_in_child, args=(child, corpus, out, settings, processes, runs))
    proc.start()
    child.close()
    try:
        result = parent.recv()
    except EOFError:
        result = {"error": "the bench run's process died"}
    proc.join()
    if isinstance(result, dict):
        raise RuntimeError(f"bench run over {corpus} failed: {result['error']}")
    return result


def run_bare_spacy(texts: list[str], settings: Settings, processes: int) -> dict:
    """spaCy alone over the same texts: the model load and `nlp.pipe` with the same processes, its
    components those sitroom runs less sitroom's own (the sentence breaks it adds are sitroom's cost)."""
    from sitroom.stages.analyze import BREAKS, load_nlp

    t0, c0 = time.perf_counter(), cpu_seconds()
    with PeakRSS() as rss:
        nlp = load_nlp(settings.annotate.model)
        with nlp.select_pipes(disable=[p for p in nlp.pipe_names if p == BREAKS]):
            for _ in nlp.pipe(texts, n_process=processes, batch_size=settings.annotate.batch_size):
                pass
    return {"seconds": time.perf_counter() - t0, "cpu_seconds": cpu_seconds() - c0, "peak_rss_mb": rss.peak / 2**20,
            "peak_pss_mb": _mb(rss.pss_peak)}


def event_model_cost(texts: list[str], sentences: int = 64) -> dict | None:
    """The event typer's sentence-embedding model in this process: load time (weights and the
    type prototypes), extra memory, and milliseconds per candidate sentence (one batch)."""
    import os
    import re

    import psutil

    from sitroom.extract import embed
    from sitroom.extract.event_typing import _prototypes, type_texts

    if not embed.available():
        return None
    proc = psutil.Process(os.getpid())
    rss, t0 = proc.memory_info().rss, time.perf_counter()
    _prototypes()
    load = time.perf_counter() - t0
    extra_mb = (proc.memory_info().rss - rss) / 1e6
    sents = [s for t in texts for s in re.split(r"(?<=[.!?])\s+", t) if len(s) > 40][:sentences]
    t0 = time.perf_counter()
    type_texts(sents)
    per = 1000 * (time.perf_counter() - t0) / max(1, len(sents))
    return {"load_s": load, "extra_rss_mb": extra_mb, "ms_per_sentence": per, "sentences": len(sents)}


CORPORA = ("synthetic", "real")


def write_corpus(kind: str, n: int, folder: Path) -> int:
    """The bench corpus of `n` reports: `synthetic` (the sample recombined) or `real` (bench_real)."""
    if kind == "real":
        from sitroom.surfaces.bench_real import make_real_corpus

        return make_real_corpus(n, folder)
    if kind != "synthetic":
        raise ValueError(f"unknown bench corpus {kind!r}: one of {', '.join(CORPORA)}")
    return make_corpus(n, folder)


def size_row(n: int, cold: dict) -> dict:
    """One size of the growth table: per stage, seconds per 1,000 reports and the peak memory
    (RSS, and PSS where it was measured)."""
    per_k = 1000 / max(1, n)
    pss, stage_pss = cold.get("peak_pss_mb"), cold.get("stage_peak_pss_mb", {})
    return {
        "articles": n,
        "seconds_per_1k": round(cold["seconds"] * per_k, 2),
        "cpu_seconds_per_1k": round(cold["cpu_seconds"] * per_k, 2),
        "peak_rss_mb": round(cold["peak_rss_mb"]),
        "peak_pss_mb": None if pss is None else round(pss),
        "stages": {name: {"seconds_per_1k": round(sec * per_k, 2), "peak_mb": cold["stage_peak_mb"].get(name, 0),
                          "peak_pss_mb": stage_pss.get(name)}
                   for name, sec in cold["stages"].items()},
    }


def bench(n: int, processes: int, workdir: Path, corpus: str = "synthetic", sizes: list[int] | None = None,
          compare: bool = True) -> dict:
    """Cold runs at every size (each in a fresh process); at the largest, the unchanged re-run and
    bare spaCy over the same texts (`compare`)."""
    settings = Settings(annotate=dataclasses.replace(Settings().annotate, processes=processes))
    sizes = sorted(set(sizes or [n]))
    growth, cold, n = [], {}, sizes[-1]
    warm: dict = {}
    for size in sizes:
        folder, out = workdir / f"corpus-{size}", workdir / f"out-{size}"
        write_corpus(corpus, size, folder)
        cold, *rest = run_sitroom_fresh(folder, out, settings, processes, runs=2 if compare and size == n else 1)
        warm = rest[0] if rest else warm
        growth.append(size_row(size, cold))
    texts = cold.pop("texts")
    words = sum(len(t.split()) for t in texts)
    result = {
        "corpus": corpus,
        "articles": n,
        "analysed_articles": len(texts),
        "words": words,
        "processes": processes,
        "sitroom": {**cold, "articles_per_s": len(texts) / cold["seconds"], "words_per_s": words / cold["seconds"]},
        "growth": growth,
        "peak_rss_mb_per_article": cold["peak_rss_mb"] / max(1, n),
        "peak_pss_mb_per_article": None if cold.get("peak_pss_mb") is None else cold["peak_pss_mb"] / max(1, n),
        "targets": TARGETS,
    }
    if not compare:
        return result
    bare = run_bare_spacy(texts, settings, processes)
    warm.pop("texts")
    return {
        **result,
        "spacy": {**bare, "articles_per_s": len(texts) / bare["seconds"], "words_per_s": words / bare["seconds"]},
        "rerun": warm,
        "ratio_to_spacy": bare["seconds"] / cold["seconds"],
        "cpu_ratio_to_spacy": bare["cpu_seconds"] / cold["cpu_seconds"],
        "cpu_ms_per_article": {"sitroom": 1000 * cold["cpu_seconds"] / len(texts),
                               "spacy": 1000 * bare["cpu_seconds"] / len(texts),
                               "rerun": 1000 * warm["cpu_seconds"] / len(texts)},
        "rerun_speedup": cold["seconds"] / warm["seconds"],
        "rerun_cpu_speedup": cold["cpu_seconds"] / warm["cpu_seconds"],
        "event_model": event_model_cost(texts),
    }


def growth_table(growth: list[dict]) -> str:
    """Markdown: a row per stage, per size the seconds per 1,000 reports and the peak memory (MB):
    RSS, and PSS (shared pages counted once) where it was measured."""
    sizes = [g["articles"] for g in growth]
    head = "| stage | " + " | ".join(f"{n:,}: s/1k | {n:,}: peak MB | {n:,}: PSS MB" for n in sizes) + " |"
    lines = [head, "|---" * (1 + 3 * len(sizes)) + "|"]
    names = list(dict.fromkeys(name for g in growth for name in g["stages"]))
    for name in names:
        cells = []
        for g in growth:
            st = g["stages"].get(name)
            cells += ([f"{st['seconds_per_1k']:.1f}", f"{st['peak_mb']:,}", _cell(st.get("peak_pss_mb"))]
                      if st else ["", "", ""])
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    total = [c for g in growth for c in (f"{g['seconds_per_1k']:.1f} (CPU {g['cpu_seconds_per_1k']:.1f})",
                                          f"{g['peak_rss_mb']:,}", _cell(g.get("peak_pss_mb")))]
    lines.append("| **whole run** | " + " | ".join(total) + " |")
    return "\n".join(lines)


def _cell(mb: float | None) -> str:
    return "" if mb is None else f"{round(mb):,}"


def _pss(mb: float | None) -> str:
    return "" if mb is None else f", PSS {mb:7.0f} MB"


def _report(r: dict) -> str:
    s = r["sitroom"]
    lines = [
        f"{r['corpus']} corpus: {r['articles']} articles ({r['analysed_articles']} analysed), {r['words']:,} words,"
        f" {r['processes']} processes",
        f"sitroom    {s['seconds']:8.1f} s  {s['articles_per_s']:7.1f} articles/s  {s['words_per_s']:8.0f} words/s"
        f"  peak RSS {s['peak_rss_mb']:7.0f} MB{_pss(s.get('peak_pss_mb'))}",
    ]
    if "spacy" in r:
        b, w = r["spacy"], r["rerun"]
        lines += [
            f"bare spaCy {b['seconds']:8.1f} s  {b['articles_per_s']:7.1f} articles/s  {b['words_per_s']:8.0f} words/s"
            f"  peak RSS {b['peak_rss_mb']:7.0f} MB{_pss(b.get('peak_pss_mb'))}",
            f"re-run     {w['seconds']:8.2f} s  ({w['reused']} reused, {w['analysed']} analysed)",
            "",
            "stage          cold s    re-run s",
        ]
        for name, sec in s["stages"].items():
            lines.append(f"{name:<12} {sec:8.2f}   {w['stages'].get(name, 0.0):8.2f}")
        lines += [
            "",
            f"ratio to bare spaCy {r['ratio_to_spacy']:.2f} wall, {r['cpu_ratio_to_spacy']:.2f} CPU"
            f" (target >= {TARGETS['ratio_to_spacy']})",
            f"CPU ms per article  sitroom {r['cpu_ms_per_article']['sitroom']:.0f},"
            f" spaCy {r['cpu_ms_per_article']['spacy']:.0f}, re-run {r['cpu_ms_per_article']['rerun']:.0f}",
            f"re-run speed-up     {r['rerun_speedup']:.1f}x wall, {r['rerun_cpu_speedup']:.1f}x CPU"
            f" (target >= {TARGETS['rerun_speedup']}x)",
        ]
        m = r.get("event_model")
        if m:
            lines.append(f"event model         load {m['load_s']:.1f} s, +{m['extra_rss_mb']:.0f} MB, "
                         f"{m['ms_per_sentence']:.1f} ms per candidate sentence ({m['sentences']} in one batch)")
    lines += ["", "per stage, per 1,000 reports (wall seconds) and peak RSS and PSS while it ran (sitroom + workers):",
              growth_table(r["growth"])]
    lines += [f"FAILED {name}: {why}" for name, why in s.get("errors", {}).items()]
    return "\n".join(lines)


def main(n: int = 200, processes: int = 2, json_out: bool = False, corpus: str = "synthetic",
         sizes: list[int] | None = None, compare: bool = True) -> int:
    with tempfile.TemporaryDirectory(prefix="sitroom-bench-") as tmp:
        result = bench(n, processes, Path(tmp), corpus=corpus, sizes=sizes, compare=compare)
    print(json.dumps(result, indent=2) if json_out else _report(result))
    return 0
