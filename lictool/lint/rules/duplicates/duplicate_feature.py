"""L202 duplicate-feature."""

from __future__ import annotations

from typing import Hashable, Iterator, Set

from ....layout import layout_key
from ....model import Feature, LicenseFile
from ....words import plural
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A counted FEATURE line that the license server ignores because another counted FEATURE line of
the same feature name and vendor is processed first: the lines the entitlement engine (`lictool
report`) finds `ignored-feature`. Only lines with the keyword FEATURE and a count compete:
INCREMENT lines add up by design, and uncounted (node-locked) FEATURE lines are not served from a
pool. Names and vendors are compared exactly (`GIS` and `gis` are different features). Which line
is first is decided as the server decides it: the automatic sort within the file (`sort=`, then
version, then issue date newest first, then file order), so the line processed may come later in
the file; lines that serve nothing anyway (expired, not yet started, superseded) do not compete.
The finding is on the ignored line and cites the one processed. Where the answer depends on the
version sort (the guides disagree on its direction: `version-sort`), the message says what the
other order would serve. A line that is an exact copy of an earlier one (the same record apart
from layout) is left to `duplicate-line`.

## Why it matters
The license server honours only one counted FEATURE line per feature and ignores the others, so
counts on several FEATURE lines do not add up: two files merged by hand, each with
`FEATURE tserver_sdn genesys.d 8.1 ... 100`, give 100 seats, not 200. Which line wins depends on
the server's sort order (version, issue date, `sort=`), not only on the order in the file. The
keyword is signed, so it cannot be changed from FEATURE to INCREMENT by hand.

When a file holds the 7.x and 8.x FEATURE lines of a Genesys feature, the End User Guide's order
(higher versions first, lictool's default) serves the 8.x line and ignores the 7.x seats; the
License Administration Guide 2022's order (lower versions first) serves the 7.x line, and then 8.x
products get nothing.

## Source
FlexNet Publisher License Administration Guide 2026 R1, "Order of Lines in the License File"
(only the first counted FEATURE line for a feature is used; "Sort_Rules", lower versions first in
the 2022 edition); FLEXnet Licensing End User Guide (EUG-10) p109 (FEATURE vs INCREMENT: each
INCREMENT line adds its count) and Appendix B ("Only the first FEATURE line for a given feature is
processed by the vendor daemon"; order of precedence: higher versions before lower). Research notes
`grammars/flexnet-format.md` sections 1.5, 5.3 ("Merging two files that each hold `FEATURE f1 ...` does
not add the counts -- only one survives") and 5.6 (sort order).
"""


def _why_first(first: Feature, other: Feature) -> str:
    """Why the automatic sort puts ``first`` before ``other`` (a later line of the file)."""
    a, b = first.get("SORT"), other.get("SORT")
    if (a or "100") != (b or "100"):
        return f"its sort={a or 100} is lower than sort={b or 100} here"
    if first.version.number != other.version.number:
        higher = first.version.number > other.version.number
        return ("higher versions sort first" if higher else "lower versions sort first")
    return "it was issued later (newest first)"


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    ent = ctx.entitlement(lf)
    ignored = [u for u in ent.unserved if u.reason == "ignored-feature" and u.cause]
    if not ignored:
        return
    # an exact copy of a line met before (the same record apart from layout) is duplicate-line's
    known: Set[Hashable] = {layout_key(ctx.record_at(lf, u.cause.line)) for u in ignored}
    for u in ignored:
        rec = ctx.record_at(lf, u.line)
        first = ctx.record_at(lf, u.cause.line)
        rid = layout_key(rec)
        if rid in known:
            continue
        known.add(rid)
        n = rec.count.value  # type: ignore[union-attr]
        m = first.count.value  # type: ignore[union-attr]
        where = f"line {first.line}"
        if first.line > rec.line:
            where += f", which the license server sorts first: {_why_first(first, rec)}"
        message = (f"{describe(rec)} (version {rec.version.text}, {plural(n, 'license')}) is "
                   "ignored: the license server processes only the first counted FEATURE line "
                   f"of a feature, {where} (version {first.version.text}, {plural(m, 'license')}); "
                   f"the {plural(n, 'license')} here do not add to it")
        amb = ent.ambiguity(u.vendor, u.feature)
        if amb is not None:
            message += (f"; which line is first depends on the version sort, where the FlexNet "
                        f"guides disagree: {amb.message} (set version-sort to choose)")
        yield ctx.at_record(rec, message,
                            "ask the publisher to issue the additional licenses as INCREMENT "
                            "lines")


RULE = Rule("L202", "duplicate-feature", "warning",
            "A second counted FEATURE line for the same feature: only one is used.", DOC,
            check=check)
