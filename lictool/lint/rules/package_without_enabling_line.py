"""L206 package-without-enabling-line."""

from __future__ import annotations

from typing import Dict, Iterator, List, Tuple

from ...model import Feature, LicenseFile, Package
from ..rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A PACKAGE line with no enabling line anywhere in the file: no FEATURE or INCREMENT line with the
package's name and vendor and, when the PACKAGE has a version, the same version (compared
numerically: `1.0` = `1.00`). Names are compared exactly. When lines of the package's name exist
with other versions, the message lists them.

## Why it matters
A PACKAGE line licenses nothing by itself: it only says which components a package contains. The
FEATURE or INCREMENT line with the package's name (and version) is what enables it and carries the
count. Without it none of the components is available. PACKAGE lines may be shipped in a separate
file (v6+), so the enabling line may be in another file of the license search path; if it is
nowhere, ask the publisher for it.

## Source
FLEXnet Licensing End User Guide (EUG-10) p115-116, EUG-11 p117-118, and FlexNet Publisher
License Administration Guide 2023 R1, "PACKAGE Lines" (a PACKAGE line licenses nothing alone; an
enabling FEATURE/INCREMENT with the same name, and the same version when pkg_version is given,
enables it). Research notes `flexnet-format.md` section 1.7.
"""


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    enabling: Dict[Tuple[str, str], List[Feature]] = {}
    for rec in lf.records:
        if isinstance(rec, Feature) and rec.keyword in ("FEATURE", "INCREMENT"):
            enabling.setdefault((rec.name, rec.vendor), []).append(rec)
    for pkg in lf.records:
        if not isinstance(pkg, Package):
            continue
        lines = enabling.get((pkg.name, pkg.vendor), [])
        if pkg.version is None:
            if lines:
                continue
            wanted = ""
        else:
            if any(r.version is not None and r.version.same_as(pkg.version) for r in lines):
                continue
            wanted = f" version {pkg.version}"
        others = ""
        if lines:
            others = " (other versions: " + ", ".join(
                f"{r.version} on line {r.line}" for r in lines) + ")"
        yield ctx.at_record(
            pkg,
            f"{describe(pkg)} has no FEATURE or INCREMENT line {pkg.name!r}{wanted} to enable "
            f"it{others}: none of its components is licensed by this file",
            "add the enabling line the publisher issued with the package (it may be in another "
            "license file of the search path)")


RULE = Rule("L206", "package-without-enabling-line", "warning",
            "A PACKAGE line with no FEATURE/INCREMENT line of its name (and version).", DOC,
            check=check)
