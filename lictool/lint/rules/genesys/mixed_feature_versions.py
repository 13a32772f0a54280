"""L702 mixed-feature-versions."""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Tuple, Union

from ....catalogs import for_settings
from ....model import Feature, LicenseFile, Package, Version
from ....words import and_list
from ...rule import Context, Finding, Rule, describe
from ...settings import VERSION_CHECK_FROM, checkout_version

DOC = """\
## What it checks
The same feature (name and vendor, names compared exactly) of a catalogued vendor (`genesys.d`)
on FEATURE, INCREMENT, UPGRADE or PACKAGE lines of two or more major releases, such as
`tserver_sdn ... 7.6` and `tserver_sdn ... 8.1`. Majors are compared (the integer part of the
version): `8.0` and `8.1` lines are of one release. There is one finding per feature, on the
version field of the first line of the second major release met in the file, citing the lines
of the other release(s), and says what the products of each release can draw on, by the
entitlement engine (`lictool report`): a checkout of version v is served by the pools of version
>= v, so 8.x products draw on the 8.x lines only and 7.x products (which do not check versions)
on every line. PACKAGE lines are compared with PACKAGE lines only. No target release is needed:
with one, `old-feature-version` also reports the lines older than the target.

## Why it matters
Since release 8.x Genesys products take only the license features of their own major release: an
8.x product uses only the 8.x lines, and the 7.x lines serve only the 7.x components that still
run. The 7.x counts do not add up for 8.x products, which is easy to miss in a file merged during
an upgrade (and a 7.x FEATURE line next to an 8.x FEATURE line of the same feature is not served
at all: `duplicate-feature`); once every component is on 8.x, the 7.x lines can go.

## Source
Genesys licensing guide (`genesys-licensing-guide.txt`), "Technical License Compatibility":
"When you upgrade an application from a 7.x to an 8.x release, you must order a new license
file." and its Warning: "Genesys applications release 8.x do not work with 7.x licenses. [...]
This means that Genesys 8.x products will check out only 8.x license features."; "Introduction"
(from Release 8.x products verify the version of the license features). FLEXnet Licensing End
User Guide, Appendix B, Table B-1 (`feat_version`: a request of version v is served by lines of
version >= v). Research notes
`grammars/genesys-domain.md` sections 1, 3.1 and 5 (rule 11, `GEN-MIXED-GENERATIONS`, info).
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
        out.append(f"{major}.x on {'line' if len(parts) == 1 else 'lines'} {and_list(parts)}")
    return "; ".join(out)


def _why(majors: List[int]) -> str:
    top = max(majors)
    if top >= 8:
        return (f"Genesys {top}.x products use only the {top}.x lines, the others serve only "
                "components of their own release")
    return "from release 8.x on, Genesys products use only the lines of their own release"


def _seats(n: Optional[int]) -> str:
    return "any number (uncounted)" if n is None else ("1 seat" if n == 1 else f"{n} seats")


def _draws(ent, rec: Feature, majors: List[int]) -> str:
    """What the products of each release draw on, by the engine: ``8.x products draw on lines
    of version 8.0 and later: 320 seats; 7.x products on any line: 620 seats``."""
    parts = []
    for major in sorted(majors, reverse=True):
        request = checkout_version(major)
        seats = _seats(ent.seats(rec.vendor, rec.name, request))
        if major >= VERSION_CHECK_FROM:
            parts.append(f"Genesys {major}.x products draw on lines of version {request} and "
                         f"later: {seats}")
        else:
            parts.append(f"{major}.x products (which do not check versions) on any line: {seats}")
    return "; ".join(parts)


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    vendors = for_settings(ctx.settings).vendors
    groups: Dict[Key, List[Tuple[Line, Version]]] = {}
    for rec in ctx.records(lf, Feature, Package):
        if rec.vendor in vendors and rec.version is not None:
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
        if isinstance(rec, Package):
            why = _why(majors)
        else:
            why = "what the license server serves: " + _draws(ctx.entitlement(lf), rec, majors)
        yield ctx.at_field(
            rec, "version",
            f"{describe(rec)} is on lines of several major releases ({releases}): "
            f"{version.major}.x here (version {version.text!r}), {_cite(others)}: {why}",
            "counts of older releases do not add up for products of a newer one; once no "
            "component of an older release runs, remove its lines")


RULE = Rule("L702", "mixed-feature-versions", "info",
            "The same Genesys feature on lines of two or more major releases.", DOC,
            check=check)
