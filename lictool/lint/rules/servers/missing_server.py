"""L305 missing-server."""

from __future__ import annotations

from typing import Iterator

from ....model import Feature, LicenseFile
from ....words import plural
from ...rule import Context, Finding, Rule, describe
from .lines import counted, has_server

DOC = """\
## What it checks
Counted FEATURE, INCREMENT or UPGRADE lines (a count of 1 or more) in a file with no SERVER line.
One finding for the file, at the count of the first counted line, saying how many counted lines
there are. Files whose lines are all uncounted (`uncounted` or `0`) need no SERVER line and are
not reported; neither is a client pointer file (SERVER and USE_SERVER only).

## Why it matters
Counted licenses are handed out by a license server: lmgrd and the vendor daemon read the file and
count checkouts. Without a SERVER line no server can run on the file, and a client that reads it
finds counted features it has no server to check them out from. It happens when the SERVER and
VENDOR lines at the top of a license file are cut off while copying, or when a server's file is
installed on clients instead of a pointer file.

## Source
`grammars/flexnet-format.md` 1.1: "A file with only uncounted features may have no SERVER and no VENDOR line
at all" (EUG-10 p105; LAG 2022r3 `License_File_Format_Overview`); 1.5: `num_lic` "`uncounted`
(v6+) or `0` -> uncounted (then a HOSTID is required, no server needed)" (LAG 2022r3;
EUG-10 p110); 1.2: client pointer files are `SERVER <host> <hostid> 27000` + `USE_SERVER`.
"""


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    if has_server(lf, ctx):
        return
    found = [r for r in ctx.records(lf, Feature) if counted(r)]
    if not found:
        return
    first = found[0]
    lines = plural(len(found), "counted license line")
    yield ctx.at_field(
        first, "count",
        f"{lines} (the first: {describe(first)} with count {first.count.text}) but no SERVER "
        "line: counted licenses need a license server",
        "add the SERVER and VENDOR lines the publisher issued with these licenses; on a client, "
        "use a pointer file (SERVER host hostid port + USE_SERVER) or LM_LICENSE_FILE=port@host")


RULE = Rule("L305", "missing-server", "error",
            "Counted feature lines in a file without a SERVER line.", DOC,
            check=check)
