"""L102 expiring-soon."""

from __future__ import annotations

from typing import Iterator

from ....model import Feature
from ....tomlfile import Integer
from ....values import add_days
from ....words import plural
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A FEATURE, INCREMENT or UPGRADE line that expires within the next `days` days (option, default
30; an integer from 0 to 36500, that is 100 years): its expiry date is today or later, and no
later than today + `days` (or 31 December 9999, the last date lictool knows). A line that expires
today is reported ("expires today"); a line that has already expired is left to `expired`, and
permanent lines (`permanent`, `1-jan-0`) are never reported.

## Why it matters
Renewing a license takes time: the order goes to the publisher, the new lines come back signed
and have to be installed and reread (`lmreread`) on every license server. When the date passes,
the license server ignores the line and the applications that need it stop getting licenses.
A warning a month ahead leaves time to do this without an outage.

## Source
FlexNet Publisher License Administration Guide 2022 R3, "Publisher-Defined Required Keywords"
(`exp_date`, `permanent` and year-0 dates); FLEXnet Licensing End User Guide (EUG-10) p110.
The research notes `grammars/flexnet-format.md` section 1.5. The 30-day default and the 100-year bound are
lictool's choice.
"""


MAX_DAYS = 36500  # 100 years: the option's upper bound


def _left(days: int) -> str:
    if days == 0:
        return "today"
    return f"in {plural(days, 'day')}"


def visit(rec: Feature, ctx: Context) -> Iterator[Finding]:
    days = int(ctx.options.get("days", 30))
    if days < 0:
        return
    last = add_days(ctx.today, days)
    if rec.expiry.date is None:
        return
    date = rec.expiry.date
    if ctx.today <= date <= last:
        left = (date - ctx.today).days
        when = (f"expires today ({date.isoformat()})" if left == 0
                else f"expires on {date.isoformat()} ({_left(left)})")
        yield ctx.at_field(
            rec, "expiry", f"{describe(rec)} {when}",
            "order the renewal now and install the new line before the expiry date")


RULE = Rule("L102", "expiring-soon", "warning",
            "A FEATURE, INCREMENT or UPGRADE line that expires within the next `days` days.", DOC,
            options={"days": 30}, option_types={"days": Integer(0, MAX_DAYS)},
            visits=(Feature,), visit=visit)
