"""When two records are "the same record apart from layout": the key the linter's
duplicate-line rule and the merger use.

Layout is: spacing, continuation points, indentation, quoting, the case of the line keyword and
of attribute keywords, and the spacing and case inside signatures (SIGN, SIGN2, AUTH, ... and
positional license keys, which are hex). Everything else, including the order of attributes and
the case of names and values, is part of the record."""

from __future__ import annotations

from typing import Hashable, Tuple

from .grammar_data import spec
from .model import Attribute, Feature, Record, _Keyworded
from .writer import tokens

_SIG = None


def _sig_keywords():
    global _SIG
    if _SIG is None:
        _SIG = spec().signature_keywords
    return _SIG


def _attr_key(a: Attribute) -> Tuple[str, Hashable]:
    name = a.name
    if a.value is None:
        return (name, None)
    if name in _sig_keywords():
        return (name, "".join(a.value.split()).upper())
    return (name, a.value)


def identity(rec: Record) -> Hashable:
    """A hashable key: equal for records that are the same apart from layout."""
    if isinstance(rec, Feature):  # the common case, without rendering tokens
        return (rec.kind, rec.keyword,
                (rec.name, rec.vendor, rec.from_version.text if rec.from_version else None,
                 rec.version.text, rec.expiry.text, rec.count.text,
                 rec.license_key.upper() if rec.license_key else None, rec.vendor_string_v2,
                 rec.hostid_v2),
                tuple(_attr_key(a) for a in rec.attributes))
    if not isinstance(rec, _Keyworded):
        return (rec.kind, getattr(rec, "text", ""))
    toks = tokens(rec) or []
    n_attrs = len(rec.attributes)
    positional = toks[1:len(toks) - n_attrs] if n_attrs else toks[1:]
    key = getattr(rec, "license_key", None)
    positional = [p.upper() if key and p == key else p.strip('"') for p in positional]
    return (rec.kind, rec.keyword, tuple(positional), tuple(_attr_key(a) for a in rec.attributes))
