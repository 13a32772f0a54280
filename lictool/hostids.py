"""Hostid classification, driven by the ``[hostids]`` table of the grammar."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import List, Tuple

from .grammar_data import spec
from .model import HostId

_BLANKS = re.compile(r"[ \t]+")


@lru_cache(maxsize=1)
def _classifiers() -> List[tuple]:
    out = []
    for t in spec().hostid_types:
        if t.literal:
            out.append(("literal", t.name, t.literal.upper()))
        elif t.prefix:
            out.append(("prefix", t.name, t.prefix.upper()))
        elif t.pattern:
            out.append(("pattern", t.name, re.compile(t.pattern)))
    return out


@lru_cache(maxsize=4096)
def classify(text: str) -> HostId:
    """One hostid token -> HostId(type, value, text). Unrecognised tokens have type UNKNOWN."""
    upper = text.upper()
    for how, name, what in _classifiers():
        if how == "literal":
            if upper == what:
                return HostId(name, text, text)
        elif how == "prefix":
            if upper.startswith(what):
                return HostId(name, text[len(what):], text)
        elif what.fullmatch(text):
            return HostId(name, text, text)
    return HostId("UNKNOWN", text, text)


@lru_cache(maxsize=4096)
def parse_hostids(text: str) -> Tuple[HostId, ...]:
    """A hostid value (quotes already removed): one hostid, or several separated by blanks
    (spaces and tabs, as everywhere in a license file)."""
    return tuple(classify(t) for t in _BLANKS.split(text.strip(" \t")) if t)
