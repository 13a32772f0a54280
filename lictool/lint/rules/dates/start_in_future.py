"""L104 start-in-future."""

from __future__ import annotations

from typing import Iterator, Union

from ....model import Feature, Package
from ....values import parse_date
from ....words import plural
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A feature or PACKAGE line whose `START=` date is after the reference date (today, or `--today`).
A line that starts today is not reported; an impossible `START=` date is left to `bad-date`.

## Why it matters
A line cannot be used before its start date: until then the license server does not grant its
licenses, so an application installed against it fails to check out although the file "has" the
feature. This is often deliberate (a renewal delivered ahead of time), but it should not be the
only line for a feature that is needed now.

## Source
FLEXnet Licensing End User Guide (EUG-10) p112 (`START=dd-mmm-yyyy`, the start date of the
license; v6+). The research notes `grammars/flexnet-format.md` section 2.2 (`START`: "start date; fallback for
ISSUED in SUPERSEDE/sort") and section 5.6.
"""


def visit(rec: Union[Feature, Package], ctx: Context) -> Iterator[Finding]:
    for attr in rec.attributes:
        if attr.name != "START" or attr.value is None:
            continue
        date = parse_date(attr.value)
        if date is not None and date > ctx.today:
            yield ctx.at_attribute(
                attr,
                f"{describe(rec)} starts on {date.isoformat()} "
                f"(in {plural((date - ctx.today).days, 'day')}); it cannot be used before then",
                "keep a line that is valid now for this feature until the start date, or ask "
                "the publisher for a line that starts earlier")


RULE = Rule("L104", "start-in-future", "warning",
            "A START= date after today: the line cannot be used yet.", DOC,
            visits=(Feature, Package), visit=visit)
