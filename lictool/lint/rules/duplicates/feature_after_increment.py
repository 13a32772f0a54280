"""L203 feature-after-increment."""

from __future__ import annotations

from typing import Dict, Iterator, Tuple

from ....model import Feature
from ....syntax.kinds import FEATURE, INCREMENT
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A FEATURE line that comes after an INCREMENT line of the same feature name and vendor (names
compared exactly), when the FEATURE line serves something (a FEATURE line the entitlement engine
finds ignored, expired, superseded, ... serves nothing wherever it stands, and other rules report
it). The finding is on the FEATURE line, cites the first such INCREMENT line, and says what the
feature's pools are on a license server that sorts the lines.

## Why it matters
When a file holds both FEATURE and INCREMENT lines for a feature, the FEATURE line must come
first: older license servers (vendor daemons) read the lines in file order and require it, so a
file with the INCREMENT first works or not depending on the version of the daemon that reads it.
Newer servers sort feature lines on reading (FEATURE before INCREMENT), but never across the files
of a license search path. The order of lines is not signed, so moving the FEATURE line up is safe.

## Source
FlexNet Publisher License Administration Guide 2026 R1, "Order of Lines in the License File" (if
FEATURE and INCREMENT lines both exist for a feature, the FEATURE line must come first);
FLEXnet Licensing End User Guide (EUG-10) p109. The research notes `grammars/flexnet-format.md` section 5.3
("FEATURE must precede INCREMENT of the same feature for old daemons") and section 5.6 (sort
order: FEATURE before INCREMENT).
"""


def visit(rec: Feature, ctx: Context) -> Iterator[Finding]:
    increments: Dict[Tuple[str, str], Feature] = ctx.state.setdefault("increments", {})
    key = (rec.name, rec.vendor)
    if rec.keyword == INCREMENT:
        increments.setdefault(key, rec)
    elif rec.keyword == FEATURE and key in increments:
        lf = ctx.file
        ent = ctx.entitlement(lf)
        if ent.why_unserved(ctx.entitlement_path(lf), rec.line) is not None:
            return    # it serves nothing wherever it stands: other rules say why
        inc = increments[key]
        yield ctx.at_record(
            rec,
            f"{describe(rec)} comes after INCREMENT {rec.name!r} on line {inc.line}; older "
            "license servers need the FEATURE line first (newer ones sort it first and "
            f"serve {ent.served(rec.vendor, rec.name)})",
            f"move this FEATURE line above line {inc.line} (the order of lines is not signed)")


RULE = Rule("L203", "feature-after-increment", "warning",
            "A FEATURE line after an INCREMENT line of the same feature.", DOC,
            visits=(Feature,), visit=visit)
