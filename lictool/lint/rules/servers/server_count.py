"""L303 server-count."""

from __future__ import annotations

from typing import Iterator

from ....model import LicenseFile
from ...rule import Context, Finding, Rule
from .lines import server_lines

DOC = """\
## What it checks
A file with exactly two SERVER lines, or with more than three. FlexNet supports a single license
server (one SERVER line) or a redundant triad (three SERVER lines). The finding is on the second
SERVER line (two lines) or on the fourth (more than three). SERVER lines the grammar rejected
count too.

## Why it matters
A triad works by majority: two of the three servers must be up for licenses to be served. There is
no two-server mode: two SERVER lines are not a supported configuration, and with either server down
no majority is left. More than three SERVER lines are not supported either. The hostids of SERVER
lines are covered by every signature, so the fix is a license reissued by the publisher for one
server or for three.

## Source
`grammars/flexnet-format.md` 5.4: "Triad = exactly three SERVER lines (two-server and >3 are not supported;
majority quorum of 2)" (EUG-11 p107-109); 1.1: "one SERVER line (or three for a triad)"
(EUG-10 p105); 5.4: the alternative for more servers is "redundancy via license search path ...
not limited to three" (LAG 2026r1 `Redundancy_Using_the_License_Search_Path`).
"""


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    servers = server_lines(lf, ctx)
    n = len(servers)
    if n == 2:
        yield ctx.at_record(
            servers[1],
            f"2 SERVER lines (lines {servers[0].line} and {servers[1].line}): FlexNet supports "
            "one license server or a triad of three, not two",
            "ask the publisher for a license for one server, or for a triad of three servers "
            "(SERVER hostids are signed: they cannot be edited)")
    elif n > 3:
        yield ctx.at_record(
            servers[3],
            f"{n} SERVER lines: FlexNet supports one license server or a triad of three; this is "
            "SERVER line 4",
            "keep one server or a triad of three; for more servers, give each its own license "
            "file and list them in the clients' license search path (port@host1:port@host2)")


RULE = Rule("L303", "server-count", "error",
            "Two SERVER lines, or more than three: FlexNet supports one server or a triad.", DOC,
            check=check)
