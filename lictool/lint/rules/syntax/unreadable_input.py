"""L005 unreadable-input."""

from __future__ import annotations

from typing import Iterator

from ....errors import LictoolError
from ....model import LicenseFile
from ...rule import Context, Finding, Rule

DOC = """\
## What it checks
An input that lictool could not read or check: a path that does not exist, a directory with no
`*.lic` or `*.dat` file in it, a file that cannot be opened, a binary file (a NUL byte), a file
that holds private key material (refused without printing any of it), or a check that failed
inside lictool (a bug: please report it). The message says what failed. This finding cannot be
ignored, deselected or suppressed, and lictool exits 2 when it is reported: an input that could
not be read is never reported as clean. In SARIF it is a tool execution notification
(`invocations[].toolExecutionNotifications`, with `executionSuccessful: false`), not a result.

## Why it matters
In CI and in a pre-commit hook a misspelt path or a file replaced by a binary would otherwise pass
as "no problems found": the check that was meant to guard the license server silently checks
nothing.

## Source
lictool's own contract (exit codes 0/1/2 in the README). The same practice as other linters:
ruff reports an unreadable file as `E902 io-error`; SARIF 2.1.0 section 3.20.21
(`toolExecutionNotifications`) and 3.20.14 (`executionSuccessful`).
"""


def check(lf: LicenseFile, ctx: Context) -> Iterator[Finding]:
    """Nothing to find in a file that was read: the findings come from :func:`finding`."""
    return iter(())


RULE = Rule("L005", "unreadable-input", "error",
            "An input that could not be read or checked (missing, binary, key material, ...).",
            DOC, check=check)


def finding(path: str, error: LictoolError) -> Finding:
    """The finding for an input that could not be read, at the place the error names."""
    line = error.line or 1
    column = error.column or 1
    return Finding(path, line, column, line, column, RULE.code, RULE.name, RULE.severity,
                   error.message)


def crashed(path: str, rule_name: str, exc: BaseException) -> Finding:
    """The finding for a file on which a rule failed (a lictool bug): the file is reported as not
    fully checked instead of the run stopping."""
    return Finding(path, 1, 1, 1, 1, RULE.code, RULE.name, RULE.severity,
                   f"this file was not fully checked: rule {rule_name!r} failed with "
                   f"{type(exc).__name__}: {exc} (a bug in lictool; please report it)")
