"""L202 duplicate-feature."""

from __future__ import annotations

from typing import Dict, Hashable, Iterator, Set, Tuple

from ...identity import identity
from ...model import Feature, LicenseFile
from ..rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A second (third, ...) counted FEATURE line for the same feature name and vendor. Only lines with
the keyword FEATURE and a count are compared: INCREMENT lines add up by design, and uncounted
(node-locked) FEATURE lines are not served from a pool. Names and vendors are compared exactly
(`GIS` and `gis` are different features). The finding is on the later line and cites the first
counted FEATURE line. A line that is an exact copy of an earlier one (the same record apart from
layout) is left to `duplicate-line`.

## Why it matters
The license server honours only one counted FEATURE line per feature and ignores the others, so
counts on several FEATURE lines do not add up: two files merged by hand, each with
`FEATURE tserver_sdn genesys.d 8.1 ... 100`, give 100 seats, not 200. Which line wins depends on
the server's sort order (version, issue date, `sort=`), not only on the order in the file. The
keyword is signed, so it cannot be changed from FEATURE to INCREMENT by hand.

## Source
FlexNet Publisher License Administration Guide 2026 R1, "Order of Lines in the License File"
(only the first counted FEATURE line for a feature is used); FLEXnet Licensing End User Guide
(EUG-10) p109 (FEATURE vs INCREMENT: each INCREMENT line adds its count). Research notes
`flexnet-format.md` sections 1.5, 5.3 ("Merging two files that each hold `FEATURE f1 ...` does
not add the counts -- only one survives") and 5.6 (sort order).
"""


def _licenses(n: int) -> str:
    return "1 license" if n == 1 else f"{n} licenses"


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    first: Dict[Tuple[str, str], Feature] = {}
    copies: Dict[Tuple[str, str], Set[Hashable]] = {}
    for rec in lf.records:
        if not isinstance(rec, Feature) or rec.keyword != "FEATURE":
            continue
        if rec.count is None or rec.count.value is None:
            continue
        key = (rec.name, rec.vendor)
        rid = identity(rec)
        known = copies.setdefault(key, set())
        if rid in known:  # an exact copy of an earlier line: duplicate-line reports it
            continue
        known.add(rid)
        earlier = first.setdefault(key, rec)
        if earlier is not rec:
            yield ctx.at_record(
                rec,
                f"{describe(rec)} is already defined by the counted FEATURE line on line "
                f"{earlier.line}: the license server uses only one of them, so the "
                f"{_licenses(rec.count.value)} here do not add to the "
                f"{_licenses(earlier.count.value)} there",  # type: ignore[union-attr]
                "ask the publisher to issue the additional licenses as INCREMENT lines")


RULE = Rule("L202", "duplicate-feature", "warning",
            "A second counted FEATURE line for the same feature: only one is used.", DOC,
            check=check)
