"""When two records are "the same record apart from layout": the key the linter's
duplicate-line rule, the differ and the merger use.

Layout is: spacing, continuation points, indentation, quoting, the case of the line keyword and
of attribute keywords, and the spacing and case inside signatures (SIGN, SIGN2, AUTH, ... and
positional license keys, which are hex). Everything else, including the order of attributes and
the case of names and values, is part of the record. Each record kind says what its key is
(:meth:`lictool.model.Record.layout_key`)."""

from __future__ import annotations

from typing import Hashable

from .model import Record

__all__ = ["layout_key"]


def layout_key(rec: Record) -> Hashable:
    """A hashable key: equal for records that are the same apart from layout."""
    return rec.layout_key()
