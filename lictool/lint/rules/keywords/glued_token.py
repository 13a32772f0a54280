"""L503 glued-token."""

from __future__ import annotations

from typing import Iterator

from ....model import Record
from ...rule import KEYWORDED, Context, Finding, Rule, describe

DOC = """\
## What it checks
A quoted value followed directly by the next token, with no blank between them:
`NOTICE="Site A"SN=123`, `HOSTID="0019B9A0B0C1 0019B9A0B0C2"SUPERSEDE`.

## Why it matters
FlexNet separates the tokens of a line by white space. Some readers split after the closing
quote, others read the glued text as part of the value or reject the line; lictool reads two
tokens but cannot tell which reading the publisher's daemon uses. Such text usually comes from a
line re-typed or edited by hand.

## Source
FLEXnet Licensing End User Guide, Appendix B "License File Format" (fields are separated by
blanks; quoted values hold blanks); `grammars/flexnet-format.md` 3.3 ("Fields are separated by runs of
spaces/tabs"), and `grammars/flexnet.toml` `[lexical] token` (observed in a PTC file:
`HOSTID="..."SUPERSEDE`).
"""


def visit(rec: Record, ctx: Context) -> Iterator[Finding]:
    attrs = rec.attributes  # type: ignore[attr-defined]
    for prev, a in zip(attrs, attrs[1:]):
        if prev.quoted and prev.end_offset == a.offset and prev.end_offset:
            yield ctx.at_attribute(
                a, f"{a.key!r} is glued to the quoted value of {prev.key} on "
                f"{describe(rec)}: FlexNet separates tokens by white space",
                f"put a blank between the closing quote and {a.key}")


RULE = Rule("L503", "glued-token", "warning",
            "A quoted value followed by the next token with no blank between them.", DOC,
            visits=KEYWORDED, visit=visit)
