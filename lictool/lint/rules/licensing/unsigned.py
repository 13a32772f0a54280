"""L403 unsigned."""

from __future__ import annotations

from typing import Iterator, Union

from ....syntax.vocabulary import spec
from ....model import Feature, Package
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A FEATURE, INCREMENT, UPGRADE or PACKAGE line with no signature: none of `SIGN=`, `SIGN2=`,
`SIGN3=`, `SIGN4=` or `AUTH=`, and no positional license key (the 12- or 20-hex-digit key of
pre-v7.1 files). A signature attribute with an empty value counts as missing.

## Why it matters
Every license line is signed by the publisher; the vendor daemon and the client library check the
signature against the signed fields and refuse a line that has none. An unsigned line is typically
a line typed by hand, a template before `lmcrypt` filled it in, or a line whose `SIGN="..."`
continuation was lost when the file was pasted into an e-mail or a ticket.

## Source
`grammars/flexnet-format.md` 1.5: license key "pre-v7.1 format had a mandatory key here; v7.1-v8.0 allowed
key **and** SIGN=" (EUG-10 p114); "`SIGN=` / `AUTH=` signature ... `AUTH=` replaces SIGN on common
vendor daemon deployments. `SIGN2=` (second signature ...). Up to SIGN4" (EUG-11 p112;
CF KB 3006); 1.1: everything but the end-user editable parts "is covered by the signature"
(LAG 2022r3 `License_File_Format_Overview`); 3.5: `lmcrypt`/`makekey` "fill in signatures".
"""


def visit(rec: Union[Feature, Package], ctx: Context) -> Iterator[Finding]:
    if rec.license_key:
        return
    sig = spec().signature_keywords
    sigs = [a for a in rec.attributes if a.name in sig]
    if any(a.value and a.value.strip() for a in sigs):
        return
    if sigs:
        what = f"its {sigs[0].key}= is empty"
    else:
        what = "no SIGN=, AUTH= or license key"
    yield ctx.at_record(
        rec,
        f"{describe(rec)} is not signed ({what}): the vendor daemon rejects a line without "
        "a signature",
        "copy the line with its SIGN=\"...\" from the license file the publisher issued; a "
        "signature cannot be made up")


RULE = Rule("L403", "unsigned", "warning",
            "A feature or package line with no SIGN=/AUTH= signature and no license key.", DOC,
            visits=(Feature, Package), visit=visit)
