"""L402 after-use-server."""

from __future__ import annotations

from typing import Iterator, List, Union

from ....model import Feature, LicenseFile, UseServer
from ...rule import Context, Finding, Rule, describe
from ..servers.lines import declared_vendors, has_server

DOC = """\
## What it checks
An uncounted FEATURE, INCREMENT or UPGRADE line (count `uncounted` or `0`, with a hostid) that
comes after a USE_SERVER line **and that no license server serves**: the file has no SERVER line,
or the line's vendor has no VENDOR (or DAEMON) line in the file.

Not flagged:

* counted lines after USE_SERVER: the server serves them;
* an uncounted line after USE_SERVER in a file with SERVER lines whose vendor has a VENDOR line:
  lmgrd starts that vendor daemon, which serves the line to the clients that ask it (it is
  served, not lost);
* an uncounted line without a hostid: `uncounted-without-hostid` reports it.

`HOSTID=ANY` and `HOSTID=DEMO` lines run on any host: they are not node-locked, and the message
does not call them so. They are judged by the same question (is the line served?), because a
client that stops reading at USE_SERVER never sees them either.

## Why it matters
A client that meets USE_SERVER stops reading the file and asks the license server instead.
Uncounted lines are meant to be read by the client itself, without a server; when the server
has the line's vendor daemon it serves (and logs) them too. A line after USE_SERVER that no
vendor daemon of the file serves is read by nobody: checkouts of it fail. Put such lines before
USE_SERVER, or add the VENDOR line of their vendor.

## Source
FlexNet Publisher License Administration Guide: place any uncounted licenses *not served by the
SERVER* before USE_SERVER; lines after it are served by the license server (`grammars/flexnet-format.md`
9, "USE_SERVER placement"). `grammars/flexnet-format.md` 1.4: USE_SERVER "takes no arguments. When a
client meets it, it stops reading the rest of the file (except SERVER lines already seen) and
asks the server" (EUG-10 p108; LAG 2023r1 `Order_of_Searching_for_a_License`; LAG 2026r1
`Order_of_Lines_in_the_License_File`), and "Placing SERVER + USE_SERVER makes the server also
serve (and log) uncounted lines" (EUG-10 p43). 4.2: `ANY` "runs anywhere", `DEMO` is "like ANY
but only for uncounted lines" (EUG-10 p103; LAG 2022r3 `Special_Hostids`).
"""

_ANYWHERE = frozenset({"ANY", "DEMO"})


def visit(rec: Union[UseServer, Feature], ctx: Context) -> Iterator[Finding]:
    """Collects the first USE_SERVER line and the uncounted node-locked lines after it."""
    if isinstance(rec, UseServer):
        ctx.state.setdefault("use", rec)
    elif "use" in ctx.state and rec.count.uncounted and rec.hostids:
        ctx.state.setdefault("after", []).append(rec)
    return iter(())


def finish(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    after: List[Feature] = ctx.state.get("after", [])
    if not after:
        return
    use: UseServer = ctx.state["use"]
    server = has_server(lf, ctx)
    vendors = declared_vendors(lf, ctx)
    for rec in after:
        if server and rec.vendor in vendors:
            continue   # served by the vendor daemon lmgrd starts for it
        why = ("the file has no SERVER line" if not server else
               f"vendor {rec.vendor!r} has no VENDOR or DAEMON line, so no vendor daemon serves "
               "it")
        anywhere = all(h.type in _ANYWHERE for h in rec.hostids)
        what = "uncounted" if anywhere else "uncounted node-locked"
        yield ctx.at_record(
            rec,
            f"{what} {describe(rec)} comes after USE_SERVER on line {use.line} and {why}: "
            "clients stop reading at USE_SERVER and never see it",
            f"move it before the USE_SERVER line (line {use.line})")


RULE = Rule("L402", "after-use-server", "warning",
            "An uncounted line after USE_SERVER that no license server serves: clients do not "
            "read it.", DOC, visits=(UseServer, Feature), visit=visit, finish=finish)
