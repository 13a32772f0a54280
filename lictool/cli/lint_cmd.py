"""``lictool lint PATH... [--format text|json|sarif|github] [--output FILE] ...``"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from .app import app
from .common import err, load_input, usage_errors
from .inputs import expand, parse_today, split_names


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
    verify_key: Optional[Path] = typer.Option(None, "--verify-key", metavar="PATH.pub", help="Check lictool test signatures with this public key (signature-mismatch)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
) -> None:
    """Lint license files: what will break when the license server reads them.

    Exit 0 when nothing is at error level, 1 when something is (with --strict: or at warning
    level), 2 for bad usage, unreadable input or bad configuration."""
    from .. import report
    from ..io import write_atomic
    from ..lint.config import load_config
    from ..lint.engine import lint, sort
    from ..lint.registry import rules
    from ..writer import dumps

    day = parse_today(today)
    overrides = {"select": split_names(select), "ignore": split_names(ignore),
                 "target-release": target_release,
                 "verify-key": str(verify_key.resolve()) if verify_key else None}
    with usage_errors():
        cfg = load_config(config, Path.cwd(), overrides)
    failed = False
    findings = []
    files = {}
    checked = 0
    for path, problem in expand(paths):
        if problem is not None:
            err(str(problem))
            failed = True
            continue
        try:
            lf = load_input(path)
        except Exception as exc:  # LictoolError: unreadable, binary
            from ..errors import LictoolError

            if not isinstance(exc, LictoolError):
                raise
            err(str(exc) if exc.path else f"{path}: {exc}")
            failed = True
            continue
        shown = "<stdin>" if path == "-" else path
        checked += 1
        findings.extend(lint(lf, shown, cfg, day))
        if fmt is LintFormat.sarif:
            files[shown] = dumps(lf).splitlines()
    findings = sort(findings)
    to_terminal = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = report.render(fmt.value, findings, files=files, rules=cfg.enabled(rules()),
                         color=to_terminal, files_checked=checked)
    if output is not None:
        try:
            write_atomic(output, text.encode("utf-8"))
        except OSError as exc:
            err(f"lictool: {output}: cannot write: {exc.strerror or exc}")
            raise typer.Exit(EXIT_USAGE) from None
    else:
        typer.echo(text, nl=False)
    levels = {"error"} | ({"warning"} if strict else set())
    if failed:
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if any(f.severity in levels for f in findings) else EXIT_OK)
