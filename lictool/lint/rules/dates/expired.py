"""L101 expired."""

from __future__ import annotations

from typing import Iterator

from ....model import LicenseFile
from ....words import plural
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A FEATURE, INCREMENT or UPGRADE line whose expiry date (the fifth field, `31-jan-2025`) is before
the reference date (today, or `--today`). The expiry date itself is the last day the line is
counted as usable: a line that expires on 1 June is reported as expired from 2 June. Permanent
lines (`permanent`, or a year of 0, 00, 000 or 0000 such as `1-jan-0`) never expire, and an
impossible date is left to `bad-date`. The lines are those the entitlement engine
(`lictool report`) finds `expired`, and the message says what the file still serves of the
feature without the line.

## Why it matters
The license server ignores an expired line: the licenses on it are gone, and an application that
needs them (a T-Server asking for `tserver_sdn`, a simulator asking for its solver seats) fails
to check them out. An expired line left in the file also makes the file harder to read and merge:
it looks like capacity that is not there.

## Source
FlexNet Publisher License Administration Guide 2022 R3, "Publisher-Defined Required Keywords"
(`exp_date`: `dd-mmm-yyyy`; `permanent`, or any date whose year is 0, 00, 000 or 0000, never
expires); FLEXnet Licensing End User Guide (EUG-10) p110. Research notes
`grammars/flexnet-format.md` section 1.5. Counting the expiry day as still usable follows the users of
judouk/flexlm-portal ("keep features active through their expiry day"); the guides do not say at
what hour a line expires.
"""


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    ent = ctx.entitlement(lf)
    for u in ent.unserved:
        if u.reason != "expired" or u.date is None:
            continue
        rec = ctx.record_at(lf, u.line)
        served = ent.served(u.vendor, u.feature)
        rest = (f"nothing else in the file serves {u.feature!r}" if served == "nothing" else
                f"the file still serves {u.feature!r} from other lines: {served}")
        yield ctx.at_field(
            rec, "expiry",
            f"{describe(rec)} expired on {u.date.isoformat()} "
            f"({plural((ctx.today - u.date).days, 'day')} ago): it serves nothing; {rest}",
            "renew it (ask the publisher for a new line with a later expiry date), or remove "
            "the line")


RULE = Rule("L101", "expired", "error",
            "A FEATURE, INCREMENT or UPGRADE line whose expiry date has passed.", DOC,
            check=check)
