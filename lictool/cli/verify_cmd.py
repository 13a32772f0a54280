"""``lictool verify FILE... --key KEY.pub``: check the test signer's signatures (not FlexNet's);
the findings are reported as lint reports them."""

from __future__ import annotations

from pathlib import Path
from typing import List

import typer

from .common import REPORT, Report, finish, report_options, usage_errors
from .formats import LintFormat


@report_options
def verify_command(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="Signed license files ('-' for stdin)."),
    key: Path = typer.Option(..., "--key", help="The public key (PATH.pub from lictool keygen)."),
    fmt: LintFormat = typer.Option(LintFormat.text, "--format", "-f", help="Output format."),
    report: Report = REPORT,
) -> None:
    """Check lictool TEST signatures.

    Exit 0 when every feature record verifies, 1 with a signature-mismatch finding (path, line,
    feature name) for each one that does not (with --exit-zero: 0), 2 for bad usage or
    unreadable input."""
    from ..io import STDIN
    from ..lint.engine import read_all
    from ..lint.registry import find
    from ..lint.rules.signatures.signature_mismatch import findings_for
    from ..sign import load_public_key

    opts = report(fmt.value)
    with usage_errors():
        public = load_public_key(key)
    loaded, found = read_all((p, STDIN if p == "-" else p) for p in files)
    for shown, lf in loaded:
        found.extend(findings_for(lf, public, shown))
    finish(opts, fmt.value, found, files={}, rules=[find("signature-mismatch")],
           checked=len(loaded))
