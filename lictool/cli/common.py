"""Helpers shared by the commands: reading inputs, reporting diagnostics."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Tuple

import typer

from ..errors import Diagnostic, LictoolError
from ..io import load_input
from ..model import LicenseFile


def err(message: str) -> None:
    typer.echo(message, err=True)


def report_diagnostics(path: str, diags: Iterable[Diagnostic]) -> None:
    for d in diags:
        prefix = "" if d.severity == "error" else f"{d.severity}: "
        err(f"{path}:{d.line}:{d.column}: {prefix}{d.message}")


def load_all(paths: List[str], prefix: str = "") -> Tuple[List[Tuple[str, LicenseFile]], bool]:
    """Load every input; an unreadable one is reported (after ``prefix``) and skipped. Returns
    (loaded, failed)."""
    out = []
    failed = False
    for p in paths:
        try:
            out.append((p, load_input(p)))
        except LictoolError as exc:
            err(prefix + (str(exc) if exc.path else f"{p}: {exc}"))
            failed = True
    return out, failed


@contextmanager
def usage_errors() -> Iterator[None]:
    """A LictoolError (bad configuration, an unwritable output) becomes a message and exit 2."""
    try:
        yield
    except LictoolError as exc:
        err(f"lictool: {exc}")
        raise typer.Exit(2) from None


def write_report(fmt, findings, files, rules, checked: int,
                 output: Optional[Path]) -> None:
    """The report to ``output`` (atomically) or to standard output. Inputs that could not be
    read are in the report, and on standard error too: a run that failed never looks clean,
    wherever its report goes."""
    from .. import report

    to_terminal = output is None and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    text = report.render(fmt.value, findings, files=files, rules=rules, color=to_terminal,
                         files_checked=checked)
    write_text(text, findings, output)


def write_text(text: str, findings, output: Optional[Path]) -> None:
    """``text`` to ``output`` (atomically) or to standard output; the findings of inputs that
    could not be read on standard error too."""
    from ..io import write_atomic
    from ..lint.engine import failed

    if output is not None:
        with usage_errors():
            write_atomic(output, text.encode("utf-8"))
    else:
        typer.echo(text, nl=False)
    for f in findings:
        if failed([f]):
            err(f"lictool: {f.path}:{f.line}:{f.column}: {f.message}")
