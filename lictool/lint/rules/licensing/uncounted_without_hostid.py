"""L401 uncounted-without-hostid."""

from __future__ import annotations

from typing import Iterator

from ....model import Feature
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
An uncounted FEATURE, INCREMENT or UPGRADE line (count `uncounted` or `0`) that is not node-locked:
no `HOSTID=` attribute (or an empty one) and no positional hostid at the end of an old v2-style
line.

## Why it matters
An uncounted line is not counted by a server: the client library grants it on any machine that
matches its hostid. FlexNet requires that hostid; `HOSTID=ANY` or `HOSTID=DEMO` is how a publisher
says "any machine". Without one the line is not a valid uncounted license and the feature cannot be
checked out from it. The hostid is covered by the signature, so it cannot be added by hand: the
line must be reissued, either node-locked or counted and served.

## Source
`grammars/flexnet-format.md` 1.5: `num_lic` "positive integer, or `uncounted` (v6+) or `0` -> uncounted
(then a HOSTID is required, no server needed)" (LAG 2022r3; EUG-10 p110); 2.2: `HOSTID` is the
"node-lock; required for uncounted lines" (EUG-10 p111); 1.5: a v2 line ends with
`"vendor string" [hostid]` (DG/UX `license.dat(4M)`); 7.10: EUG-10 p43 calls count 0 "unlimited",
LAG calls it "uncounted" (same effect: needs HOSTID, no server).
"""


def visit(rec: Feature, ctx: Context) -> Iterator[Finding]:
    if not rec.count.uncounted or rec.hostids:
        return
    empty = " (HOSTID= is empty)" if rec.has("HOSTID") else ""
    how = "" if rec.count.text.lower() == "uncounted" else f" (count {rec.count.text})"
    yield ctx.at_field(
        rec, "count",
        f"{describe(rec)} is uncounted{how} but has no hostid{empty}: an "
        "uncounted line must be node-locked with HOSTID=",
        "ask the publisher to reissue it with HOSTID=<hostid> (or HOSTID=ANY), or as a "
        "counted line served by a license server; HOSTID= is signed and cannot be added by "
        "hand")


RULE = Rule("L401", "uncounted-without-hostid", "error",
            "An uncounted feature line without HOSTID=: uncounted lines must be node-locked.",
            DOC, visits=(Feature,), visit=visit)
