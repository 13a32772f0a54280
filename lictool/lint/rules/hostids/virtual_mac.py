"""L603 virtual-mac."""

from __future__ import annotations

from typing import Iterator, Optional

from ....catalogs import Catalogs, MacPrefix, for_settings
from ....model import LicenseFile
from ...rule import Context, Finding, Rule
from ...hostid_sites import HostidSite, ether_sites
from .invalid_mac import invalid

DOC = """\
## What it checks
An Ethernet hostid (12 hex digits) that belongs to a virtual machine's network card, wherever
hostids are written (the SERVER hostid, each hostid of `HOSTID=` on FEATURE, INCREMENT, UPGRADE
and PACKAGE lines, the positional hostid of a v2 line):

* its prefix is in the virtual-platform MAC table (`lictool/catalogs/virtual-macs.toml`, extended
  by the catalogue files of the `catalogs` setting): the finding names the platform (VMware,
  Microsoft Hyper-V, Xen, KVM/QEMU, Oracle VirtualBox, ...). The longest matching prefix wins;
* an entry marked `static = true` (VMware's manual range `00:50:56:00:00:00`-`00:50:56:3F:FF:FF`)
  is reported as `info` only: the address is static and stays as long as it is set on the
  virtual machine;
* a locally administered address (bit 0x02 of the first octet set, `0A...`, `52...`) that no
  table entry covers is reported as `info`: it was assigned by software, not burned into a card.
  An address that is both in the table and locally administered (`52:54:00`, KVM/QEMU) is reported
  once, as the platform's.

Prefixes are compared without regard to case. Addresses no card can have (multicast, broadcast,
all zeros) are left to `invalid-mac`.

In the text report, the findings of this rule about the same hostid on many lines (600
node-locked lines with the same `HOSTID=`) are shown on their first 3 lines and summed up in one
line after them: "... and 597 more lines with the same hostid
'000C29A41B7E', from line 7 to line 606". Each line is still a finding of its own in the JSON,
SARIF and GitHub reports (one CI annotation per line), and in the summary counts.

## Why it matters
FlexNet checks the MAC address the virtual platform reports. A platform that generates its
virtual cards' addresses gives the machine a new one when it is moved to another host, copied,
cloned or re-created, and then the hostid no longer matches: the license server stops serving,
or the node-locked application stops starting. Genesys advises forcing the virtual platform to
use a static (fixed) MAC address; another hostid type avoids the problem too.

## Source
Genesys Licensing Guide, "Licenses for Virtual Platform Support": "When using MAC addresses, it
may be necessary to override the default and force the virtual platform to use a static (fixed)
MAC address to avoid problems when virtual images are moved between physical machines."
`grammars/genesys-domain.md` section 4.2 (the OUI / prefix table and its sources: VMware's manual range
`00:50:56:00:00:00`-`00:50:56:3F:FF:FF` set with `ethernetN.addressType="static"`, the
generated `00:0C:29` addresses, the Hyper-V dynamic pool `00:15:5D`, ...) and 4.3 (the locally
administered bit). `grammars/flexnet-format.md` section 4.3 (virtual NIC MACs are common server hostids;
FlexNet treats them as ordinary Ethernet hostids) and 4.1 (Ethernet hostids).
"""

# the guide's sentence ("force the virtual platform to use a static (fixed) MAC address") is in
# the doc above; hints name the section
GUIDE_SHORT = 'Genesys guide, "Licenses for Virtual Platform Support"'


def colons(hexdigits: str) -> str:
    return ":".join(hexdigits[i:i + 2] for i in range(0, len(hexdigits), 2))


def range_text(entry: MacPrefix) -> str:
    """``00:50:56:00:00:00-00:50:56:3F:FF:FF`` for an entry's whole address range."""
    start = entry.prefix.ljust(12, "0")[:12]
    end = (entry.prefix_end or entry.prefix).ljust(12, "F")[:12]
    return f"{colons(start)}-{colons(end)}"


def _static_ranges(cats: Catalogs, platform: str) -> str:
    ranges = [range_text(p) for p in cats.macs if p.static and p.platform == platform]
    return ", ".join(ranges)


def _a(name: str) -> str:
    """``a VMware`` / ``an Oracle VirtualBox``."""
    return f"{'an' if name[:1].upper() in 'AEIOU' else 'a'} {name}"


def _locally_administered(mac: str) -> bool:
    return bool(int(mac[:2], 16) & 0x02)


def _platform_finding(ctx: Context, site: HostidSite, cats: Catalogs, entry: MacPrefix) -> Finding:
    text = site.hostid.text
    if entry.static:
        hint = ("keep it set on the virtual machine when it is moved or copied"
                + (f" ({entry.note})" if entry.note else ""))
        return site.finding(
            ctx,
            f"{site.owner} hostid {text!r} is {_a(entry.platform)} MAC address from the static "
            f"range {range_text(entry)}: it is static and OK as long as it stays set on the "
            "virtual machine", hint, severity="info")
    static = _static_ranges(cats, entry.platform)
    how = f" ({entry.platform}: a manual address in {static})" if static else ""
    note = f": {entry.note};" if entry.note else ":"
    return site.finding(
        ctx,
        f"{site.owner} hostid {text!r} is {_a(entry.platform)} virtual network card's MAC address "
        f"(prefix {colons(entry.prefix)}){note} the MAC changes when the virtual machine is "
        "moved, copied or re-created, and the license then no longer matches (the "
        f"{GUIDE_SHORT} asks for a static MAC)",
        f"set a static MAC on the virtual machine{how} and have the license reissued for it, or "
        "use another hostid type")


def _software_finding(ctx: Context, site: HostidSite) -> Finding:
    text = site.hostid.text
    return site.finding(
        ctx,
        f"{site.owner} hostid {text!r} is a locally administered MAC address (bit 0x02 of the "
        "first octet is set): software-assigned (a virtual machine, container or cloud network "
        "interface), not burned into a network card, so it may change when the interface is "
        "re-created",
        "keep the address fixed (a static MAC, or a cloud network interface kept across "
        f"instances) as the {GUIDE_SHORT} asks, or use another hostid type",
        severity="info")


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    cats: Optional[Catalogs] = None
    for site in ether_sites(lf, ctx):
        mac = site.hostid.text.upper()
        if invalid(mac) is not None:
            continue
        if cats is None:
            cats = for_settings(ctx.settings)
        entry = cats.mac_prefix(mac)
        if entry is not None:
            yield _platform_finding(ctx, site, cats, entry)
        elif _locally_administered(mac):
            yield _software_finding(ctx, site)


RULE = Rule("L603", "virtual-mac", "warning",
            "An Ethernet hostid of a virtual machine's network card, which changes when the VM "
            "is moved or re-created.", DOC, check=check)
