"""L001 syntax-error."""

from __future__ import annotations

from typing import Iterator

from ....model import LicenseFile
from ...rule import Context, Finding, Rule

DOC = """\
## What it checks
A record the grammar rejects: a missing or malformed positional field (`8.x` as a version, an
expiry date missing), an unterminated quote, a keyword used in the wrong form (`HOSTID` without a
value), a PACKAGE without `COMPONENTS=`, a port out of range, a continuation backslash at the end
of the file or in front of a `#` line. The message says what was expected, and where.

## Why it matters
The license server and the client library refuse a line they cannot read (FlexNet error -2,
"invalid license file syntax"): the features on it are not available, and a T-Server or router
that needs them does not start.

## Source
The grammar in `grammars/flexnet.toml`, built from the FLEXnet Licensing End User Guide,
Appendix B "License File Format", and the FlexNet Publisher License Administration Guide
("License File Syntax", "FEATURE and INCREMENT Lines", "SERVER Lines", "VENDOR Lines").
"""


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    for d in lf.diagnostics:
        if d.code == "syntax-error":
            yield ctx.at(d.line, d.column, d.end_line or d.line, d.end_column or d.column + 1,
                         d.message, d.hint)


RULE = Rule("L001", "syntax-error", "error",
            "A record the grammar rejects; the message says what was expected where.", DOC,
            check=check)
