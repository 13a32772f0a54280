"""L602 invalid-mac."""

from __future__ import annotations

from typing import Iterator, Optional, Tuple

from ....model import LicenseFile
from ...rule import Context, Finding, Rule
from ...hostid_sites import LMHOSTID, ether_sites

DOC = """\
## What it checks
An Ethernet hostid (12 hex digits) that no network card can have, wherever hostids are written
(the SERVER hostid, each hostid of `HOSTID=` on FEATURE, INCREMENT, UPGRADE and PACKAGE lines,
the positional hostid of a v2 line), compared without regard to case:

* a multicast address: bit 0x01 of the first octet is set (the first octet is odd, as in
  `01005E0000FB`);
* the broadcast address `FFFFFFFFFFFF`;
* all zeros, `000000000000`: what `lmhostid` prints when it found no network card.

In the text report, the findings of this rule about the same hostid on many lines (600
node-locked lines with the same `HOSTID=`) are shown on their first 3 lines and summed up in one
line after them: "... and 597 more lines with the same hostid
'000C29A41B7E', from line 7 to line 606". Each line is still a finding of its own in the JSON,
SARIF and GitHub reports (one CI annotation per line), and in the summary counts.

## Why it matters
A network card's own address is always a unicast address: the multicast bit is clear. A license
whose hostid is a multicast, broadcast or all-zero address matches no machine, so the license
server refuses to start or the node-locked feature is never granted. All zeros usually means the
hostid was read on a machine whose network card was disabled or not found; an odd first octet
usually means a mistyped or byte-swapped address. The hostid is signed: the license must be
reissued for the right address.

## Source
`grammars/flexnet-format.md` section 4.1 (an Ethernet hostid is the card's 6-byte MAC address as 12 hex
digits; EUG-11 p101). `grammars/genesys-domain.md` section 4.3, "Bit-level checks (first octet, IEEE 802
addressing)": "Any MAC with an odd first octet, including broadcast `FF:FF:FF:FF:FF:FF`, cannot
be a NIC hostid"; "All-zero `000000000000` is never a valid NIC address ... Treat it as 'lmhostid
found no NIC'" (general knowledge, not sourced there); section 1, "Hostid format,
Genesys-specific": "`lmhostid` prints the exact value Flex expects".
"""

_REISSUE = "and have the license reissued for that address"


def invalid(mac: str) -> Optional[Tuple[str, str]]:
    """(what is wrong, hint) when a 12-hex-digit MAC cannot be a network card's address."""
    mac = mac.upper()
    if mac == "000000000000":
        return ("is all zeros: lmhostid found no network card on the machine it ran on",
                f"run lmhostid -ether on the license host with its network card enabled "
                f"{_REISSUE} ({LMHOSTID})")
    if mac == "FFFFFFFFFFFF":
        return ("is the broadcast address: no network card has it",
                f"copy the card's own address from lmhostid on the license host {_REISSUE}")
    first = int(mac[:2], 16)
    if first & 0x01:
        return (f"is a multicast address (the first octet {mac[:2]} is odd): no network card "
                "has it as its own address",
                f"check for a mistyped or byte-swapped address; copy the card's own address "
                f"from lmhostid on the license host {_REISSUE}")
    return None


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    for site in ether_sites(lf, ctx):
        found = invalid(site.hostid.text)
        if found is not None:
            what, hint = found
            yield site.finding(ctx, f"{site.owner} hostid {site.hostid.text!r} {what}", hint)


RULE = Rule("L602", "invalid-mac", "error",
            "An Ethernet hostid no network card can have: multicast, broadcast or all zeros.",
            DOC, check=check)
