"""L103 bad-date."""

from __future__ import annotations

from typing import Iterator, Union

from ....model import Feature, Package
from ....values import date_problem
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A date that cannot exist: in the expiry field of a FEATURE, INCREMENT or UPGRADE line
(`31-feb-2025`, `31-foo-2024`, `31-jun-2026`), or in the value of an `ISSUED=` or `START=`
attribute of a feature or PACKAGE line (the same, plus anything that is not `dd-mmm-yyyy`). A
year of 0 (`1-jan-0`, `1-jan-0000`) means "never expires" in the expiry field only: as an
`ISSUED=` or `START=` value it is not a date and is reported. Months are English abbreviations in
any case (`31-Dec-2026`, `31-DEC-2026`); the day and year are written with the digits 0-9 only
(`²-jan-2024` is not a date), and the year is at most 9999. The message says what is wrong with
the date.

## Why it matters
The license server cannot tell when such a line expires, starts or was issued, and rejects the
line or treats it as invalid: the licenses on it are not available. Dates are covered by the
signature, so the line cannot be fixed by hand; the publisher has to issue it again.

## Source
FlexNet Publisher License Administration Guide 2022 R3, "Publisher-Defined Required Keywords"
(`exp_date` is `dd-mmm-yyyy`; `permanent` or a year of 0, 00, 000 or 0000 never expires);
FLEXnet Licensing End User Guide (EUG-10) p110-112 (`ISSUED=dd-mmm-yyyy`, `START=dd-mmm-yyyy`).
The research notes `grammars/flexnet-format.md` sections 1.5 and 2.2.
"""

_DATE_ATTRIBUTES = ("ISSUED", "START")


def visit(rec: Union[Feature, Package], ctx: Context) -> Iterator[Finding]:
    hint = "ask the publisher to reissue the line with a valid date (the date is signed)"
    if isinstance(rec, Feature) and not rec.expiry.valid:
        text = rec.expiry.text
        why = date_problem(text) or "it is not a dd-mmm-yyyy date"
        yield ctx.at_field(
            rec, "expiry", f"{describe(rec)} has an impossible expiry date {text!r}: {why}",
            hint)
    for attr in rec.attributes:
        if attr.name not in _DATE_ATTRIBUTES or attr.value is None:
            continue
        why = date_problem(attr.value)
        if why is not None:
            yield ctx.at_attribute(
                attr, f"{describe(rec)} has an impossible {attr.key}= date "
                      f"{attr.value!r}: {why}", hint)


RULE = Rule("L103", "bad-date", "error",
            "An impossible date in the expiry field or in ISSUED= / START=.", DOC,
            visits=(Feature, Package), visit=visit)
