"""L204 superseded."""

from __future__ import annotations

from typing import Iterator

from ....model import LicenseFile
from ....values import issue_date
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A feature or PACKAGE line made void by a `SUPERSEDE` line in the same file. A line S supersedes:

* the names it lists (`SUPERSEDE="f1 f2"`), or its own name when `SUPERSEDE` is a bare flag;
* on lines of the same vendor and of the same sort: FEATURE, INCREMENT and UPGRADE lines are
  superseded only by feature lines, PACKAGE lines only by PACKAGE lines;
* when their issue date is earlier than S's. The issue date of a line is its `ISSUED=` date, or
  its `START=` date when it has no valid `ISSUED=`. **A line with no issue date at all counts as
  issued earlier**, and is superseded too.

A line with the same issue date as S is not superseded (several lines with `SUPERSEDE` and the
same `ISSUED=` pool together), and a `SUPERSEDE` line that has no issue date supersedes nothing.
Names are compared exactly. When several lines supersede the same line, the finding cites the
newest. The lines are those the entitlement engine (`lictool report`) finds superseded, so lint
and report agree; a superseded line that is also expired is reported by both rules.

## Why it matters
The license server ignores a superseded line: it grants no licenses, even though it is still in
the file and may look like extra capacity. This is how publishers replace licenses (a renewal
or an upgrade to a new product), so the finding is information, not an error; the line can be
removed to make the file say what it grants.

## Source
FlexNet Operations, "SUPERSEDE keywords" (`opsSUPERSEDEKeywords.htm`); FLEXnet Licensing End User
Guide (EUG-10) p112 and p116 (bare `SUPERSEDE`: all licenses of the feature issued before this
line's `ISSUED=` date, or `START=` date when `ISSUED=` is absent, are ignored; `SUPERSEDE="f1 f2"`:
the listed features issued earlier are ignored; on PACKAGE lines, replaces older PACKAGE lines).
The research notes `grammars/flexnet-format.md` section 5.5. Counting an undated line as issued earlier is
lictool's reading (the sources do not say): `ISSUED=` exists since v5 and `START=` since v6, so an
undated line is usually from before both.
"""

def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    # the engine decides (lictool.entitlement): every line a SUPERSEDE line voids, whatever
    # else keeps it from serving
    for ref, by_ref in ctx.entitlement(lf).superseded:
        t = ctx.record_at(lf, ref.line)
        s = ctx.record_at(lf, by_ref.line)
        sdate = issue_date(s.get("ISSUED"), s.get("START"))
        tdate = issue_date(t.get("ISSUED"), t.get("START"))
        by = f"{describe(s)} on line {s.line} (SUPERSEDE, dated {sdate.isoformat()})"
        if tdate is None:
            message = (f"{describe(t)} has no issue date (no ISSUED= or START=) and is superseded "
                       f"by {by}: an undated line counts as issued earlier; the license server "
                       "ignores it")
        else:
            message = (f"{describe(t)} dated {tdate.isoformat()} is superseded by {by}; the "
                       "license server ignores it")
        yield ctx.at_record(t, message,
                            f"remove this line: it grants nothing while line {s.line} is in the "
                            "file")


RULE = Rule("L204", "superseded", "info",
            "A feature or PACKAGE line made void by a later-issued SUPERSEDE line.", DOC,
            check=check)
