"""L701 old-feature-version."""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Tuple, Union

from ....catalogs import for_settings
from ....model import Feature, LicenseFile, Package, Version
from ....words import and_list
from ...rule import Context, Finding, Rule, describe
from ...settings import checkout_version, target_major

DOC = """\
## What it checks
Only when a target release is set (`target-release = "8.1"` in the configuration, or
`--target-release`): a FEATURE, INCREMENT, UPGRADE or PACKAGE line of a catalogued vendor
(`genesys.d`) whose version belongs to an older major release than the target, such as `7.6`
when the target is `8.1`. Majors are compared (the integer part of the version): `8.0` and `8.5`
lines serve an `8.1` target; lines newer than the target are not reported. When the license server serves the target's
products licenses of the same feature (name and vendor) from other lines — pools of version
`8.0` or later for an `8.1` target, as the entitlement engine computes them (`lictool report`;
a line of version >= the request serves it) — the message says how many and from which lines:
the products use those, and this line is only unused, so the finding is a warning instead of an
error. The message also says when the server serves nothing from this line at all (e.g. a 7.6
FEATURE line ignored because the 8.1 FEATURE line is processed first), and when the answer
depends on the version sort (`version-sort`). For PACKAGE lines, a PACKAGE line of the same
name at the target release is what makes it a warning. Without a target release the rule says nothing. The finding is on
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
FLEXnet Licensing End User Guide, Appendix B, Table B-1 (`feat_version`: the version of the
feature supported by the license, so a request of version v is served by lines of version >= v).
The research notes `grammars/genesys-domain.md` sections 1 (7.x vs 8.x), 3.1 and 5 (rule 9);
`grammars/flexnet-format.md` section 9 (version field).
"""

Line = Union[Feature, Package]
Key = Tuple[bool, str, str]


def _key(rec: Line) -> Key:
    # A PACKAGE and the FEATURE line that enables it share a name: keep them apart.
    return (isinstance(rec, Package), rec.name, rec.vendor)


def _lines(refs) -> str:
    nums = sorted({r.line for r in refs})
    return f"{'line' if len(nums) == 1 else 'lines'} {and_list(map(str, nums))}"


def _for_target(ent, rec: Feature, request: str) -> Optional[str]:
    """What the engine serves of ``rec``'s feature to a checkout of ``request`` (pools of a
    version >= it), in words, or None when nothing serves it."""
    want = Version(request).number
    pools = [p for p in ent.pools_of(rec.vendor, rec.name) if p.number >= want and p.seats != 0]
    if not pools:
        return None
    if any(p.seats is None for p in pools):
        what = "uncounted licenses"
    else:
        total = sum(p.seats for p in pools)  # type: ignore[misc]
        what = "1 seat" if total == 1 else f"{total} seats"
    versions = sorted({p.version for p in pools})
    refs = [ref for p in pools for ref in p.lines]
    return f"{what} of version {' and '.join(versions)} ({_lines(refs)})"


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    target = target_major(ctx.settings)
    if target is None:
        return
    vendors = for_settings(ctx.settings).vendors
    lines: List[Tuple[Line, Version]] = [
        (r, r.version) for r in ctx.records(lf, Feature, Package)
        if r.vendor in vendors and r.version is not None]
    if not any(v.major < target for _, v in lines):
        return
    ent = ctx.entitlement(lf)
    path = ctx.entitlement_path(lf)
    request = checkout_version(target)
    packages: Dict[Key, Tuple[Line, Version]] = {}
    for rec, version in lines:
        if version.major == target and isinstance(rec, Package):
            packages.setdefault(_key(rec), (rec, version))
    release = ctx.settings.get("target-release")
    for rec, version in lines:
        if version.major >= target:
            continue
        head = (f"{describe(rec)} has version {version.text!r} (release {version.major}.x), older "
                f"than the target release {release}: Genesys {target}.x products check out only "
                f"{target}.x license features")
        if isinstance(rec, Package):
            pkg = packages.get(_key(rec))
            used = (None if pkg is None else
                    f"the {pkg[0].keyword} line on line {pkg[0].line} (version {pkg[1].text!r})")
        else:
            used = _for_target(ent, rec, request)
        severity = None
        if used is not None:
            severity = "warning"  # the products have licenses they can use: this line is dead
            message = f"{head}; they use {used}, so this one is unused"
            hint = (f"remove this line once no {version.major}.x component needs it (lines are "
                    "signed: only whole lines can be removed)")
        else:
            message = (f"{head}, so they cannot use this line; a new license file with "
                       f"{target}.x features must be ordered from Genesys")
            hint = (f"ask Genesys for a license file of release {target}.x (the version is "
                    f"signed, it cannot be edited); keep this line only while {version.major}.x "
                    "components still use it")
        if isinstance(rec, Feature):
            u = ent.why_unserved(path, rec.line)
            if u is not None:
                message += f" (and the license server serves nothing from it: {u.message})"
            amb = ent.ambiguity(rec.vendor, rec.name)
            if amb is not None:
                message += (f"; what is served depends on the version sort, where the FlexNet "
                            f"guides disagree: {amb.message} (set version-sort to choose)")
        yield ctx.at_field(rec, "version", message, hint, severity)


RULE = Rule("L701", "old-feature-version", "error",
            "A Genesys feature line of a major release older than the target release.", DOC,
            check=check)
