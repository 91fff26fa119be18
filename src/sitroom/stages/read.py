"""read: paths, folders, globs, stdin and JSONL → `RawDocument`s.

The reader trusts nothing about the file system: every entry is checked before it is
opened (a regular file, not a FIFO, device or socket; symlinks resolved without
following loops) and read with a bound that stops at `[read] max_bytes` whatever
`stat` said, stdin included. A file that cannot be read is reported (`Rejected`,
with path and reason) and skipped; one bad entry never stops the run.

Document ids (see `assign_ids`): a JSONL record's own `id`; for a file, its path
relative to the input root it was found under, without the extension ("report"
for `folder/report.txt`, "a/report" for `folder/a/report.txt`); when two inputs
still give one id, each later one gets "~" and a short hash of its origin. Ids
are thus stable across runs over the same inputs, and unique within a run.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import hashlib
import io
import json
import os
import re
import stat
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Iterator

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
# Byte-order marks, longest first (the UTF-32 LE mark starts like the UTF-16 LE one).
BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
CHUNK = 1 << 20


class Entry:
    """One input entry: what the user will see (`origin`), the file (None: stdin or a miss), its input root."""

    __slots__ = ("origin", "path", "root")

    def __init__(self, origin: str, path: Path | None, root: Path | None = None) -> None:
        self.origin, self.path, self.root = origin, path, root


def expand(inputs: list[str], settings: Read) -> Iterator[tuple[str, Path | None]]:
    """Yield (origin, path) for every file named by the inputs; path None marks stdin or a miss."""
    for e in entries(inputs, settings):
        yield e.origin, e.path


def entries(inputs: list[str], settings: Read) -> Iterator[Entry]:
    """Every entry the inputs name, each once. Nothing here opens a file or follows a link loop:
    whether an entry can be read is decided when it is read (`read_entry`)."""
    seen: set[str] = set()
    for item in inputs:
        if item == "-":
            yield Entry("-", None)
            continue
        p = Path(item)
        if _is_dir(p):
            root, files = p, sorted(_walk(p, settings))
        elif _lexists(p):
            root, files = p.parent, [p]
        elif any(ch in item for ch in "*?["):
            root = _glob_root(item)
            files = sorted(Path(f) for f in glob.glob(item, recursive=True) if not _is_dir(Path(f)))
        else:
            yield Entry(item, None)
            continue
        for f in files:
            key = _real(f)
            if key not in seen:
                seen.add(key)
                yield Entry(str(f), f, root)


def _is_dir(p: Path) -> bool:
    try:
        return stat.S_ISDIR(os.stat(p).st_mode)
    except (OSError, ValueError):  # a loop, a dangling link, a NUL in the name
        return False


def _lexists(p: Path) -> bool:
    try:
        os.lstat(p)
        return True
    except (OSError, ValueError):
        return False


def _real(p: Path) -> str:
    """The entry's real path for de-duplication; a link loop (which `Path.resolve` raises on) keeps its own name."""
    try:
        return os.path.realpath(p)
    except (OSError, RuntimeError, ValueError):
        return os.path.abspath(p)


def _glob_root(pattern: str) -> Path:
    """The folder part of a glob before its first wildcard: ids are relative to it."""
    parts = Path(pattern).parts
    fixed = [part for part in parts[: next((i for i, s in enumerate(parts) if any(c in s for c in "*?[")), len(parts))]]
    return Path(*fixed) if fixed else Path(".")


def _walk(root: Path, settings: Read) -> Iterator[Path]:
    """Files under a folder, without following symlinked folders (a link loop must not hang the run)."""
    for folder, dirs, names in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            f = Path(folder) / name
            suffixes = "".join(f.suffixes[-2:]).lower()
            wanted = f.suffix.lower() in settings.extensions or (
                suffixes.endswith(".gz") and Path(name[:-3]).suffix.lower() in settings.extensions
            )
            if wanted and not name.startswith("."):
                yield f


def read_bounded(fh: BinaryIO, limit: int) -> bytes:
    """At most `limit + 1` bytes from `fh`: one more than the limit tells an oversized input, whatever its size claims."""
    parts, got = [], 0
    while got <= limit:
        chunk = fh.read(min(CHUNK, limit + 1 - got))
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def open_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, read with a bound. Raises `NotRegular` for a FIFO, device, socket or folder
    (checked before opening, so a FIFO cannot hang the run, and again on the opened file, so a swap in between
    cannot either), `OSError` for what the OS refuses (a link loop: ELOOP)."""
    kind = _kind(os.stat(path).st_mode)
    if kind:
        raise NotRegular(kind)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind:
            raise NotRegular(kind)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return read_bounded(fh, limit)
    finally:
        os.close(fd)


class NotRegular(Exception):
    pass


def _kind(mode: int) -> str | None:
    """None for a regular file, else what the entry is."""
    if stat.S_ISREG(mode):
        return None
    for test, what in ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return what
    return "not a regular file"


def sniff_binary(data: bytes) -> str | None:
    """What binary format the bytes are, or None. Text in UTF-16/32 (with or without BOM) is not binary."""
    for magic, what in BINARY_MAGIC.items():
        if data.startswith(magic):
            return what
    if b"\x00" in data and _wide_encoding(data) is None:
        return "contains NUL bytes"  # the same anywhere in the file, not only near its start
    return None


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16/32 told by a BOM or, without one, by where the zero bytes of Latin-script text fall."""
    for bom, enc in BOMS:
        if data.startswith(bom) and enc != "utf-8":
            return enc
    head = data[:4096]
    n = len(head) - len(head) % 4
    if n < 8:
        return None
    head = head[:n]
    zeros = [head[i::4].count(0) / (n // 4) for i in range(4)]
    if zeros[1] > 0.9 and zeros[2] > 0.9 and zeros[3] > 0.9 and zeros[0] < 0.1:
        return "utf-32-le"
    if zeros[0] > 0.9 and zeros[1] > 0.9 and zeros[2] > 0.9 and zeros[3] < 0.1:
        return "utf-32-be"
    odd, even = (zeros[1] + zeros[3]) / 2, (zeros[0] + zeros[2]) / 2
    if odd > 0.5 and even < 0.05:
        return "utf-16-le"
    if even > 0.5 and odd < 0.05:
        return "utf-16-be"
    return None


def _cp1252_fallback(exc: UnicodeDecodeError) -> tuple[str, int]:
    """Bytes that are not UTF-8, read as Windows-1252 (its five unassigned bytes as Latin-1)."""
    bad = exc.object[exc.start:exc.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), exc.end


codecs.register_error("sitroom-cp1252", _cp1252_fallback)


def decode(data: bytes, settings: Read | None = None) -> str:
    """BOM first; UTF-16/32 recognised without one; then UTF-8, each byte that is not UTF-8 read as
    Windows-1252 (which covers Latin-1 text and files mixing the two); when that reading is implausible
    for news text (mostly non-ASCII letters: a Cyrillic or Greek legacy file), a detector
    (charset-normalizer) picks the encoding. Then mojibake is repaired.

    ftfy repairs text that was decoded with the wrong codec upstream (â€™ for ’), common
    in reposts; curly quotes are kept because the quote extractor relies on them.
    """
    import ftfy

    settings = settings or Read()
    wide = _wide_encoding(data)
    if wide:
        text = data.decode(wide, errors="replace").lstrip("\ufeff")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("utf-8", errors="sitroom-cp1252").lstrip("\ufeff")
            if not _mostly_utf8(data) and not _plausible(text, settings):
                text = _detected(data) or text
    if not _ftfy_could_change(text):
        return text
    return ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, normalization=None)


def _mostly_utf8(data: bytes) -> bool:
    """More well-formed UTF-8 characters beyond ASCII than malformed bytes: UTF-8 text with a few stray bytes
    (an Arabic or Russian report with one damaged byte must not be re-detected as a legacy encoding)."""
    sample = data[:200_000]
    replaced = sample.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - sample.count(b"\xef\xbf\xbd")
    return sum(1 for c in replaced if c > "\x7f" and c != "\ufffd") >= bad


def _plausible(text: str, settings: Read) -> bool:
    """Latin-script news text read right has few non-ASCII letters; a legacy Cyrillic or Greek file read
    as Windows-1252 is mostly accented capitals and symbols."""
    sample = text[:200_000]
    letters = sum(c.isalpha() for c in sample)
    if not letters:
        return True
    foreign = sum(c.isalpha() and not c.isascii() for c in sample)
    return foreign / letters <= settings.max_non_ascii_letter_share


def _detected(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding, errors="replace")
    except LookupError:
        return None


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
        return [], [reject(origin, "S004", size=f"more than {settings.max_bytes}", limit=settings.max_bytes)]
    binary = sniff_binary(data)
    if binary:
        return [], [reject(origin, "S003", detail=binary)]
    text = decode(data, settings)
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
        except (ValueError, RecursionError) as exc:
            bad.append(reject(where, "S006", detail=str(exc)[:200]))
            continue
        body = rec.get("html") or rec.get("text")
        if isinstance(body, str):
            body = body.replace("\x00", "")  # NUL in a record, as in a file, is not text
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
    return None if v is None else str(v).replace("\x00", "")


def read_entry(entry: Entry, settings: Read, stdin: BinaryIO | None = None) -> tuple[list[RawDocument], list[Rejected]]:
    """One entry's documents, or its rejection: never an exception."""
    origin = entry.origin
    if origin == "-":
        origin = "<stdin>"
        try:
            data = read_bounded(stdin or sys.stdin.buffer, settings.max_bytes)
        except (OSError, ValueError) as exc:
            return [], [reject(origin, "S001", detail=getattr(exc, "strerror", None) or str(exc))]
        return _guarded(origin, data, settings, "")
    if entry.path is None:
        return [], [reject(origin, "S009")]
    try:
        data = open_regular(entry.path, settings.max_bytes)
    except NotRegular as exc:
        return [], [reject(origin, "S014", detail=str(exc))]
    except OSError as exc:  # permissions, a vanished file, a dangling link, a link loop
        return [], [reject(origin, "S001", detail=exc.strerror or str(exc))]
    except ValueError as exc:  # a NUL byte in the path
        return [], [reject(origin, "S001", detail=str(exc))]
    return _guarded(origin, data, settings, entry.path.suffix.lower())


def _guarded(origin: str, data: bytes, settings: Read, suffix: str) -> tuple[list[RawDocument], list[Rejected]]:
    try:
        return read_bytes(origin, data, settings, suffix)
    except (ValueError, LookupError, RecursionError, MemoryError) as exc:  # one bad entry is one rejection
        return [], [reject(origin, "S005", detail=f"{type(exc).__name__}: {str(exc)[:200]}")]


def read_inputs(inputs: list[str], settings: Read) -> tuple[list[RawDocument], list[Rejected]]:
    raws: list[RawDocument] = []
    rejected: list[Rejected] = []
    roots: dict[int, Path | None] = {}
    for entry in entries(inputs, settings):
        docs, bad = read_entry(entry, settings)
        for d in docs:
            if d.origin == entry.origin:  # a file, not a JSONL record ("file:N")
                roots[id(d)] = entry.root
        raws.extend(docs)
        rejected.extend(bad)
    assign_ids(raws, roots)
    return raws, rejected


def assign_ids(raws: list[RawDocument], roots: dict[int, Path | None] | None = None) -> None:
    """Give every document a unique, stable id (see the module doc): JSONL ids as given, files by their
    path relative to their input root, other documents by a hash; a repeated id gains '~' + a short hash of
    the document's origin (or, for one origin repeated, of its text)."""
    roots = roots or {}
    for raw in raws:
        if not raw.id:
            raw.id = _path_id(raw, roots.get(id(raw))) or doc_id(raw)
    seen: dict[str, int] = {}
    for raw in raws:
        seen[raw.id] = seen.get(raw.id, 0) + 1
    taken = {i for i, n in seen.items() if n == 1}
    first: set[str] = set()
    for raw in raws:
        if seen[raw.id] == 1:
            continue
        if raw.id not in first:  # the first keeps the plain id
            first.add(raw.id)
            taken.add(raw.id)
            continue
        basis = raw.origin
        for salt in range(100):
            new = f"{raw.id}~{_short_hash(basis + (str(salt) if salt else ''))}"
            if new not in taken:
                break
            basis = raw.origin + (raw.text or "")
        raw.id = new
        taken.add(new)


def _short_hash(s: str) -> str:
    return hashlib.sha1(s.encode("utf-8", "surrogatepass")).hexdigest()[:6]


def _path_id(raw: RawDocument, root: Path | None) -> str | None:
    """A file's path relative to its input root, without its extension(s), '/'-separated."""
    if root is None or raw.origin in ("<stdin>", "-"):
        return None
    p = Path(raw.origin)
    try:
        rel = p.relative_to(root) if str(root) not in ("", ".") else p
    except ValueError:
        rel = Path(p.name)
    name = rel.name[:-3] if rel.name.lower().endswith(".gz") else rel.name
    stem = Path(name).stem or name
    parts = [*rel.parts[:-1], stem]
    parts = [s for s in parts if s not in ("", ".", "..")]
    return "/".join(parts) or None


def doc_id(raw: RawDocument) -> str:
    """The id the reader assigned (`assign_ids`), else the file stem for files, else a hash of the URL or text."""
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
