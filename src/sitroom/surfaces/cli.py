"""The `sitroom` command: parses arguments and calls the library, nothing more.

Exit codes: 0 ok, 1 partial (some inputs rejected, listed), 2 usage or coded error (another run holding the
output folder: S071), 3 no input could be read (listed; outputs an earlier run wrote are left untouched: S070).
Every name that came from outside (paths, reasons, titles) is printed through `safe`: a file name carrying a
terminal escape sequence cannot drive the terminal.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from sitroom import api
from sitroom.contract import json_schema
from sitroom.errors import SitroomError
from sitroom.settings import Settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Raw crisis news reports in, a sourced situation picture out.")
err = Console(stderr=True)


def safe(text: object, keep_newlines: bool = False) -> str:
    """`text` with every character that is not printable (controls, ESC, bidi overrides, line separators)
    written as a Python escape, so untrusted names cannot move the cursor, recolour or rewrite the terminal."""
    s = str(text)
    if s.isprintable():
        return s
    return "".join(c if c.isprintable() or (keep_newlines and c == "\n") else c.encode("unicode_escape").decode("ascii")
                   for c in s)

SettingsOpt = typer.Option(None, "--settings", help="TOML file overriding thresholds (see settings.py).")
QuietOpt = typer.Option(False, "--quiet", "-q", help="No progress bar or summary.")


def _progress(quiet: bool):
    if quiet or not err.is_terminal:
        return None, None
    bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err)
    tasks: dict[str, int] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(stage, total=total)
        bar.update(tasks[stage], completed=done, total=total)

    return bar, update


def _settings(path: Optional[Path]) -> Settings:
    """The settings of `--settings FILE` (defaults without one); a bad file is a usage error (exit 2)."""
    try:
        return Settings.load(path)
    except SitroomError as exc:
        err.print(safe(exc), style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2)


def _run_and_report(inputs: list[str], out: Path, settings: Optional[Path], quiet: bool, json_log: bool = False,
                    engine: str = "local", scheduler: Optional[str] = None, db: Optional[str] = None) -> int:
    """Run, print what was written (and every rejected input); the exit code: 0 ok, 1 some inputs rejected."""
    cfg = _settings(settings)
    t0 = time.perf_counter()
    bar, update = _progress(quiet or json_log)
    try:
        if bar:
            with bar:
                sit = api.run(inputs, out, settings=cfg, engine=engine, scheduler=scheduler, db=db, progress=update)
        else:
            sit = api.run(inputs, out, settings=cfg, engine=engine, scheduler=scheduler, db=db)
    except api.NothingRead as exc:
        for r in exc.situation.rejected:
            err.print("[yellow]rejected[/yellow] ", end="")
            err.print(safe(r.reason), markup=False, highlight=False)
        err.print(safe(exc), style="red", markup=False, highlight=False, soft_wrap=True)
        return 3
    except SitroomError as exc:
        err.print(safe(exc), style="red", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(2)
    elapsed = time.perf_counter() - t0
    counts = {k: len(getattr(sit, k)) for k in ("documents", "entities", "places", "quotes", "claims", "events",
                                                "control", "contradictions", "stories", "rejected")}
    if json_log:
        print(json.dumps({"out": str(out), "seconds": round(elapsed, 2), "counts": counts}))
    elif not quiet:
        err.print(f"wrote {safe(out)}/situation.json in {elapsed:.1f}s: " + ", ".join(f"{v} {k}" for k, v in counts.items()),
                  markup=False, highlight=False)
        for r in sit.rejected:
            err.print("[yellow]rejected[/yellow] ", end="")
            err.print(safe(r.reason), markup=False, highlight=False)
    return 1 if sit.rejected else 0


@app.command()
def run(
    inputs: List[str] = typer.Argument(..., help="Files, folders, globs, or - for stdin."),
    out: Path = typer.Option(..., "--out", "-o", help="Output folder."),
    settings: Optional[Path] = SettingsOpt,
    engine: str = typer.Option("local", help="local (process pool) or dask."),
    scheduler: Optional[str] = typer.Option(None, help="Dask scheduler address (default: a LocalCluster)."),
    db: Optional[str] = typer.Option(None, help="Store URL (default: OUT/sitroom.db; postgresql://... for scale)."),
    json_log: bool = typer.Option(False, "--json", help="One JSON line of results for machines."),
    quiet: bool = QuietOpt,
) -> None:
    """Process reports into OUT/situation.json, report.md, report.html, events.csv/.geojson and sitroom.db."""
    raise typer.Exit(_run_and_report(inputs, out, settings, quiet, json_log, engine, scheduler, db))


@app.command()
def demo(
    out: Path = typer.Option(Path("sitroom-demo"), "--out", "-o", help="Output folder."),
    quiet: bool = QuietOpt,
    serve: bool = typer.Option(True, "--serve/--no-serve", help="Then open the web room on the result."),
    port: int = typer.Option(8765, help="Port of the web room."),
) -> None:
    """Run sitroom on the bundled sample corpus (a fictional crisis), then serve the web room on it."""
    code = _run_and_report([str(api.sample_corpus())], out, None, quiet)
    if code == 0 and serve:
        from sitroom.surfaces.web import serve as serve_main

        err.print(f"report: {out}/report.html · web room: http://127.0.0.1:{port}/ (Ctrl-C to stop)")
        code = serve_main(out, host="127.0.0.1", port=port)
    raise typer.Exit(code)


@app.command()
def schema() -> None:
    """Print the JSON Schema of situation.json."""
    print(json.dumps(json_schema(), indent=2))


@app.command()
def clean(
    file: Path = typer.Argument(..., help="One document (.txt, .html or .jsonl: its first record)."),
    format: str = typer.Option("text", "--format", help="text or json."),
    explain: bool = typer.Option(False, "--explain", help="List every removed piece with its reason."),
    settings: Optional[Path] = SettingsOpt,
) -> None:
    """Clean one document and print its Article (metadata, body, what was removed)."""
    from sitroom.api import clean_file

    art, rejected = clean_file(file, _settings(settings))
    if art is None:
        err.print(safe(rejected.reason if rejected else f"{file}: nothing to clean"), markup=False, highlight=False)
        raise typer.Exit(1)
    if format == "json":
        print(art.model_dump_json(indent=2))
        return
    print(f"title:      {safe(art.title)}\nauthors:    {safe(', '.join(art.authors))}\npublished:  {safe(art.published)}"
          f"{' (inferred)' if art.published_inferred else ''}\ndateline:   {safe(art.dateline)}\nsource:     {safe(art.source)}")
    for h in art.highlights:
        print(f"highlight:  {safe(h)}")
    print()
    print(safe(art.text, keep_newlines=True))
    if explain:
        print("\n--- removed ---")
        for r in art.removed:
            print(safe(f"[{r.reason}] {r.text}"))


TEXT_DETAILS = ("label", "kind", "value", "precision", "speaker_name", "lat", "lon", "relative", "change", "actor_name",
                "place_name", "date", "attributed_to", "status")


@app.command()
def extract(
    file: str = typer.Argument(..., help="A text file, or - for stdin."),
    published: Optional[str] = typer.Option(None, help="The report's date (ISO), anchoring relative dates."),
    what: str = typer.Option("all", help="Comma list: entities,quotes,times,places,claims,events,control or all."),
    format: str = typer.Option("json", "--format", help="json or text."),
    explain: bool = typer.Option(False, "--explain", help="With --what times: each expression's rule and anchor; "
                                 "with --what places: each mention's candidates and scores."),
    settings: Optional[Path] = SettingsOpt,
) -> None:
    """Extract the contract's facts from one text (JSON by default, for piping)."""
    from sitroom.api import extract_text, read_text

    cfg = _settings(settings)
    text, rejected = read_text(file, cfg)  # bounded and checked like `run`: no FIFO hang, no endless stdin
    if text is None:
        err.print(safe(rejected.reason if rejected else f"{file}: nothing to read"), markup=False, highlight=False)
        raise typer.Exit(1)
    if explain and what == "places":  # each place mention's candidates and the parts of their scores
        from sitroom.evaluate.lgl import explain as explain_places

        for line in explain_places(text, cfg):
            print(safe(line))
        return
    if explain and "events" not in what.split(","):
        from sitroom.extract.times import tense_of
        from sitroom.extract.timex import explain as explain_times
        from sitroom.stages.analyze import load_nlp

        for t, rule, basis in explain_times(text, published, tense_of(load_nlp()(text))):
            print(safe(f"{t.start}-{t.end}  {t.text!r}  {t.type} {t.value}  rule={rule}  anchor={basis}"))
        return
    result = extract_text(text, published=published, what=set(what.split(",")), settings=cfg)
    if explain:  # --what events --explain: why each event got its type
        for ev in result.get("events", []):
            alts = ", ".join(f"{a['subtype']} {a['score']:.2f}" for a in ev.get("type_alternatives", []))
            score = f" {ev['type_confidence']:.2f}" if ev.get("type_confidence") is not None else ""
            quote = text[ev["evidence"][0]["start"]:ev["evidence"][0]["end"]] if ev.get("evidence") else ""
            print(safe(f"{ev['subtype']}{score}  rule={ev.get('type_rule') or 'extractor rule, no model score'}  "
                       f"runners-up: {alts or '-'}"))
            print(safe(f"    {quote.strip()[:200]!r}"))
        return
    if format == "json":
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return
    for kind, items in result.items():
        if isinstance(items, list):
            print(f"## {kind} ({len(items)})")
            for it in items:
                head = (it.get("summary") or it.get("text") or it.get("name") or "")[:120]
                details = ", ".join(f"{k}={it[k]}" for k in TEXT_DETAILS if it.get(k) not in (None, "", []))
                print(safe(f"  {head}" + (f"  [{details}]" if details else "")))


@app.command("eval")
def eval_(
    gold: List[str] = typer.Argument(..., help="Gold files, public data folders, or corpus names (seeds, timebank, ...)."),
    situation: Optional[Path] = typer.Option(None, "--situation", help="A situation.json to score."),
    run_inputs: Optional[List[str]] = typer.Option(None, "--run", help="Inputs to run sitroom on first."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List misses and false positives."),
    json_out: bool = typer.Option(False, "--json", help="JSON output."),
    gate: bool = typer.Option(False, "--gate", help="Fail when a score falls below its recorded floor."),
    update_floors: bool = typer.Option(False, "--update-floors", help="Raise the recorded floors to today's scores."),
    allow_lower: bool = typer.Option(False, "--allow-lower", help="With --update-floors: also lower floors (deliberate)."),
    markdown: Optional[Path] = typer.Option(None, "--markdown", help="Write the scores table to this Markdown file."),
) -> None:
    """Score sitroom against gold annotations: precision, recall, F1 per fact kind.

    GOLD is a gold file, a public data folder (timebank, lgl, ecbplus) or a corpus name: seeds, timebank, lgl, ecbplus.
    """
    from sitroom.evaluate.cli import main as eval_main

    raise typer.Exit(eval_main(gold, situation, run_inputs, show_errors, json_out, gate, update_floors=update_floors,
                               allow_lower=allow_lower, markdown_out=markdown))


@app.command()
def bench(
    n: int = typer.Option(200, "--n", help="Number of reports."),
    processes: int = typer.Option(2, help="Worker processes."),
    json_out: bool = typer.Option(False, "--json", help="JSON output."),
    corpus: str = typer.Option("synthetic", help="synthetic (the sample recombined) or real (ECB+, PolNeAR, "
                               "GeoVirus and LGL texts read from ../shared/data)."),
    sizes: Optional[str] = typer.Option(None, help="Comma-separated sizes, e.g. 1000,3000: a cold run at each, "
                                        "per stage per 1,000 reports in one table (overrides --n)."),
    compare: bool = typer.Option(True, help="Also run bare spaCy and the unchanged re-run (at the largest size)."),
) -> None:
    """Benchmark the full pipeline against bare spaCy: time and peak memory per stage."""
    from sitroom.surfaces.bench import main as bench_main

    size_list = [int(x) for x in sizes.split(",") if x.strip()] if sizes else None
    raise typer.Exit(bench_main(n=n, processes=processes, json_out=json_out, corpus=corpus, sizes=size_list,
                                compare=compare))


@app.command()
def serve(
    target: str = typer.Argument(..., help="An output folder, a sitroom.db, a situation.json or a postgresql:// URL."),
    host: str = typer.Option("127.0.0.1", help="Bind address (non-local needs --token)."),
    port: int = typer.Option(8765, help="Port."),
    token: Optional[str] = typer.Option(None, help="Access token: required for non-local binding; on loopback, "
                                        "required when given (other users of the machine)."),
    allow_host: List[str] = typer.Option([], "--allow-host", help="A Host name the room answers besides loopback "
                                         "names and the bind address (repeatable; adds to [serve] allowed_hosts)."),
    settings: Optional[Path] = SettingsOpt,
) -> None:
    """Serve the web room and JSON API over a stored situation."""
    import dataclasses

    from sitroom.surfaces.web import serve as serve_main

    cfg = _settings(settings)
    if allow_host:
        cfg = dataclasses.replace(cfg, serve=dataclasses.replace(
            cfg.serve, allowed_hosts=(*cfg.serve.allowed_hosts, *allow_host)))
    raise typer.Exit(serve_main(target, host=host, port=port, token=token, settings=cfg))


@app.command()
def watch(
    folder: Path = typer.Argument(..., help="Folder to watch for new reports."),
    out: Path = typer.Option(..., "--out", "-o"),
    interval: float = typer.Option(5.0, help="Polling interval in seconds."),
    once: bool = typer.Option(False, help="Process what is there and stop."),
    settings: Optional[Path] = SettingsOpt,
) -> None:
    """Ingest new files in FOLDER as they land and refresh the outputs."""
    from sitroom.surfaces.watch import watch as watch_main

    raise typer.Exit(watch_main(folder, out, interval=interval, once=once, settings=_settings(settings)))


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        app()
    except SitroomError as exc:
        err.print(safe(exc), markup=False, highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
