"""L701 old-feature-version."""

from __future__ import annotations

from typing import Dict, Iterator, List, Tuple, Union

from ...catalogs import for_settings
from ...model import Feature, LicenseFile, Package, Version
from ..rule import Context, Finding, Rule, describe
from ..settings import target_major

DOC = """\
## What it checks
Only when a target release is set (`target-release = "8.1"` in the configuration, or
`--target-release`): a FEATURE, INCREMENT, UPGRADE or PACKAGE line of a catalogued vendor
(`genesys.d`) whose version belongs to an older major release than the target, such as `7.6`
when the target is `8.1`. Majors are compared (the integer part of the version): `8.0` and `8.5`
lines serve an `8.1` target; lines newer than the target are not reported. When the file also
holds a line of the same feature (name and vendor) at the target's major release, the message
names it: that is the line the products will use, and this one is only unused, so the finding is
a warning instead of an error. Without a target release the rule says nothing. The finding is on
the version field.

## Why it matters
From release 8.x on, Genesys products check the version of the license features they check out,
and take only features of their own major release: an 8.x T-Server does not use a
`tserver_sdn ... 7.6` line, whatever its count. Upgrading the applications from 7.x to 8.x
without a new license file leaves them without licenses. The version is covered by the
signature, so it cannot be edited: a new license file has to be ordered from Genesys.

## Source
Genesys licensing guide (`genesys-licensing-guide.txt`), "Introduction": "Starting from Release
8.x, Genesys products begin verification of the version of corresponding license features in a
license file. This means that Genesys 8.x products will check out only 8.0 license features."
"Technical License Compatibility": "When you upgrade an application from a 7.x to an 8.x release,
you must order a new license file." and its Warning: "Genesys applications release 8.x do not
work with 7.x licenses. [...] Genesys 8.x products will check out only 8.x license features."
Research notes `genesys-domain.md` sections 1 (7.x vs 8.x), 3.1 and 5 (rule 9).
"""

Line = Union[Feature, Package]
Key = Tuple[bool, str, str]


def _key(rec: Line) -> Key:
    # A PACKAGE and the FEATURE line that enables it share a name: keep them apart.
    return (isinstance(rec, Package), rec.name, rec.vendor)


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    target = target_major(ctx.settings)
    if target is None:
        return
    vendors = for_settings(ctx.settings).vendors
    lines: List[Tuple[Line, Version]] = [
        (r, r.version) for r in lf.records
        if isinstance(r, (Feature, Package)) and r.vendor in vendors and r.version is not None]
    current: Dict[Key, Tuple[Line, Version]] = {}
    for rec, version in lines:
        if version.major == target:
            current.setdefault(_key(rec), (rec, version))
    release = ctx.settings.get("target-release")
    for rec, version in lines:
        if version.major >= target:
            continue
        head = (f"{describe(rec)} has version {version.text!r} (release {version.major}.x), older "
                f"than the target release {release}: Genesys {target}.x products check out only "
                f"{target}.x license features")
        used = current.get(_key(rec))
        severity = None
        if used is not None:
            severity = "warning"  # the products have a line they can use: this one is dead
            message = (f"{head}; they use the {used[0].keyword} line on line {used[0].line} "
                       f"(version {used[1].text!r}), so this one is unused")
            hint = (f"remove this line once no {version.major}.x component needs it (lines are "
                    "signed: only whole lines can be removed)")
        else:
            message = (f"{head}, so they cannot use this line; a new license file with "
                       f"{target}.x features must be ordered from Genesys")
            hint = (f"ask Genesys for a license file of release {target}.x (the version is "
                    f"signed, it cannot be edited); keep this line only while {version.major}.x "
                    "components still use it")
        yield ctx.at_field(rec, "version", message, hint, severity)


RULE = Rule("L701", "old-feature-version", "error",
            "A Genesys feature line of a major release older than the target release.", DOC,
            options={}, check=check)
