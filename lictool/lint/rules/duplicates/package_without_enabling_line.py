"""L206 package-without-enabling-line."""

from __future__ import annotations

from typing import Dict, Iterator, List, Tuple

from ....model import Feature, LicenseFile, Package
from ....syntax.kinds import FEATURE, INCREMENT
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A PACKAGE line with no enabling line in the files linted together (`lictool lint a.lic b.lic
dir/`, or the license files of `lictool check`; a file linted alone is its own set): no FEATURE or
INCREMENT line with the package's name and vendor and, when the PACKAGE has a version, the same
version (compared numerically: `1.0` = `1.00`). Names are compared exactly. An enabling line in
another file of the set is enough: there is no finding.

* **warning** when FEATURE or INCREMENT lines of the package's name exist in the set, but none
  with its vendor and version: the message lists them (an enabling line of last year, or of
  another vendor, is a real mistake);
* **info** when no FEATURE or INCREMENT line of the package's name exists anywhere in the set,
  or when the PACKAGE line's file has no FEATURE, INCREMENT or UPGRADE line at all (a file of
  package definitions): the enabling line may simply be in a file that was not linted with it.

## Why it matters
A PACKAGE line licenses nothing by itself: it only says which components a package contains. The
FEATURE or INCREMENT line with the package's name (and version) is what enables it and carries the
count. Without it none of the components is available. PACKAGE lines are shipped with a product
independently of any license, often in a file of their own (v6+), so the enabling line may be in
another file of the license search path: lint those files together. An enabling line of another
version is different: the package stays disabled until the publisher sends the matching one.

## Source
FLEXnet Licensing End User Guide (EUG-10) p115-116, EUG-11 p117-118, and FlexNet Publisher
License Administration Guide 2023 R1, "PACKAGE Lines" (a PACKAGE line licenses nothing alone; an
enabling FEATURE/INCREMENT with the same name, and the same version when pkg_version is given,
enables it; "PACKAGE lines may be shipped in separate files (v6+)"). Research notes
`grammars/flexnet-format.md` section 1.7.
"""

Line = Tuple[Feature, LicenseFile]   # a FEATURE or INCREMENT line and the file it is in


def _enabling(files: Tuple[LicenseFile, ...], ctx: Context
              ) -> Tuple[Dict[Tuple[str, str], List[Line]], Dict[str, List[Line]]]:
    """The FEATURE and INCREMENT lines of the files by (name, vendor), and by name alone."""
    by_key: Dict[Tuple[str, str], List[Line]] = {}
    by_name: Dict[str, List[Line]] = {}
    for f in files:
        for rec in ctx.records(f, Feature):
            if rec.keyword in (FEATURE, INCREMENT):
                by_key.setdefault((rec.name, rec.vendor), []).append((rec, f))
                by_name.setdefault(rec.name, []).append((rec, f))
    return by_key, by_name


def _where(line: Line, lf: LicenseFile) -> str:
    """``2025.0101 on line 4`` (in the file being checked) or ``... on line 4 of b.lic``."""
    rec, f = line
    where = "" if f is lf else f" of {f.path or '<string>'}"
    return f"{rec.version} on line {rec.line}{where}"


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    packages = ctx.records(lf, Package)
    if not packages:
        return
    files = ctx.linted_files(lf)
    by_key, by_name = _enabling(files, ctx)
    definitions_only = not ctx.records(lf, Feature)
    by_whom = "this file" if len(files) == 1 else f"the {len(files)} files linted together"
    for pkg in packages:
        lines = by_key.get((pkg.name, pkg.vendor), [])
        if pkg.version is None:
            if lines:
                continue
            wanted = ""
        else:
            if any(r.version.same_as(pkg.version) for r, _ in lines):
                continue
            wanted = f" version {pkg.version}"
        others = ""
        if lines:
            others = " (other versions: " + ", ".join(_where(ln, lf) for ln in lines) + ")"
        if by_name.get(pkg.name) and not definitions_only:
            severity = None   # lines of its name, none of its vendor and version: a mistake
            hint = ("add the enabling line the publisher issued with the package (it may be in "
                    "another license file of the search path)")
        elif len(files) == 1:
            severity = "info"
            hint = ("PACKAGE lines are often shipped in a file of their own: lint it together "
                    "with the license file of its enabling line")
        else:
            severity = "info"
            hint = ("the enabling line may be in a license file of the search path that was not "
                    "linted with it")
        yield ctx.at_record(
            pkg,
            f"{describe(pkg)} has no FEATURE or INCREMENT line {pkg.name!r}{wanted} to enable "
            f"it{others}: none of its components is licensed by {by_whom}",
            hint, severity=severity)


RULE = Rule("L206", "package-without-enabling-line", "warning",
            "A PACKAGE line with no FEATURE/INCREMENT line of its name (and version) in the "
            "files linted together.", DOC, check=check)
