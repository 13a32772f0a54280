"""``lictool lint PATH... [--format text|json|sarif|github] [--output FILE] ...``"""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from .app import app
from .common import usage_errors, write_report
from .inputs import expand, parse_today, split_names
from .report_cmd import VersionSort


class LintFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


@app.command("lint")
def lint_command(
    paths: List[str] = typer.Argument(..., metavar="PATH...",
                                      help="License files, directories (walked for *.lic and *.dat), or '-' for stdin."),
    fmt: LintFormat = typer.Option(LintFormat.text, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Configuration file (default: the nearest .lictool.toml or pyproject.toml with [tool.lictool])."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules (names or codes, comma-separated)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules (names or codes, comma-separated)."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="The date that date rules compare with (default: today)."),
    target_release: Optional[str] = typer.Option(None, "--target-release", metavar="X.Y", help="Release of the products that will check out these licenses (e.g. 8.1)."),
    version_sort: Optional[VersionSort] = typer.Option(None, "--version-sort", help="Which FEATURE line of two versions sorts first (the FlexNet guides disagree; default higher-first)."),
    verify_key: Optional[Path] = typer.Option(None, "--verify-key", metavar="PATH.pub", help="Check lictool test signatures with this public key (signature-mismatch)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
) -> None:
    """Lint license files: what will break when the license server reads them.

    Exit 0 when nothing is at error level, 1 when something is (with --strict: or at warning
    level), 2 for bad usage, unreadable input or bad configuration."""
    from ..io import refuse_output_over_input
    from ..lint.config import load_config
    from ..lint.engine import failed, lint_set, read_all, sort
    from ..lint.registry import rules
    from ..lint.rules.unreadable_input import finding as unreadable
    from ..source import physical_lines
    from ..writer import dumps

    day = parse_today(today)
    overrides = {"select": split_names(select), "ignore": split_names(ignore),
                 "target-release": target_release,
                 "version-sort": version_sort.value if version_sort else None,
                 "verify-key": str(verify_key.resolve()) if verify_key else None}
    inputs = list(expand(paths))
    with usage_errors():
        refuse_output_over_input(output, [p for p, _ in inputs] + [config, verify_key],
                                 "the report (--output)")
        cfg = load_config(config, Path.cwd(), overrides)
    # every input is read first, then each file is linted with all of them (a PACKAGE line's
    # enabling line may be in another file); one unreadable input does not stop the others
    findings = []
    readable = []
    for path, problem in inputs:
        shown = "<stdin>" if path == "-" else path
        if problem is not None:
            findings.append(unreadable(shown, problem))
        else:
            readable.append((path, shown))
    loaded, failures = read_all(readable)
    findings.extend(failures)
    findings.extend(lint_set(loaded, cfg, day))
    checked = len(loaded)
    files = {}
    if fmt is LintFormat.sarif:  # the lines are for SARIF's fingerprints only
        files = {shown: physical_lines(dumps(lf)) for shown, lf in loaded}
    findings = sort(findings)
    write_report(fmt, findings, files, cfg.enabled(rules()), checked, output)
    levels = {"error"} | ({"warning"} if strict else set())
    if failed(findings):
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if any(f.severity in levels for f in findings) else EXIT_OK)

