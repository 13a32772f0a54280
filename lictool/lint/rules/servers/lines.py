"""The SERVER and VENDOR lines of a file, including those the grammar rejected (a rejected
SERVER line is still meant as one): what the servers rules, ``after-use-server`` and
``java-single-server`` ask of a file, computed once per file for all of them. Not a rule."""

from __future__ import annotations

from typing import Dict, Tuple

from ....syntax.vocabulary import spec
from ....model import Feature, LicenseFile, Record, Server, Unparsed, Vendor
from ...rule import Context

__all__ = ["meant", "server_lines", "has_server", "declared_vendors", "counted"]


def meant(rec: Record, cls: type) -> bool:
    """Whether ``rec`` is a record of ``cls`` (``Server``, ``Vendor``), or a record the grammar
    rejected whose keyword is one of that line kind's (``VENDOR`` and ``DAEMON`` for Vendor)."""
    if isinstance(rec, cls):
        return True
    return isinstance(rec, Unparsed) and spec().keyword_to_kind.get(rec.keyword) == cls.kind


def server_lines(lf: LicenseFile, ctx: Context) -> Tuple[Record, ...]:
    """The SERVER lines of the file, those the grammar rejected too, in file order."""
    return ctx.per_file(lf, "server-lines", lambda: tuple(
        r for r in ctx.records(lf, Server, Unparsed) if meant(r, Server)))


def has_server(lf: LicenseFile, ctx: Context) -> bool:
    """Whether the file has a SERVER line (one the grammar rejected counts: it is meant)."""
    return bool(server_lines(lf, ctx))


def _declared(lf: LicenseFile, ctx: Context) -> Dict[str, Tuple[str, int]]:
    out: Dict[str, Tuple[str, int]] = {}
    for rec in ctx.records(lf, Vendor, Unparsed):
        if isinstance(rec, Vendor):
            out.setdefault(rec.name, (rec.keyword, rec.line))
        elif meant(rec, Vendor):
            words = rec.text.split()
            if len(words) > 1:
                out.setdefault(words[1], (rec.keyword, rec.line))
    return out


def declared_vendors(lf: LicenseFile, ctx: Context) -> Dict[str, Tuple[str, int]]:
    """Vendor name -> (keyword, line) of its first VENDOR/DAEMON line, including lines the grammar
    rejected (their second word), so a syntax error there is not reported a second time."""
    return ctx.per_file(lf, "declared-vendors", lambda: _declared(lf, ctx))


def counted(rec: Record) -> bool:
    """Whether ``rec`` is a counted FEATURE, INCREMENT or UPGRADE line (count 1 or more)."""
    return isinstance(rec, Feature) and not rec.count.uncounted
