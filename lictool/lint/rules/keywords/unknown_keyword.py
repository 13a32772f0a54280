"""L501 unknown-keyword."""

from __future__ import annotations

import difflib
from typing import Iterator

from ....syntax.vocabulary import spec
from ....model import Record
from ....words import and_list
from ....tomlfile import Strings
from ...rule import KEYWORDED, Context, Finding, Rule

DOC = """\
## What it checks
An attribute (`KEY=value` or a bare `FLAG`) whose keyword is not in lictool's catalogue for its line
kind: FEATURE, INCREMENT, UPGRADE and PACKAGE lines use the feature-line keywords (`HOSTID`,
`SIGN`, `VENDOR_STRING`, `ISSUED`, ..., and the end-user `sort`, `asset_info`, `dist_info`,
`user_info`, `vendor_info`), SERVER lines `PRIMARY_IS_MASTER`, `HEARTBEAT_INTERVAL`,
`SERVER_TIMEOUT`, `PLAT`, `PORT`, VENDOR and DAEMON lines `OPTIONS`, `PORT`, `EPORT`. Keywords are
compared without regard to case. When a known keyword is close (or starts with the unknown one),
the hint names it; when the keyword belongs to another line kind, the hint says which.

Keywords a vendor defines for its own daemon are legitimate: list them in the `extra-keywords`
option (a list of strings, any case) to stop this note for them.

## Why it matters
A misspelt keyword is not the keyword it was meant to be: `VENDER_STRING=` is not a vendor string,
`sort_order=` does not change the sort order, `HEARTBEAT=` does not set the triad heartbeat. A
publisher keyword misspelt after signing also breaks the signature. lictool keeps unknown keywords
as written, so this is only a note.

## Source
`grammars/flexnet-format.md` 2.2, the attribute catalogue (EUG-10 p110-115;
LAG `Optional_Publisher_Defined_Keywords`), 1.2 (SERVER line keywords, EUG-11 p107; LAG 2024r1/2026r1 `SERVER_Lines`), 1.3 (VENDOR
line keywords, EUG-10 p107-108; LAG 2023r2 `VENDOR_Lines`); 2.1: "match case-insensitively, store
the original spelling"; 2.2: "Unknown keywords must be preserved verbatim (vendors add their own;
FNP adds new authenticated keywords over time)". The catalogue is `[attributes.*]` in
`grammars/flexnet.toml`.
"""

def visit(rec: Record, ctx: Context) -> Iterator[Finding]:
    attrs = rec.attributes  # type: ignore[attr-defined]
    if not attrs:
        return
    sp = spec()
    kind = sp.keyword_to_kind.get(rec.keyword)  # type: ignore[attr-defined]
    if kind is None:
        return
    extra = ctx.state.get("extra")
    if extra is None:
        extra = ctx.state["extra"] = {str(k).upper()
                                      for k in ctx.options.get("extra-keywords", ()) or ()}
    table = sp.lines[kind].attributes
    known = sp.attributes.get(table, {})
    for attr in attrs:
        name = attr.name
        if name in known or name in extra:
            continue
        elsewhere = [line for t, entries in sp.attributes.items()
                     if t != table and name in entries
                     for line in [sp.line_of_table(t)] if line is not None]
        close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.75)
        if not close and len(name) >= 4:
            # a truncated keyword (HEARTBEAT= for HEARTBEAT_INTERVAL=) is too short for difflib
            close = sorted(k for k in known if k.startswith(name))[:1]
        if elsewhere:
            hint = (f"{name} belongs on {and_list(elsewhere)} lines, not on "
                    f"{rec.keyword} lines")  # type: ignore[attr-defined]
        elif close:
            hint = f"did you mean {known[close[0]].keyword}?"
        else:
            hint = ("if the vendor defines this keyword, list it in this rule's "
                    "extra-keywords option; otherwise check its spelling")
        shown = attr.key if len(attr.key) <= 40 else attr.key[:37] + "..."
        yield ctx.at_attribute(
            attr,
            f"unknown keyword {shown!r}: not a keyword lictool knows for "
            f"{rec.keyword} lines", hint)  # type: ignore[attr-defined]


RULE = Rule("L501", "unknown-keyword", "info",
            "An attribute keyword that is not in the catalogue for its line kind.", DOC,
            options={"extra-keywords": []}, option_types={"extra-keywords": Strings()},
            visits=KEYWORDED, visit=visit)
