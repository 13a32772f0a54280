"""Hostids: the typed value (:class:`HostId`, re-exported by :mod:`lictool.model`) and their
classification, driven by the ``[hostids]`` table of the grammar. Nothing here imports the
model."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import List, Tuple

from .syntax.vocabulary import spec


@dataclass(frozen=True)
class HostId:
    """One hostid: its type (``ETHER``, ``HOSTID32``, ``DECIMAL``, ``ANY``, ``INTERNET``, ...,
    ``VENDOR_DEFINED`` or ``UNKNOWN``), the value after any ``TYPE=`` prefix, and the text."""

    type: str
    value: str
    text: str

    @property
    def normalized(self) -> str:
        """For comparisons only: case-folded, a ``#decimal`` as 8 hex digits, ID= without dashes."""
        if self.type == "DECIMAL":
            try:
                return "%08X" % int(self.value[1:])
            except ValueError:  # pragma: no cover
                return self.text.upper()
        if self.type == "ID":
            return "ID=" + self.value.replace("-", "")
        return self.text.upper()

    def __str__(self) -> str:
        return self.text


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
