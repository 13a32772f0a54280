"""L004 no-license-records."""

from __future__ import annotations

from typing import Iterator

from ....model import Blank, Comment, LicenseFile, Opaque
from ...rule import Context, Finding, Rule

DOC = """\
## What it checks
A file linted as a license file that holds no license record: an empty file, a file of blank
lines or `#` comments only (error), or a file whose every line is an unknown line (warning: prose,
an e-mail, a file that is not a license file). A license record is a SERVER, VENDOR, DAEMON,
USE_SERVER, FEATURE, INCREMENT, UPGRADE, PACKAGE or FEATURESET line or a decimal-format license,
also one with a syntax error (that one is reported by `syntax-error`). A client pointer file
(SERVER and USE_SERVER) has records and is not reported.

## Why it matters
A license file cut short while copying, saved from an empty editor buffer or replaced by the
covering e-mail reads as "no problems" to every other rule, because there is nothing for them to
check; the license server then starts with no licenses at all (lmgrd: "No features to serve",
"License server machine is down or not responding" on the clients). In a pre-commit hook this rule
catches the truncated file before it is pushed to the server.

## Source
FLEXnet Licensing End User Guide, Appendix B "License File Format" (the line types a license file
is made of; `#` starts a comment); FlexNet Publisher License Administration Guide, "License File
Syntax" and lmgrd's "No features to serve" message (a vendor daemon with no feature lines).
"""

#: the records that are not license records
_NOT_LICENSE_RECORDS = (Comment, Blank, Opaque)


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    records = lf.records
    if len(ctx.records(lf, *_NOT_LICENSE_RECORDS)) != len(records):
        return
    unknown = ctx.records(lf, Opaque)
    if unknown:
        first = unknown[0]
        n = len(unknown)
        lines = "its only line starts" if n == 1 else f"all {n} of its lines start"
        yield ctx.at_record(
            first, f"no license record in this file: {lines} with a word that is not a "
            "license-file keyword; is this a license file?",
            "lint only license files, or restore the license lines", severity="warning")
        return
    if not records:
        what = "the file is empty"
    elif len(ctx.records(lf, Blank)) == len(records):
        what = "the file holds only blank lines"
    else:
        what = "the file holds only comments and blank lines"
    yield ctx.at(1, 1, 1, 1, f"no license record: {what}; the license server would serve no "
                 "license from it", "restore the license lines; was the file cut short while copying?")


RULE = Rule("L004", "no-license-records", "error",
            "A license file with no license record: empty, only comments, or only unknown lines.",
            DOC, check=check)
