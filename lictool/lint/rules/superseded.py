"""L204 superseded."""

from __future__ import annotations

import datetime as _dt
from typing import Dict, Iterator, List, Optional, Tuple, Union

from ...model import Feature, LicenseFile, Package
from ...values import issue_date
from ..rule import Context, Finding, Rule, describe

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
newest.

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
Research notes `flexnet-format.md` section 5.5. Counting an undated line as issued earlier is
lictool's reading (the sources do not say): `ISSUED=` exists since v5 and `START=` since v6, so an
undated line is usually from before both.
"""

_Line = Union[Feature, Package]


def _issued(rec: _Line) -> Optional[_dt.date]:
    """The line's issue date: ISSUED=, else START= (the first of them that is a valid date)."""
    return issue_date(rec.get("ISSUED"), rec.get("START"))


def _targets(rec: _Line) -> List[str]:
    value = rec.get("SUPERSEDE")
    names = value.split() if value else []
    return names or [rec.name]


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    lines = [r for r in lf.records if isinstance(r, (Feature, Package))]
    # (is_package, vendor, superseded name) -> [(date, line, S)]
    by_name: Dict[Tuple[bool, str, str], List[Tuple[_dt.date, int, _Line]]] = {}
    for s in lines:
        if not s.has("SUPERSEDE"):
            continue
        date = _issued(s)
        if date is None:
            continue
        for name in set(_targets(s)):
            by_name.setdefault((isinstance(s, Package), s.vendor, name), []).append(
                (date, s.line, s))
    if not by_name:
        return
    for t in lines:
        candidates = by_name.get((isinstance(t, Package), t.vendor, t.name))
        if not candidates:
            continue
        tdate = _issued(t)
        newer = [c for c in candidates if c[2] is not t and (tdate is None or tdate < c[0])]
        if not newer:
            continue
        sdate, _, s = max(newer, key=lambda c: (c[0], -c[1]))
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
