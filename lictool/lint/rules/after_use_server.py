"""L402 after-use-server."""

from __future__ import annotations

from typing import Iterator, Optional

from ...model import Feature, LicenseFile, UseServer
from ..rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
An uncounted, node-locked FEATURE, INCREMENT or UPGRADE line (count `uncounted` or `0`, with a
hostid) that comes after a USE_SERVER line. Counted lines after USE_SERVER are fine: the server
serves them.

## Why it matters
A client that meets USE_SERVER stops reading the file and asks the license server instead.
Uncounted node-locked lines are meant to be read by the client itself, without a server, so the
client never sees the ones written after USE_SERVER: they only work while the server is up and has
them in its own file. Put such lines before USE_SERVER.

## Source
`flexnet-format.md` 1.4: USE_SERVER "takes no arguments. When a client meets it, it stops reading
the rest of the file (except SERVER lines already seen) and asks the server. Feature lines
**after** USE_SERVER are ignored by clients; put uncounted node-locked lines that clients must read
directly **before** USE_SERVER" (EUG-10 p108; LAG 2023r1 `Order_of_Searching_for_a_License`;
LAG 2026r1 `Order_of_Lines_in_the_License_File`); 5.3: "USE_SERVER: single line right after the
SERVER block unless uncounted node-locked lines must be read by clients directly (those go before
it)".
"""


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    use: Optional[UseServer] = None
    for rec in lf.records:
        if isinstance(rec, UseServer):
            use = use or rec
            continue
        if use is None or not isinstance(rec, Feature):
            continue
        if rec.count is None or not rec.count.uncounted or not rec.hostids:
            continue
        yield ctx.at_record(
            rec,
            f"uncounted node-locked {describe(rec)} comes after USE_SERVER on line {use.line}: "
            "clients stop reading at USE_SERVER and do not see it",
            f"move it before the USE_SERVER line (line {use.line})")


RULE = Rule("L402", "after-use-server", "warning",
            "An uncounted node-locked line after USE_SERVER, which clients do not read.", DOC,
            options={}, check=check)
