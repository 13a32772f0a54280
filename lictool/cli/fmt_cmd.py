"""``lictool fmt FILE... [--check] [--diff]``: rewrite files in the canonical style."""

from __future__ import annotations

import difflib
from typing import List

import typer

from .app import app
from .common import err, load_all, report_diagnostics, usage_errors
from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE


@app.command("fmt")
def fmt_command(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="License files to format."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if a file would change."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff instead of writing."),
    exit_non_zero_on_fix: bool = typer.Option(
        False, "--exit-non-zero-on-fix", help="Exit 1 when a file was rewritten (for pre-commit)."),
) -> None:
    """Rewrite license files in the canonical style, atomically.

    Upper-case line keywords, one space between tokens, values with blanks quoted, long lines
    wrapped with ' \\' and a tab. Comments, blank lines and signatures are kept. A file is refused
    when it has syntax errors or when formatting would change what it means.
    Exit 0 done, 1 a file would change (--check, --diff) or was refused, 2 unreadable input."""
    from ..format import FormatRefused, format_file
    from ..io import dump, encode

    if "-" in files:
        err("lictool fmt: '-' is not supported: fmt rewrites files in place")
        raise typer.Exit(EXIT_USAGE)
    loaded, failed = load_all(files)
    status = EXIT_OK
    for path, lf in loaded:
        try:
            new_lf, new_text, old_text = format_file(lf)
        except FormatRefused as exc:
            report_diagnostics(path, exc.diagnostics)
            err(f"{path}: not formatted: {exc}")
            status = EXIT_FINDINGS
            continue
        if new_text == old_text:
            continue
        if diff:
            typer.echo("".join(difflib.unified_diff(
                old_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
                fromfile=path, tofile=path)), nl=False)
        if check or diff:
            if check:
                err(f"would reformat {path}")
            status = EXIT_FINDINGS
            continue
        with usage_errors():
            encode(new_lf, new_text)  # fails before touching the file if it cannot be encoded
            dump(new_lf, path)
        err(f"reformatted {path}")
        if exit_non_zero_on_fix:
            status = EXIT_FINDINGS
    raise typer.Exit(EXIT_USAGE if failed else status)
