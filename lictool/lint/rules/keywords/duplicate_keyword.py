"""L502 duplicate-keyword."""

from __future__ import annotations

from typing import Dict, Iterator

from ....model import Attribute, Record
from ...rule import KEYWORDED, Context, Finding, Rule, describe

DOC = """\
## What it checks
An attribute keyword written twice on one line: `START=1-jan-2025 ... START=1-feb-2025`, or
`START=` and `start=` (keywords are compared without case), or a flag such as `TS_OK` twice. One
finding at each repetition, naming the first.

## Why it matters
No FlexNet document says which of two values the license server uses; readers differ (first
wins, last wins, or the line is rejected), and the signature covers only one reading. A keyword
written twice is a line edited by hand or two lines pasted together.

## Source
FlexNet Publisher License Administration Guide, "FEATURE and INCREMENT Lines" (each keyword
describes one property of the line; no repetition is documented); FLEXnet Licensing End User
Guide, Appendix B (keywords are case-insensitive); `grammars/flexnet-format.md` sections 2 and 3.3.
"""


def visit(rec: Record, ctx: Context) -> Iterator[Finding]:
    attrs = rec.attributes  # type: ignore[attr-defined]
    if len(attrs) < 2 or len({a.name for a in attrs}) == len(attrs):
        return
    first: Dict[str, Attribute] = {}
    for a in attrs:
        seen = first.setdefault(a.name, a)
        if seen is a:
            continue
        same = "" if seen.key == a.key else f" (as {seen.key!r})"
        yield ctx.at_attribute(
            a, f"{describe(rec)} has {a.key} twice: first on line {seen.line}, column "
            f"{seen.column}{same}; which one the license server uses is not documented",
            "keep one of them (a signed keyword: ask the publisher which is right)")


RULE = Rule("L502", "duplicate-keyword", "warning",
            "An attribute keyword written twice on one line (START= twice, START=/start=).",
            DOC, visits=KEYWORDED, visit=visit)
