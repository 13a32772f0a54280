"""``lictool fmt FILE... [--check] [--diff]``: rewrite files in the canonical style."""

from __future__ import annotations

import difflib
import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from .common import err, exit_with, load_all, report_diagnostics, usage_errors, write_output


def fmt_command(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="License files to format; '-' reads standard input and writes the result to standard output."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if a file would change."),
    diff: bool = typer.Option(False, "--diff", help="Print a unified diff instead of writing."),
    exit_non_zero_on_fix: bool = typer.Option(
        False, "--exit-non-zero-on-fix", help="Exit 1 when a file was rewritten (for pre-commit)."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", metavar="NAME", help="The name of standard input in messages (default: <stdin>)."),
) -> None:
    """Rewrite license files in the canonical style, atomically.

    Upper-case line keywords, one space between tokens, values with blanks quoted, long lines
    wrapped with `' \\'` and a tab. Comments, blank lines and signatures are kept. A file is refused
    when it has syntax errors or when formatting would change what it means.
    With '-' (alone) the formatted text goes to standard output, for editors; a refused input is
    written back unchanged.
    Exit 0 done, 1 a file would change (--check, --diff) or was refused, 2 unreadable input."""
    from ..format import FormatRefused, format_file
    from ..io import STDIN, encode

    if "-" in files:
        if len(files) > 1:
            err("lictool fmt: '-' (standard input) cannot be formatted with other files")
            raise typer.Exit(EXIT_USAGE)
        exit_with(_fmt_stdin(stdin_filename or STDIN, check, diff))
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
            _echo_diff(old_text, new_text, path)
        if check or diff:
            if check:
                err(f"would reformat {path}")
            status = EXIT_FINDINGS
            continue
        with usage_errors():
            data = encode(new_lf, new_text)  # fails before touching the file if it cannot be encoded
        write_output(data, Path(path))      # the text format_file checked, not written again
        err(f"reformatted {path}")
        if exit_non_zero_on_fix:
            status = EXIT_FINDINGS
    exit_with(status, failed)


def _fmt_stdin(name: str, check: bool, diff: bool) -> int:
    """Format standard input to standard output (``--check``: write nothing; ``--diff``: the
    diff). The exit status."""
    from ..format import FormatRefused, format_file
    from ..io import encode, loads_bytes
    from ..errors import LictoolError

    data = sys.stdin.buffer.read()
    try:
        lf = loads_bytes(data, name, license_only=True)
        new_lf, new_text, old_text = format_file(lf)
    except FormatRefused as exc:           # (a LictoolError too)
        report_diagnostics(name, exc.diagnostics)
        err(f"{name}: not formatted: {exc}")
        if not (check or diff):
            write_output(data)             # nothing the user wrote is lost
        return EXIT_FINDINGS
    except LictoolError as exc:
        err(f"lictool: {exc}")
        return EXIT_USAGE
    changed = new_text != old_text
    if diff:
        _echo_diff(old_text, new_text, name)
    elif check:
        if changed:
            err(f"would reformat {name}")
    else:
        with usage_errors():
            data = encode(new_lf, new_text) if changed else data
        write_output(data)
    return EXIT_FINDINGS if changed and (check or diff) else EXIT_OK


def _echo_diff(old_text: str, new_text: str, name: str) -> None:
    """The unified diff from ``old_text`` to ``new_text`` (of the file ``name``), on standard
    output."""
    typer.echo("".join(difflib.unified_diff(
        old_text.splitlines(keepends=True), new_text.splitlines(keepends=True),
        fromfile=name, tofile=name)), nl=False)
