"""L706 wrong-vendor-daemon."""

from __future__ import annotations

import re
from typing import Dict, Iterator, List, Optional, Union

from ....catalogs import VendorCatalog, for_settings
from ....model import Feature, LicenseFile, Package, Vendor
from ....words import and_list
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A near miss of a catalogued vendor daemon name (`genesys.d`) where that vendor's feature names
are used, so that the daemon would not serve them:

- a FEATURE, INCREMENT, UPGRADE or PACKAGE line whose name is in the catalogue (`tserver_sdn`,
  `GIS`, ...) and whose vendor field is not `genesys.d` but a near miss of it; the finding is on
  the vendor field;
- a VENDOR or DAEMON line whose name is a near miss of `genesys.d`, in a file holding lines with
  catalogued feature names; the finding is on the name field.

A near miss is another spelling of the same name (`Genesys.d`, `GENESYS.D`, `genesysd`,
`genesys_d`: the same letters and digits, ignoring case and punctuation), the name without or
with a longer daemon suffix (`genesys`, `genesys.daemon`), or a typo of one or two characters
(`genesis.d`, `gensys.d`; one character for names shorter than six). A different vendor
(`acmed` with its own feature names) is not a near miss, and a vendor with a catalogue of its
own is never reported.

## Why it matters
lmgrd starts one vendor daemon per VENDOR line, by name, and a feature line is served only by the
daemon its vendor field names; names are case-sensitive. Genesys ships one daemon, `genesys.d`:
a line retyped as `FEATURE tserver_sdn Genesys.d ...`, or a `VENDOR genesys` line, leaves the
Genesys features without a daemon, and every checkout fails as if the license server were down.
`vendor-mismatch` reports vendors without a VENDOR line; this rule says which name was meant.

## Source
Genesys licensing guide (`genesys-licensing-guide.txt`), "Introduction": Genesys "deploys the
FLEXlm/FlexNet Publisher [...] licensing mechanism"; "Technical Licenses": the "exact license
names for the listed products as those names appear in license files" (catalogued in
`lictool/catalogs/genesys.toml`). The research notes `grammars/genesys-domain.md` section 1 (the vendor
daemon binary is `genesys.d`; feature lines carry `genesys.d` in the vendor field; `DAEMON` is
the older spelling of `VENDOR`) and 5 (rule 1, `GEN-VENDOR-DAEMON`, error).
"""

Line = Union[Feature, Package]
_SUFFIX = re.compile(r"[._-]?(?:daemon|d)$")


def _alnum(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def near_miss(name: str, vendor: str) -> bool:
    """Whether ``name`` is a misspelling of the vendor daemon name ``vendor`` (not ``vendor``)."""
    if name == vendor or not name:
        return False
    a, b = name.casefold(), vendor.casefold()
    if _alnum(a) == _alnum(b):
        return True
    stem_a, stem_b = _alnum(_SUFFIX.sub("", a)), _alnum(_SUFFIX.sub("", b))
    if stem_b and stem_a == stem_b:
        return True
    limit = 2 if len(b) >= 6 else 1
    return _distance(a, b) <= limit or _distance(_alnum(a), _alnum(b)) <= limit


def _catalogued(cat: VendorCatalog, name: str) -> Optional[str]:
    info = cat.features.get(name)
    if info is None:
        return None
    return info.product or info.name


def _cite(recs: List[Line]) -> str:
    """``tserver_sdn on line 5, GIS on line 8 and 2 more``: each name once, at its first line."""
    first: Dict[str, int] = {}
    for r in recs:
        first.setdefault(r.name, r.line)
    parts = [f"{name} on line {line}" for name, line in list(first.items())[:3]]
    more = len(first) - len(parts)
    if more:
        return ", ".join(parts) + f" and {more} more"
    return and_list(parts)


def _vendors(ctx: Context) -> List[VendorCatalog]:
    """The catalogued vendors that have features."""
    if "vendors" not in ctx.state:
        cats = for_settings(ctx.settings)
        ctx.state["vendors"] = [c for c in cats.vendors.values() if c.features]
        ctx.state["used"] = {c.vendor: [] for c in ctx.state["vendors"]}
    return ctx.state["vendors"]


def visit(rec: Line, ctx: Context) -> Iterator[Finding]:
    """A feature line for a near miss of a catalogued vendor (and which vendors' features the
    file uses)."""
    vendors = _vendors(ctx)
    cats = for_settings(ctx.settings)
    used: Dict[str, List[Line]] = ctx.state["used"]
    name, vendor = rec.name, rec.vendor
    for cat in vendors:
        product = _catalogued(cat, name)
        if product is None:
            continue
        used[cat.vendor].append(rec)
        if vendor in cats.vendors or not near_miss(vendor, cat.vendor):
            continue
        yield ctx.at_field(
            rec, "vendor",
            f"{describe(rec)} is for vendor {vendor!r}, a near miss of {cat.vendor!r}: "
            f"{name} is a {cat.vendor} feature ({product}), and the {cat.vendor} daemon will "
            "not serve it",
            f"write the vendor as {cat.vendor!r}, exactly as the publisher issued it (the "
            "vendor field is signed: a line issued for another vendor must be reissued)")
        break


def finish(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    """A VENDOR line for a near miss of a catalogued vendor whose features the file uses."""
    vendors = _vendors(ctx)
    cats = for_settings(ctx.settings)
    used: Dict[str, List[Line]] = ctx.state["used"]
    for rec in ctx.records(lf, Vendor):
        if rec.name in cats.vendors:
            continue
        for cat in vendors:
            if not used[cat.vendor] or not near_miss(rec.name, cat.vendor):
                continue
            yield ctx.at_field(
                rec, "name",
                f"{describe(rec)} is a near miss of {cat.vendor!r}: lmgrd looks for a daemon "
                f"named {rec.name!r}, and the {cat.vendor} daemon will not serve the "
                f"{cat.vendor} features of this file ({_cite(used[cat.vendor])})",
                f"name the daemon {cat.vendor!r}: '{rec.keyword} {cat.vendor}' with the daemon's "
                "path")
            break


RULE = Rule("L706", "wrong-vendor-daemon", "error",
            "A near miss of genesys.d (Genesys.d, genesys, genesysd) where Genesys features are "
            "used.", DOC, visits=(Feature, Package), visit=visit, finish=finish)
