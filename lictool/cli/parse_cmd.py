"""``lictool parse FILE... [--format json|text]``: the parsed model, and syntax errors."""

from __future__ import annotations

import json
from typing import List, Optional

import typer

from . import EXIT_FINDINGS, EXIT_OK
from .common import exit_with, load_all, report_diagnostics
from .formats import ParseFormat


def parse_command(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="License files ('-' for stdin)."),
    fmt: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f", help="Output format."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", metavar="NAME", help="The name of standard input in the output (default: <stdin>)."),
) -> None:
    """Parse license files and print their records (text or JSON).

    Exit 0 when every file parses, 1 when a file has syntax errors, 2 when a file cannot be read.
    Syntax errors go to stderr as path:line:col: message."""
    from .. import model_json
    from ..io import STDIN
    from ..report.parse_text import record_lines

    loaded, failed = load_all(files)
    errors = False
    docs = []
    out: List[str] = []
    for path, lf in loaded:
        if path == "-":
            path = stdin_filename or STDIN
        report_diagnostics(path, lf.diagnostics)
        errors = errors or bool(lf.errors)
        if fmt is ParseFormat.json:
            docs.append(model_json.license_file(lf, path))
        else:
            out.extend(record_lines(path, lf))
    if fmt is ParseFormat.json and docs:
        out.append(json.dumps(docs[0] if len(files) == 1 else docs, ensure_ascii=False))
    if out:
        typer.echo("\n".join(out))
    exit_with(EXIT_FINDINGS if errors else EXIT_OK, failed)
