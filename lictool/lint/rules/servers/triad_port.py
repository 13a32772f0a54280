"""L304 triad-port."""

from __future__ import annotations

from typing import Iterator

from ....model import LicenseFile, Server
from ...rule import Context, Finding, Rule
from .lines import server_lines

DOC = """\
## What it checks
In a file with exactly three SERVER lines (a redundant triad), a SERVER line without a TCP port,
neither positional (`SERVER glic-b 00219B3C4D5E 7260`, `TCP:7260`) nor as `PORT=7260`.

## Why it matters
With one server, lmgrd picks a port in 27000-27009 when none is given. The three servers of a
triad must find each other to keep their quorum, and clients must reach whichever one is master:
FlexNet requires a port on every SERVER line of a triad, and a triad without them is not a
supported configuration (fail-over is not to be relied on). All three servers use identical copies
of the file.

## Source
`grammars/flexnet-format.md` 1.2: "Triad SERVER lines *must* carry a port (recommend outside 27000-27009)"
(EUG-10 p106-107; EUG-11 p107); 5.4: "Ports are mandatory" in a triad (EUG-11 p107-109); 1.2:
"`PORT=` may be an alternative prefix" and old files write `TCP:1700`.
"""


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    if len(server_lines(lf, ctx)) != 3:
        return
    for rec in ctx.records(lf, Server):
        if rec.port is None:
            hostid = rec.hostid.text if rec.hostid else "<hostid>"
            yield ctx.at_record(
                rec,
                f"SERVER {rec.host!r} has no port: each SERVER line of a three-server triad must "
                "name a TCP port",
                f"add the port after the hostid, e.g. 'SERVER {rec.host} {hostid} 27020', "
                "preferably a port outside 27000-27009")


RULE = Rule("L304", "triad-port", "error",
            "A SERVER line of a three-server triad without a TCP port.", DOC,
            check=check)
