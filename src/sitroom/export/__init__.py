"""Exporters: each writes one file of the output folder from the `Situation`.

Registered in `EXPORTERS` the way a plugin would add its own. Every file is
written atomically (temp file + rename), so a killed run never leaves a
half-written output behind.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Callable

from sitroom.contract import Situation
from sitroom.settings import Export, Settings


def write_atomic(path: Path, data: str | bytes | Iterable[bytes]) -> None:
    """Write `data` (text, bytes, or bytes chunk by chunk) to `path`, or nothing: an exception
    while writing, raised by the chunks' producer too, leaves the old file in place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(data, str):
                fh.write(data.encode("utf-8"))
            elif isinstance(data, bytes):
                fh.write(data)
            else:
                fh.writelines(data)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp makes the file private (0600); outputs are ordinary files readable as the umask allows.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


Exporter = Callable[[Situation, Export], str | bytes | Iterable[bytes]]


def _registry() -> dict[str, tuple[str, Exporter]]:
    """name -> (file name, render): every exporter gets the run's `[export]` section; those without knobs ignore it."""
    from sitroom.export import csv_export, geojson, html, json_export, markdown

    return {
        "json": ("situation.json", lambda sit, cfg: json_export.chunks(sit)),
        "md": ("report.md", lambda sit, cfg: markdown.render(sit, cfg)),
        "html": ("report.html", lambda sit, cfg: html.render(sit, cfg=cfg)),
        "csv": ("events.csv", lambda sit, cfg: csv_export.render(sit)),
        "geojson": ("events.geojson", lambda sit, cfg: geojson.render(sit)),
    }


MARKER = ".sitroom-outputs"  # what the output files were written for: the run's digest and each file's own


def _file_digest(path: Path) -> str | None:
    try:
        with path.open("rb") as fh:  # in chunks: situation.json can be hundreds of MB
            return hashlib.file_digest(fh, "sha256").hexdigest()
    except OSError:  # missing, or not a readable file
        return None


def outputs_current(out_dir: Path, digest: str | None) -> bool:
    """True when every output file is, byte for byte, what the run with this `digest` (its inputs,
    settings and code) wrote: a file deleted, edited or replaced since makes the outputs stale."""
    if digest is None:
        return False
    try:
        marker = json.loads((out_dir / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet, unreadable, or written by an older sitroom
        return False
    if not isinstance(marker, dict) or marker.get("inputs") != digest:
        return False
    files = marker.get("files")
    names = sorted(filename for filename, _ in _registry().values())
    return (
        isinstance(files, dict) and sorted(files) == names
        and all(isinstance(files[name], str) and _file_digest(out_dir / name) == files[name] for name in names)
    )


def mark_outputs(out_dir: Path, digest: str | None) -> None:
    """Record that the output files now in `out_dir` were written for `digest` (None: for nothing,
    before an export starts, so that a run killed half-way never leaves them looking current)."""
    marker = out_dir / MARKER
    if digest is None:
        marker.unlink(missing_ok=True)
        return
    files = {filename: _file_digest(out_dir / filename) for filename, _ in _registry().values()}
    write_atomic(marker, json.dumps({"inputs": digest, "files": files}, indent=1, sort_keys=True) + "\n")


def export_all(situation: Situation, out_dir: Path, settings: Settings | None = None, *,
               only: set[str] | None = None) -> list[Path]:
    """Write every output file (or those named in `only`) with the run's settings (defaults when None)."""
    cfg = (settings or Settings()).export
    written = []
    for name, (filename, render) in _registry().items():
        if only and name not in only:
            continue
        path = out_dir / filename
        write_atomic(path, render(situation, cfg))
        written.append(path)
    return written
