"""situation.json: written record by record, each record validated against the contract as it goes."""

from __future__ import annotations

import functools
import typing
from collections.abc import Iterator

from pydantic import TypeAdapter
from pydantic_core import to_json

from sitroom.contract import Situation

INDENT = 2  # as `Situation.to_json()` writes it


@functools.lru_cache(maxsize=None)
def _item_adapter(name: str) -> TypeAdapter:
    """The TypeAdapter of one element of the situation's list field `name`."""
    (item,) = typing.get_args(Situation.model_fields[name].annotation)
    return TypeAdapter(item)


def _nested(data: bytes, depth: int) -> bytes:
    """JSON written at the top level, re-indented to sit `depth` levels deep: every line break gains the
    indent (a JSON string never holds a raw line break, so only the layout's breaks are touched)."""
    return data.replace(b"\n", b"\n" + b" " * (INDENT * depth))


def chunks(situation: Situation) -> Iterator[bytes]:
    """The bytes of `situation.to_json()` and a newline, as UTF-8, one record at a time.

    A 10,000-report situation is a few hundred MB of JSON: written whole it was held as one bytes
    object beside the situation itself (the export stage's peak); here no more than one record's JSON
    is held at once. Each record's JSON is validated as an element of its list before it is handed
    on, the same check as validating the whole dumped situation: a record that breaks the contract
    raises before the file is in place (the writer is atomic). The layout is pydantic's own, byte for
    byte (`render` is the same bytes, joined)."""
    Situation.model_validate({"schema": situation.schema_})
    pad = b" " * INDENT
    yield b"{"
    for n, (name, info) in enumerate(Situation.model_fields.items()):
        key = to_json(info.alias or name)
        yield (b"," if n else b"") + b"\n" + pad + key + b": "
        value = getattr(situation, name)
        if not isinstance(value, list):
            yield _nested(TypeAdapter(info.annotation).dump_json(value, by_alias=True, indent=INDENT), 1)
            continue
        if not value:
            yield b"[]"
            continue
        adapter = _item_adapter(name)
        for i, item in enumerate(value):
            data = adapter.dump_json(item, by_alias=True, indent=INDENT)
            adapter.validate_json(data)  # its JSON form is a valid element of its list
            yield (b"[" if i == 0 else b",") + b"\n" + pad * 2 + _nested(data, 2)
        yield b"\n" + pad + b"]"
    yield b"\n}\n"


def render(situation: Situation) -> bytes:
    """The whole of situation.json at once (tests, and callers that want the bytes)."""
    return b"".join(chunks(situation))
