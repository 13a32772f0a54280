"""L703 count-over-cap."""

from __future__ import annotations

from typing import Iterator, Mapping, Optional, Tuple

from ....catalogs import for_settings
from ....model import Feature
from ....tomlfile import Integer, Table
from ....values import MAX_COUNT
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A counted FEATURE, INCREMENT or UPGRADE line whose count is above the number of licenses one
instance of the vendor's components can check out (info: a pool over the cap is served in full
to several instances; one instance takes at most the cap). The cap comes from the vendor's catalogue
(`checkout-cap`: 9999 for `genesys.d`) or from the option `caps`, a table of vendor name to
cap (default empty), which overrides the catalogue and also sets caps for vendors without one:

    [tool.lictool.rules.count-over-cap]
    caps = { "genesys.d" = 5000, acmed = 2048 }

A cap is an integer from 0 to 2147483647 (the largest FlexNet license count); a cap of 0 means
"no cap" for that vendor (it turns off the catalogue's cap). A count equal to the cap is fine;
uncounted lines (`uncounted`, `0`) are never reported. The finding is on the count field.

## Why it matters
A single instance of a Genesys component does not check out more than 9999 licenses of one type:
the limit came with FLEXlm 9.5 and Genesys kept it in its FlexNet Publisher 11.9-based
components. The cap is per instance checkout, not per line: a pool of 15000 `tserver_sdn` seats
shared by two T-Servers of 7500 DNs each is served in full, while one T-Server of 12000 DNs gets
at most 9999 of them however many lines feed it. A license file does not say how many instances
share a pool, so this rule only points the count out (info): `lictool check` compares each
application's instances with the cap (`over-checkout-cap`, C007). A typo in a count shows up
here too.

## Source
Genesys licensing guide (`genesys-licensing-guide.txt`), "Technical Licenses", Warning: "A
single instance of Genesys components will not be able to check out more than 9999 licenses of
the same type, due to limits that were required for FLEXlm 9.5 implementation. FlexNet Publisher
11.9 is not subject to this limitation, but the 9999 limit remains in effect in Genesys
components to prevent issues for 9.5 users." The research notes `grammars/genesys-domain.md` sections 1 (9999
cap, also on the T-Server License Checkout page) and 5 (rule 12, `GEN-COUNT-9999`; info here, as the cap is per instance checkout, which
`lictool check` verifies per application).
"""


def _cap(vendor: str, caps: Mapping[str, object], ctx: Context) -> Tuple[Optional[int], str]:
    """The cap for ``vendor`` and where it comes from; (None, "") when it has none."""
    if vendor in caps:
        value = caps[vendor]
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value, "option caps"
        return None, ""
    cat = for_settings(ctx.settings).vendor(vendor)
    if cat is None or cat.checkout_cap is None:
        return None, ""
    return cat.checkout_cap, cat.checkout_cap_source or "catalogue"


def visit(rec: Feature, ctx: Context) -> Iterator[Finding]:
    if rec.count.value is None:
        return
    caps = ctx.options.get("caps") or {}
    if not isinstance(caps, Mapping):
        caps = {}
    cap, source = _cap(rec.vendor, caps, ctx)
    if cap is None or rec.count.value <= cap:
        return
    yield ctx.at_field(
        rec, "count",
        f"{describe(rec)} has a count of {rec.count.text}, above the {cap} licenses of one "
        f"type that a single instance of a {rec.vendor} component can check out ({source}): "
        f"the pool is served in full to several instances, but one instance takes at most "
        f"{cap}",
        "fine when several instances share it; `lictool check` compares each application's "
        "instances with the cap (over-checkout-cap). Another limit: the rule's caps option")


RULE = Rule("L703", "count-over-cap", "info",
            "A count above what one component instance can check out (9999 for genesys.d): "
            "fine for a pool several instances share.", DOC,
            options={"caps": {}},
            option_types={"caps": Table("vendor name", Integer(
                0, MAX_COUNT, "a FlexNet license count; 0 means no cap"))},
            visits=(Feature,), visit=visit)
