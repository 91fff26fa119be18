"""read: paths, folders, globs, stdin and JSONL → `RawDocument`s.

A file that cannot be read is reported (`Rejected`, with path and reason) and
skipped; it never stops the run.
"""

from __future__ import annotations

import glob
import gzip
import hashlib
import io
import json
import os
import re
import sys
import zlib
from pathlib import Path
from typing import Iterator

from sitroom.contract import RawDocument, Rejected
from sitroom.errors import reject
from sitroom.settings import Read
from sitroom.stages.base import RunState, stage

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
BINARY_MAGIC = {
    b"\x89PNG": "PNG image",
    b"%PDF": "PDF document",
    b"PK\x03\x04": "ZIP archive",
    b"\xff\xd8\xff": "JPEG image",
    b"GIF8": "GIF image",
}
GZIP_MAGIC = b"\x1f\x8b"


def expand(inputs: list[str], settings: Read) -> Iterator[tuple[str, Path | None]]:
    """Yield (origin, path) for every file named by the inputs; path None marks stdin or a miss."""
    seen: set[str] = set()
    for item in inputs:
        if item == "-":
            yield "-", None
            continue
        p = Path(item)
        if p.is_dir():
            files = sorted(_walk(p, settings))
        elif p.exists():
            files = [p]
        elif any(ch in item for ch in "*?["):
            files = sorted(Path(f) for f in glob.glob(item, recursive=True) if Path(f).is_file())
        else:
            yield item, None
            continue
        for f in files:
            key = str(f.resolve())
            if key not in seen:
                seen.add(key)
                yield str(f), f


def _walk(root: Path, settings: Read) -> Iterator[Path]:
    """Files under a folder, without following symlinked folders (a link loop must not hang the run)."""
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            f = Path(folder) / name
            suffixes = "".join(f.suffixes[-2:]).lower()
            wanted = f.suffix.lower() in settings.extensions or (
                suffixes.endswith(".gz") and Path(name[:-3]).suffix.lower() in settings.extensions
            )
            if wanted and not name.startswith("."):
                yield f


def sniff_binary(data: bytes) -> str | None:
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            return what
    if b"\x00" in data[:4096]:
        return "contains NUL bytes"
    return None


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), else the detected legacy encoding; then mojibake repaired.

    ftfy repairs text that was decoded with the wrong codec upstream (â€™ for ’), common
    in reposts; curly quotes are kept because the quote extractor relies on them.
    """
    import ftfy

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        encoding = best.encoding if best is not None else "cp1252"
        text = data.decode(encoding, errors="replace")
    if not _ftfy_could_change(text):
        return text
    return ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, normalization=None)


# Every character one of ftfy's fixers (as configured above) rewrites or removes outside its
# mojibake repair: HTML entities ('&'), CR line breaks, ASCII and C1 controls (ESC opens a
# terminal escape), NEL and the Unicode line/paragraph separators, deprecated format controls,
# surrogates, the BOM and annotation characters, and the full-width forms.
_FTFY_TOUCHES = re.compile("[&\r\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u2028\u2029\u206a-\u206f"
                           "\ud800-\udfff\u3000\ufeff\ufff9-\ufffc\uff00-\uffee]")


def _ftfy_could_change(text: str) -> bool:
    """False when `ftfy.fix_text` would return the text unchanged: none of the characters
    its fixers touch, and ASCII or (line by line, as ftfy looks at it) no mojibake by ftfy's own
    test. Most reports pass, and ftfy's ten passes over every line were most of `read`."""
    if len(text) > 1_000_000 or _FTFY_TOUCHES.search(text):
        return True
    if text.isascii():
        return False
    from ftfy.badness import is_bad

    lines = text.split("\n")  # ftfy's segments keep their line break
    return any(is_bad(line + "\n") for line in lines[:-1]) or is_bad(lines[-1])


def looks_like_html(text: str) -> bool:
    head = text[:2000].lower()
    return "<html" in head or "<!doctype html" in head or ("<body" in head) or head.count("<p") + head.count("<div") >= 3


def read_bytes(origin: str, data: bytes, settings: Read, suffix: str = "") -> tuple[list[RawDocument], list[Rejected]]:
    if data.startswith(GZIP_MAGIC):
        try:
            data = _gunzip(data, settings.max_bytes)
        except (OSError, EOFError, zlib.error, ValueError) as exc:
            return [], [reject(origin, "S011", detail=str(exc) or type(exc).__name__)]
        suffix = Path(origin[:-3]).suffix.lower() if origin.endswith(".gz") else suffix
    if not data.strip():
        return [], [reject(origin, "S002")]
    if len(data) > settings.max_bytes:
        return [], [reject(origin, "S004", size=len(data), limit=settings.max_bytes)]
    binary = sniff_binary(data)
    if binary:
        return [], [reject(origin, "S003", detail=binary)]
    text = decode(data)
    if not text.strip():  # only control characters, which the repair removes
        return [], [reject(origin, "S002")]
    if suffix in (".jsonl", ".json"):
        return read_jsonl(origin, text)
    kind = "html" if suffix in HTML_SUFFIXES or looks_like_html(text) else "text"
    return [RawDocument(origin=origin, kind=kind, text=text)], []


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress with a size cap, so a gzip bomb is refused instead of filling memory."""
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
        out = fh.read(limit + 1)
    if len(out) > limit:
        raise ValueError(f"decompresses to more than {limit} bytes")
    return out


def read_jsonl(origin: str, text: str) -> tuple[list[RawDocument], list[Rejected]]:
    docs, bad = [], []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{origin}:{n}"
        try:
            rec = json.loads(line)
            if not isinstance(rec, dict):
                raise ValueError("a line must hold a JSON object")
        except ValueError as exc:
            bad.append(reject(where, "S006", detail=str(exc)[:200]))
            continue
        body = rec.get("html") or rec.get("text")
        if not isinstance(body, str) or not body.strip():
            bad.append(reject(where, "S006", detail="no 'text' or 'html' field"))
            continue
        docs.append(
            RawDocument(
                origin=where,
                kind="html" if rec.get("html") else "text",
                text=body,
                id=_str(rec.get("id")),
                url=_str(rec.get("url")),
                title=_str(rec.get("title")),
                published=_str(rec.get("published")),
                source=_str(rec.get("source")),
            )
        )
    return docs, bad


def _str(v: object) -> str | None:
    return None if v is None else str(v)


def read_inputs(inputs: list[str], settings: Read) -> tuple[list[RawDocument], list[Rejected]]:
    raws: list[RawDocument] = []
    rejected: list[Rejected] = []
    for origin, path in expand(inputs, settings):
        if origin == "-":
            docs, bad = read_bytes("<stdin>", sys.stdin.buffer.read(), settings)
        elif path is None:
            docs, bad = [], [reject(origin, "S009")]
        else:
            try:
                size = path.stat().st_size
                if size > settings.max_bytes:
                    docs, bad = [], [reject(origin, "S004", size=size, limit=settings.max_bytes)]
                else:
                    docs, bad = read_bytes(origin, path.read_bytes(), settings, path.suffix.lower())
            except OSError as exc:  # permissions, a vanished file, a link loop
                docs, bad = [], [reject(origin, "S001", detail=exc.strerror or str(exc))]
        raws.extend(docs)
        rejected.extend(bad)
    return raws, rejected


def doc_id(raw: RawDocument) -> str:
    """The file stem for files, the given id for JSONL records, else a hash of the URL or text."""
    if raw.id:
        return raw.id
    if raw.origin not in ("<stdin>",) and ":" not in Path(raw.origin).name and os.path.exists(raw.origin):
        return Path(raw.origin).stem
    basis = raw.url or raw.text or ""
    return "d" + hashlib.sha1(basis.encode("utf-8", "replace")).hexdigest()[:12]


@stage("read", needs=("inputs", "settings"), provides=("raws", "rejected"))
def STAGE(state: RunState) -> None:
    """Read every input; reject what cannot be read, with its path and reason."""
    raws, rejected = read_inputs(state.inputs, state.settings.read)
    state.raws.extend(raws)
    state.rejected.extend(rejected)
