"""L702 mixed-feature-versions."""

from __future__ import annotations

from typing import Dict, Iterator, List, Tuple, Union

from ...catalogs import for_settings
from ...model import Feature, LicenseFile, Package, Version
from ..rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
The same feature (name and vendor, names compared exactly) of a catalogued vendor (`genesys.d`)
on FEATURE, INCREMENT, UPGRADE or PACKAGE lines of two or more major releases, such as
`tserver_sdn ... 7.6` and `tserver_sdn ... 8.1`. Majors are compared (the integer part of the
version): `8.0` and `8.1` lines are of one release. There is one finding per feature, on the
version field of the first line of the second major release met in the file, citing the lines
of the other release(s). PACKAGE lines are compared with PACKAGE lines only. No target release
is needed: with one, `old-feature-version` also reports the lines older than the target.

## Why it matters
Since release 8.x Genesys products take only the license features of their own major release: an
8.x product uses only the 8.x lines, and the 7.x lines serve only the 7.x components that still
run. Counts on lines of different releases do not add up for any one product, which is easy to
miss in a file merged during an upgrade; once every component is on 8.x, the 7.x lines can go.

## Source
Genesys licensing guide (`genesys-licensing-guide.txt`), "Technical License Compatibility":
"When you upgrade an application from a 7.x to an 8.x release, you must order a new license
file." and its Warning: "Genesys applications release 8.x do not work with 7.x licenses. [...]
This means that Genesys 8.x products will check out only 8.x license features."; "Introduction"
(from Release 8.x products verify the version of the license features). Research notes
`genesys-domain.md` sections 1, 3.1 and 5 (rule 11, `GEN-MIXED-GENERATIONS`, info).
"""

Line = Union[Feature, Package]
Key = Tuple[bool, str, str]


def _cite(lines: List[Tuple[Line, Version]]) -> str:
    """``8.x on lines 3 (8.1) and 7 (8.0)``, each major release in the order met, ``;``-joined."""
    by_major: Dict[int, List[str]] = {}
    for rec, version in lines:
        by_major.setdefault(version.major, []).append(f"{rec.line} ({version.text})")
    out = []
    for major, parts in by_major.items():
        if len(parts) == 1:
            out.append(f"{major}.x on line {parts[0]}")
        else:
            out.append(f"{major}.x on lines " + ", ".join(parts[:-1]) + " and " + parts[-1])
    return "; ".join(out)


def _why(majors: List[int]) -> str:
    top = max(majors)
    if top >= 8:
        return (f"Genesys {top}.x products use only the {top}.x lines, the others serve only "
                "components of their own release")
    return "from release 8.x on, Genesys products use only the lines of their own release"


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    vendors = for_settings(ctx.settings).vendors
    groups: Dict[Key, List[Tuple[Line, Version]]] = {}
    for rec in lf.records:
        if (isinstance(rec, (Feature, Package)) and rec.vendor in vendors
                and rec.version is not None):
            # A PACKAGE and the FEATURE line that enables it share a name: keep them apart.
            key = (isinstance(rec, Package), rec.name, rec.vendor)
            groups.setdefault(key, []).append((rec, rec.version))
    for lines in groups.values():
        first_major = lines[0][1].major
        second = next((x for x in lines if x[1].major != first_major), None)
        if second is None:
            continue
        rec, version = second
        others = [x for x in lines if x[1].major != version.major]
        majors = sorted({v.major for _, v in lines})
        releases = ", ".join(f"{m}.x" for m in majors)
        yield ctx.at_field(
            rec, "version",
            f"{describe(rec)} is on lines of several major releases ({releases}): "
            f"{version.major}.x here (version {version.text!r}), {_cite(others)}: {_why(majors)}",
            "counts of different releases do not add up for one product; once no component of "
            "an older release runs, remove its lines")


RULE = Rule("L702", "mixed-feature-versions", "info",
            "The same Genesys feature on lines of two or more major releases.", DOC,
            options={}, check=check)
