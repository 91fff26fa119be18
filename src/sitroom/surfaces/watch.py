"""`sitroom watch DIR --out OUT`: refresh the outputs whenever reports land in a folder.

Polling, not inotify: it works the same on network shares and in containers.
A file counts as landed once its size and modification time are unchanged
over one polling interval (a file still being written is left for the next
round). Each refresh is an incremental run (see stages/cache.py): only new or
changed reports are parsed, then the cross-document stages run over all.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

from sitroom import api
from sitroom.settings import Settings

log = logging.getLogger("sitroom")

Snapshot = dict[str, tuple[int, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every visible file under `folder` with its (size, mtime)."""
    out: Snapshot = {}
    for p in folder.rglob("*"):
        if p.name.startswith(".") or not p.is_file():
            continue
        try:
            st = p.stat()
        except OSError:  # removed between listing and stat
            continue
        out[str(p)] = (st.st_size, st.st_mtime_ns)
    return out


def refresh(folder: Path, out: Path, settings: Settings | None = None) -> int:
    """One incremental run over the folder; 0 ok, 1 some inputs rejected, 3 nothing could be read."""
    t0 = time.perf_counter()
    try:
        sit = api.run([str(folder)], out, settings=settings)
    except api.NothingRead as exc:  # an empty or all-bad folder: say so, keep what is there, wait for more
        print(str(exc), file=sys.stderr, flush=True)
        return 3
    print(f"refreshed {out}: {len(sit.documents)} documents, {len(sit.events)} events, "
          f"{len(sit.rejected)} rejected in {time.perf_counter() - t0:.1f}s", file=sys.stderr, flush=True)
    return 1 if sit.rejected else 0


def watch(folder: Path, out: Path, interval: float = 5.0, once: bool = False, settings: Settings | None = None) -> int:
    folder, out = Path(folder).resolve(), Path(out).resolve()
    if not folder.is_dir():
        log.error("%s is not a folder", folder)
        return 2
    if out == folder or folder in out.parents:
        log.error("--out must not be inside the watched folder (outputs would be read back as reports)")
        return 2
    if once:
        return refresh(folder, out, settings)
    done: Snapshot | None = None
    previous: Snapshot | None = None
    try:
        while True:
            current = snapshot(folder)
            if current == previous and current != done:  # settled for one interval, and new
                try:
                    refresh(folder, out, settings)
                except Exception:  # a bad round must not stop the watcher; the next change retries
                    log.exception("refresh of %s failed", out)
                done = current
            previous = current
            time.sleep(interval)
    except KeyboardInterrupt:
        return 0
