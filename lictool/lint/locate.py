"""Positions of positional fields, found on demand by matching the record's text again with the
production of its line kind (parsing does not pay for positions nobody asks for)."""

from __future__ import annotations

from typing import Optional, Tuple

from ..model import Record


def field_span(rec: Record, name: str) -> Optional[Tuple[int, int, int, int]]:
    src = rec.source
    keyword = getattr(rec, "keyword", None)
    if src is None or keyword is None:
        return None
    from ..syntax.grammar import productions

    prod = productions().get(keyword)
    if prod is None or name not in prod.regex.groupindex:
        return None
    m = prod.regex.match(src.text)  # type: ignore[attr-defined]
    if m is None or m.start(name) < 0:
        return None
    return (*rec.position(m.start(name)), *rec.position(m.end(name)))
