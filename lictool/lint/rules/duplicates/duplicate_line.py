"""L201 duplicate-line."""

from __future__ import annotations

from typing import Dict, Hashable, Iterator

from ....layout import layout_key
from ....model import Feature, FeatureSet, Package, Record, Server, UseServer
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A SERVER, USE_SERVER, FEATURE, INCREMENT, UPGRADE, PACKAGE or FEATURESET record that is the same
as an earlier record apart from layout: spacing, continuation points, indentation, quoting, the
case of keywords, and spacing and case inside signatures. The order of attributes and the case of
names and values do count, so two lines that differ only there are not reported. Each repeat
cites the first occurrence. Repeated VENDOR lines are left to `duplicate-vendor`.

## Why it matters
A repeated line almost always comes from pasting the same license file into another one twice.
Whether the license server counts an exact-duplicate INCREMENT once or twice is not documented:
the file may promise more seats than were bought, or fewer than the administrator believes. A
repeated SERVER line turns a single server into an invalid two-server set. Removing the copy
changes nothing the publisher signed.

## Source
The research notes `grammars/flexnet-format.md` section 5.3 ("Exact duplicate lines (same signature) usually
come from concatenating the same file twice ... Whether the daemon counts exact-duplicate
INCREMENT lines once or twice is [open]; the safe merger behaviour is to drop ... duplicates and
report them"), section 5.4 (a SERVER set has one or three lines); FlexNet Publisher License
Administration Guide 2022 R3, "FEATURE and INCREMENT Lines".
"""


def _label(rec: Record) -> str:
    if isinstance(rec, Server):
        return f"SERVER {rec.host!r}"
    return describe(rec)


def visit(rec: Record, ctx: Context) -> Iterator[Finding]:
    first: Dict[Hashable, Record] = ctx.state.setdefault("first", {})
    earlier = first.setdefault(layout_key(rec), rec)
    if earlier is not rec:
        yield ctx.at_record(
            rec,
            f"{_label(rec)} repeats line {earlier.line} (the same record apart from layout)",
            "delete this copy")


#: the keyword records but VENDOR lines (duplicate-vendor's)
VISITS = (Server, UseServer, Feature, Package, FeatureSet)

RULE = Rule("L201", "duplicate-line", "warning",
            "A record that repeats an earlier one apart from layout.", DOC,
            visits=VISITS, visit=visit)
