"""L302 duplicate-vendor."""

from __future__ import annotations

from typing import Dict, Iterator

from ....model import Vendor
from ...rule import Context, Finding, Rule

DOC = """\
## What it checks
The same vendor name on two or more VENDOR or DAEMON lines (`DAEMON genesys.d` and
`VENDOR genesys.d` count as the same vendor: DAEMON is the old name of VENDOR). Each repeat is
reported at its own line and cites the first one. Names are compared exactly, as vendor names are
case-sensitive.

## Why it matters
lmgrd starts one vendor daemon per VENDOR line. Two lines for one vendor start two daemon
processes for it (FNP 2026 R1 logs them as `genesys.d[pid]`), which is never what a combined file
is meant to do. A repeated VENDOR line is usually left over from
pasting a second license file into the first; when the two lines disagree on path, options file or
port, only one of them can be right.

## Source
`grammars/flexnet-format.md` 1.3: "FNP 2026 R1 documents that four `VENDOR demo` lines in one file make lmgrd
spawn four `demo` processes (log prefix becomes `demo[pid]`). A merger must therefore never
duplicate VENDOR lines by accident" (LAG 2026r1 `Starting_the_License_Server_2`); DAEMON is "the
pre-v6 name of VENDOR" (EUG-10 p108); 5.2 and 5.3: "keep one VENDOR line per vendor daemon",
"VENDOR: one line per vendor" (EUG-11 p36).
"""


def visit(rec: Vendor, ctx: Context) -> Iterator[Finding]:
    first: Dict[str, Vendor] = ctx.state.setdefault("first", {})
    seen = first.get(rec.name)
    if seen is None:
        first[rec.name] = rec
        return
    same = (rec.path, rec.options, rec.port) == (seen.path, seen.options, seen.port)
    hint = (f"delete this line and keep line {seen.line}" if same else
            f"keep one line for {rec.name!r}: merge the path, options file and port you want "
            f"into line {seen.line} and delete this one")
    yield ctx.at_field(
        rec, "name",
        f"{rec.keyword} {rec.name!r} repeats the {seen.keyword} line for the same vendor on "
        f"line {seen.line}: lmgrd starts one vendor daemon per line", hint)


RULE = Rule("L302", "duplicate-vendor", "warning",
            "Two VENDOR/DAEMON lines for the same vendor daemon.", DOC,
            visits=(Vendor,), visit=visit)
