"""Exporters: each writes one file of the output folder from the `Situation`.

Registered in `EXPORTERS` the way a plugin would add its own. Every file is
written atomically (temp file + rename), so a killed run never leaves a
half-written output behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Callable

from sitroom.contract import Situation
from sitroom.settings import Export, Settings


def write_atomic(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
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


Exporter = Callable[[Situation, Export], str]


def _registry() -> dict[str, tuple[str, Exporter]]:
    """name -> (file name, render): every exporter gets the run's `[export]` section; those without knobs ignore it."""
    from sitroom.export import csv_export, geojson, html, json_export, markdown

    return {
        "json": ("situation.json", lambda sit, cfg: json_export.render(sit)),
        "md": ("report.md", lambda sit, cfg: markdown.render(sit)),
        "html": ("report.html", lambda sit, cfg: html.render(sit, cfg=cfg)),
        "csv": ("events.csv", lambda sit, cfg: csv_export.render(sit)),
        "geojson": ("events.geojson", lambda sit, cfg: geojson.render(sit)),
    }


MARKER = ".sitroom-outputs"  # the inputs digest the output files were written for


def outputs_current(out_dir: Path, digest: str | None) -> bool:
    """True when every output file exists and was written for exactly these inputs, settings and code."""
    marker = out_dir / MARKER
    return (
        digest is not None and marker.is_file() and marker.read_text().strip() == digest
        and all((out_dir / filename).is_file() for filename, _ in _registry().values())
    )


def mark_outputs(out_dir: Path, digest: str | None) -> None:
    marker = out_dir / MARKER
    if digest is None:
        marker.unlink(missing_ok=True)
    else:
        write_atomic(marker, digest + "\n")


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
