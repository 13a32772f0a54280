"""L003 bad-suppression."""

from __future__ import annotations

from typing import Iterator

from ....model import Comment
from ...rule import Context, Finding, Rule
from ...suppress import ALL, Malformed, read

DOC = """\
## What it checks
A `# lictool:` comment that lictool cannot use: an unknown verb (only `disable-next-line=`,
`disable=` and `enable=` exist), or a rule name or code that no rule has.

## Why it matters
A suppression with a typo suppresses nothing: the finding it was meant to silence comes back,
or, worse, the author believes a check is disabled when it is not.

## Source
lictool's own suppression syntax (README, "Suppressions").
"""


def visit(rec: Comment, ctx: Context) -> Iterator[Finding]:
    from ...registry import find

    found = read(rec)
    if isinstance(found, Malformed):
        m = found
        yield ctx.at(m.line, m.column, m.line, m.end_column,
                     f"cannot read this lictool comment: {m.text.strip()!r}",
                     "write '# lictool: disable-next-line=RULE', '# lictool: disable=RULE' or "
                     "'# lictool: enable=RULE'")
    elif found is not None:
        for name, col, end in found.names:
            if name.lower() != ALL and find(name) is None:
                yield ctx.at(found.line, col, found.line, end,
                             f"unknown rule {name!r} in a lictool comment: it suppresses nothing",
                             "'lictool rules' lists the rule names and codes")


RULE = Rule("L003", "bad-suppression", "warning",
            "A '# lictool:' comment with an unknown verb or rule name.", DOC,
            visits=(Comment,), visit=visit)
