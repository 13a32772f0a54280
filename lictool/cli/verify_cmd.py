"""``lictool verify FILE... --key KEY.pub``: check the test signer's signatures (not FlexNet's);
the findings are reported as lint reports them."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .common import (color_option, concise_option, exit_zero_option, finish, output_options,
                     quiet_option, severity_option, statistics_option, usage_errors)
from .formats import ColorMode, Level, LintFormat


def verify_command(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="Signed license files ('-' for stdin)."),
    key: Path = typer.Option(..., "--key", help="The public key (PATH.pub from lictool keygen)."),
    fmt: LintFormat = typer.Option(LintFormat.text, "--format", "-f", help="Output format."),
    quiet: bool = quiet_option(),
    concise: bool = concise_option(),
    statistics: bool = statistics_option(),
    severity: Optional[Level] = severity_option(),
    exit_zero: bool = exit_zero_option(),
    color: ColorMode = color_option(),
) -> None:
    """Check lictool TEST signatures.

    Exit 0 when every feature record verifies, 1 with a signature-mismatch finding (path, line,
    feature name) for each one that does not (with --exit-zero: 0), 2 for bad usage or
    unreadable input."""
    from ..lint.engine import read_all
    from ..lint.registry import find
    from ..lint.rules.signatures.signature_mismatch import findings_for
    from ..sign import load_public_key

    opts = output_options(fmt.value, quiet=quiet, concise=concise, statistics=statistics,
                          severity=severity, exit_zero=exit_zero, color=color)
    with usage_errors():
        public = load_public_key(key)
    loaded, found = read_all((p, "<stdin>" if p == "-" else p) for p in files)
    for shown, lf in loaded:
        found.extend(findings_for(lf, public, shown))
    finish(opts, fmt.value, found, files={}, rules=[find("signature-mismatch")],
           checked=len(loaded))
