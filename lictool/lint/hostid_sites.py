"""Where hostids are written in a license file, for the hostid rules (``hostid-format``,
``invalid-mac``, ``virtual-mac``): the hostid of each SERVER line, each hostid of a ``HOSTID=``
attribute (one site per hostid of a list) and the positional hostid of a v2 line. Computed once
per file for all the rules of a run (:meth:`lictool.lint.rule.Context.per_file`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Iterator, Optional, Tuple

from ..hostids import parse_hostids
from ..model import Attribute, Feature, HostId, LicenseFile, Package, Record, Server
from .rule import Context, Finding, describe

__all__ = ["HostidSite", "sites", "ether_sites", "LMHOSTID"]

#: what the hints of the hostid rules say of lmhostid
LMHOSTID = "lmhostid prints the exact value FlexNet expects"


@dataclass(frozen=True)
class HostidSite:
    """One hostid written in the file and where: the SERVER hostid field, a ``HOSTID=``
    attribute (one site per hostid of a list), or the positional hostid of a v2 line."""

    record: Record
    hostid: HostId
    attribute: Optional[Attribute] = None              # the HOSTID= it is in
    span: Optional[Tuple[int, int, int, int]] = None   # the v2 positional hostid

    @property
    def owner(self) -> str:
        """``SERVER 'lic01'`` / ``FEATURE 'tserver_sdn'`` for messages."""
        if isinstance(self.record, Server):
            return f"SERVER {self.record.host!r}"
        return describe(self.record)

    def finding(self, ctx: Context, message: str, hint: Optional[str] = None,
                severity: Optional[str] = None) -> Finding:
        """A finding at the hostid, grouped by the hostid in the text report."""
        if self.attribute is not None:
            f = ctx.at_attribute(self.attribute, message, hint, severity)
        elif self.span is not None:
            f = ctx.at(*self.span, message, hint, severity)
        else:
            f = ctx.at_field(self.record, "hostid", message, hint, severity)
        return dataclasses.replace(f, group=f"hostid {self.hostid.text.upper()!r}")


def _of(rec: Record) -> Iterator[HostidSite]:
    """The hostid sites of one record."""
    if isinstance(rec, Server):
        if rec.hostid is not None:
            for h in parse_hostids(rec.hostid.text):
                yield HostidSite(rec, h)
        return
    for attr in rec.attributes:  # type: ignore[attr-defined]
        if attr.name == "HOSTID" and attr.value:
            for h in parse_hostids(attr.value):
                yield HostidSite(rec, h, attribute=attr)
    if isinstance(rec, Feature) and rec.hostid_v2:
        from ..syntax.parser import v2_hostid_span

        span = v2_hostid_span(rec) or rec.span
        for h in parse_hostids(rec.hostid_v2):
            yield HostidSite(rec, h, span=span)


def sites(lf: LicenseFile, ctx: Context) -> Tuple[HostidSite, ...]:
    """Every hostid of the file in file order: SERVER hostids, each hostid of every ``HOSTID=``
    on FEATURE, INCREMENT, UPGRADE and PACKAGE lines, and v2 positional hostids."""
    return ctx.per_file(lf, "hostid-sites", lambda: tuple(
        s for rec in ctx.records(lf, Server, Feature, Package) for s in _of(rec)))


def ether_sites(lf: LicenseFile, ctx: Context) -> Tuple[HostidSite, ...]:
    """The sites whose hostid is an Ethernet address (12 hex digits)."""
    return ctx.per_file(lf, "ether-sites", lambda: tuple(
        s for s in sites(lf, ctx) if s.hostid.type == "ETHER"))
