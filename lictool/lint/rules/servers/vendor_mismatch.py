"""L301 vendor-mismatch."""

from __future__ import annotations

import difflib
from typing import Dict, Iterator, Tuple

from ....model import Feature, LicenseFile
from ...rule import Context, Finding, Rule, describe
from .lines import counted, declared_vendors, has_server

DOC = """\
## What it checks
In a file with SERVER lines, a **counted** FEATURE, INCREMENT or UPGRADE line (a count of 1 or
more) whose vendor field names a vendor daemon that no VENDOR (or DAEMON) line in the file
starts. Vendor names are compared exactly: `genesys.d` and `Genesys.d` are different daemons,
and when a VENDOR line differs only in case the hint says so.

Not checked: uncounted lines (count `uncounted` or `0`), which need neither lmgrd nor a vendor
daemon, and PACKAGE lines, which license nothing by themselves: a package is served through its
enabling FEATURE or INCREMENT line, which this rule checks when it is counted.

## Why it matters
lmgrd starts one vendor daemon per VENDOR line, and only that daemon serves the licenses of its
vendor. A counted feature whose vendor has no VENDOR line is served by nobody: every checkout of
it fails as if the vendor daemon were down. This happens when license files of several vendors
are combined and a VENDOR line is left out, or when a VENDOR line is retyped with a different
spelling. An uncounted line is read by the client itself, so a file of a license server may hold
another vendor's uncounted lines without that vendor's VENDOR line.

## Source
FLEXnet Licensing End User Guide, "Counted vs. Uncounted Licenses": for uncounted licenses
neither lmgrd nor the vendor daemon is necessary; only counted lines need their vendor's VENDOR
line (`grammars/flexnet-format.md` 9). `grammars/flexnet-format.md` 1.5: "`vendor` ... must match a VENDOR line when
counted" (EUG-10 p109); "`num_lic` ... `uncounted` (v6+) or `0` -> uncounted (then a HOSTID is
required, no server needed)"; 1.7: "A PACKAGE line licenses nothing alone; an enabling
FEATURE/INCREMENT with the same name ... enables it"; 1.3: a VENDOR line names the daemon,
"fixed by the publisher"; 3.3: "all data in the license file is case sensitive unless otherwise
indicated" (DG/UX `license.dat(4M)`), so names are compared case-sensitively and case-only
differences are reported; 5.2: when combining files, "keep one VENDOR line per vendor daemon;
features of all vendors follow" (EUG-11 p36).
"""


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    if not has_server(lf, ctx):
        return
    declared = declared_vendors(lf, ctx)
    folded: Dict[str, Tuple[str, str, int]] = {}
    for name, (keyword, line) in declared.items():
        folded.setdefault(name.casefold(), (name, keyword, line))
    for rec in ctx.records(lf, Feature):
        if not counted(rec):
            continue
        vendor = rec.vendor  # type: ignore[attr-defined]
        if vendor in declared:
            continue
        other = folded.get(vendor.casefold())
        if other is not None:
            name, keyword, line = other
            hint = (f"the {keyword} line on line {line} spells it {name!r}: vendor names are "
                    "case-sensitive; use the publisher's spelling on both lines")
        else:
            close = difflib.get_close_matches(vendor, list(declared), n=1, cutoff=0.75)
            if close:
                keyword, line = declared[close[0]]
                hint = (f"did you mean {close[0]!r} ({keyword} line {line})? "
                        f"otherwise add 'VENDOR {vendor}' with the daemon's path")
            else:
                hint = f"add 'VENDOR {vendor}' (with the daemon's path) after the SERVER lines"
        yield ctx.at_field(rec, "vendor",
                           f"{describe(rec)} is for vendor {vendor!r}, which has no VENDOR or "
                           "DAEMON line: no vendor daemon serves it", hint)


RULE = Rule("L301", "vendor-mismatch", "error",
            "A counted feature line whose vendor has no VENDOR/DAEMON line in a file with SERVER "
            "lines.",
            DOC, check=check)
