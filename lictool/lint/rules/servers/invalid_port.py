"""L306 invalid-port."""

from __future__ import annotations

from typing import Iterator, Union

from ....model import Server, Vendor
from ...rule import Context, Finding, Rule

DOC = """\
## What it checks
A SERVER or VENDOR (DAEMON) line whose TCP port is 0, written positionally (`SERVER lic01
0019B9A0B0C0 0`) or as `PORT=0`. Ports above 65535 are syntax errors already.

## Why it matters
0 is not a TCP port: lmgrd cannot listen on it and clients cannot connect to it. Depending on the
release a server treats it as "no port given" (and picks one in 27000-27009, which the clients do
not know) or refuses the line. Write the port the server is meant to use, or leave the field out.

## Source
FlexNet Publisher License Administration Guide, "SERVER Lines" and "VENDOR Lines" (TCP ports
1-65535). The older End User Guide gives 0-64000 for the SERVER port field, so sources disagree on
0: lictool takes the Administration Guide's range and reports 0 as a warning (set the rule's
severity in the configuration to change that). `grammars/flexnet-format.md` sections 1.2 and 9.
"""


def visit(rec: Union[Server, Vendor], ctx: Context) -> Iterator[Finding]:
    if rec.port != 0:
        return
    attr = rec.attribute("PORT")
    message = (f"{rec.keyword} {getattr(rec, 'host', None) or getattr(rec, 'name', '')!r}: "
               "port 0 is not a TCP port (1-65535): a server treats it as no port, or "
               "refuses the line")
    hint = "write the port the server listens on, or leave the port out"
    if attr is not None:
        yield ctx.at_attribute(attr, message, hint)
    else:
        yield ctx.at_field(rec, "port", message, hint)


RULE = Rule("L306", "invalid-port", "warning",
            "A SERVER or VENDOR line with port 0, which is not a TCP port.", DOC,
            visits=(Server, Vendor), visit=visit)
