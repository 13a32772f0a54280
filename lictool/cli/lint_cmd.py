"""``lictool lint PATH... [--format text|json|sarif|github] [--output FILE] ...``"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from .common import REPORT, Report, finish, guard_output, report_options, usage_errors
from .formats import LintFormat, VersionSort
from .inputs import expand, lint_overrides, parse_today


@report_options
def lint_command(
    paths: List[str] = typer.Argument(..., metavar="PATH...",
                                      help="License files, directories (walked for *.lic and *.dat), or '-' for stdin."),
    fmt: LintFormat = typer.Option(LintFormat.text, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically); never one of the inputs."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="The configuration for every input (default: per file, the nearest .lictool.toml or pyproject.toml with [tool.lictool] upward)."),
    select: Optional[List[str]] = typer.Option(None, "--select", metavar="RULES", help="Only these rules: names, codes, groups, code prefixes or ALL, comma-separated."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="RULES", help="Skip these rules: names, codes, groups, code prefixes or ALL, comma-separated."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="The date that date rules compare with (default: today)."),
    target_release: Optional[str] = typer.Option(None, "--target-release", metavar="X.Y", help="Release of the products that will check out these licenses (e.g. 8.1)."),
    version_sort: Optional[VersionSort] = typer.Option(None, "--version-sort", help="Which FEATURE line of two versions sorts first (the FlexNet guides disagree; default higher-first)."),
    verify_key: Optional[Path] = typer.Option(None, "--verify-key", metavar="PATH.pub", help="Check lictool test signatures with this public key (signature-mismatch)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    report: Report = REPORT,
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", metavar="NAME", help="The path of standard input ('-') in findings and for the configuration lookup."),
) -> None:
    """Lint license files: what will break when the license server reads them.

    Exit 0 when nothing is at error level, 1 when something is (with --strict: or at warning
    level; with --exit-zero: 0), 2 for bad usage, unreadable input or bad configuration."""
    from ..io import STDIN
    from ..lint.config import Resolver
    from ..lint.engine import lint_set, read_all, sort
    from ..lint.registry import rules
    from ..lint.rules.syntax.unreadable_input import finding as unreadable
    from ..source import physical_lines
    from ..writer import dumps

    opts = report(fmt.value, strict=strict)
    day = parse_today(today)
    overrides = lint_overrides(select, ignore, target_release, version_sort, verify_key)
    inputs = list(expand(paths))
    guard_output(output, [p for p, _ in inputs] + [config, verify_key], "the report (--output)")
    with usage_errors():
        cfg = Resolver(config, overrides).preload(
            (stdin_filename or p) if p == "-" else p for p, bad in inputs if bad is None)
    # every input is read first, then each file is linted with all of them (a PACKAGE line's
    # enabling line may be in another file); one unreadable input does not stop the others
    findings = []
    readable = []
    for path, problem in inputs:
        shown = (stdin_filename or STDIN) if path == "-" else path
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
    finish(opts, fmt.value, findings, files=files, rules=cfg.enabled(rules()), checked=checked,
           output=output)

