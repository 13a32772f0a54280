"""L205 upgrade-without-base."""

from __future__ import annotations

from typing import Dict, Iterator, List, Tuple

from ....model import Feature, LicenseFile
from ....syntax.kinds import FEATURE, INCREMENT, UPGRADE
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
An UPGRADE line (`UPGRADE feature vendor from_version to_version ...`) with no earlier line to
upgrade: no FEATURE or INCREMENT line of the same feature name and vendor, before it in the file,
whose version v satisfies from_version <= v < to_version. Versions are compared numerically
(`8.1` = `8.10`, `2024.0601` < `2025.0101`); names are compared exactly. The base must serve:
a counted line that is not expired, ignored, superseded, ... (the entitlement engine decides, as
`lictool report` does; an UPGRADE line that serves nothing itself, e.g. expired, is left to the
rule that says why). When a matching line exists only after the UPGRADE, or exists before it but
serves nothing or is uncounted, the message says so.

## Why it matters
An UPGRADE line licenses nothing by itself: it takes up to its count of licenses from the closest
preceding FEATURE or INCREMENT line in the version range and reissues them at the new version.
Without such a line before it, the upgrade does nothing and the new version is not available. The
order matters, so a merge or a hand edit that moves the UPGRADE above its base breaks it.

## Source
FlexNet Publisher License Administration Guide 2026 R1, "UPGRADE Lines"; FLEXnet Licensing End
User Guide (EUG-10) p117 (the UPGRADE takes licenses from the closest preceding FEATURE/INCREMENT
line whose version is >= from_version and < to_version; example: INCREMENT 5 x v1.000 and UPGRADE
1.000 -> 2.000 x 2 give 3 x v1 and 2 x v2). The research notes `grammars/flexnet-format.md` sections 1.6 and
5.3 ("UPGRADE lines act on the closest preceding matching line -- keep them after their
targets").
"""


def _in_range(rec: Feature, up: Feature) -> bool:
    # Numbers, not Version objects: Version equality is textual (1.0 != 1.00).
    return (rec.keyword in (FEATURE, INCREMENT)
            and up.from_version.number <= rec.version.number  # type: ignore[union-attr]
            < up.version.number)


def _why_not(rec: Feature, ent, path: str) -> str:
    """Why an earlier line in the UPGRADE's range is not its base: it serves nothing, or it is
    uncounted."""
    u = ent.why_unserved(path, rec.line)
    if u is not None:
        return f"line {rec.line} is in the range but serves nothing ({u.reason}: {u.message})"
    return (f"line {rec.line} is in the range but uncounted (node-locked uncounted licenses "
            "cannot be upgraded)")


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    ent = ctx.entitlement(lf)
    path = ctx.entitlement_path(lf)
    unbased = [u for u in ent.unserved if u.reason == "upgrade-without-base"]
    if not unbased:
        return
    # per feature, its FEATURE/INCREMENT lines (the possible bases) and where each UPGRADE is
    # among them: a search looks at bases only, not at every line of the feature
    bases: Dict[Tuple[str, str], List[Feature]] = {}
    place: Dict[int, int] = {}       # id of an UPGRADE record -> bases before it
    for rec in ctx.records(lf, Feature):
        group = bases.setdefault((rec.name, rec.vendor), [])
        if rec.keyword == UPGRADE:
            place[id(rec)] = len(group)
        else:
            group.append(rec)
    for u in unbased:
        up = ctx.record_at(lf, u.line)
        group = bases[(up.name, up.vendor)]
        i = place[id(up)]
        earlier = next((r for r in reversed(group[:i]) if _in_range(r, up)), None)
        later = next((r for r in group[i:] if _in_range(r, up)), None)
        low, high = up.from_version, up.version
        if earlier is not None:
            where = f" that serves ({_why_not(earlier, ent, path)})"
            hint = (f"renew or fix line {earlier.line}, or install a FEATURE or INCREMENT line "
                    "that serves, above the UPGRADE line")
        elif later is not None:
            where = f" (line {later.line} has one, but after the UPGRADE)"
            hint = f"move the UPGRADE line below line {later.line}"
        else:
            where = ""
            hint = ("install the FEATURE or INCREMENT line being upgraded, above the UPGRADE "
                    "line")
        yield ctx.at_record(
            up,
            f"{describe(up)} from version {low} to {high} has no earlier FEATURE or "
            f"INCREMENT line for {up.name!r} with a version from {low} up to (not including) "
            f"{high}{where}: the upgrade has nothing to take licenses from",
            hint)


RULE = Rule("L205", "upgrade-without-base", "warning",
            "An UPGRADE line with no earlier FEATURE/INCREMENT line in its version range.", DOC,
            check=check)
