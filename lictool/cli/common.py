"""Helpers shared by the commands: reading inputs, reporting diagnostics."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import Iterable, Iterator, List, Tuple

import typer

from ..errors import Diagnostic, LictoolError
from ..model import LicenseFile


def load_input(path: str) -> LicenseFile:
    """A path, or ``-`` for standard input."""
    from ..io import load, loads_bytes

    if path == "-":
        return loads_bytes(sys.stdin.buffer.read(), "<stdin>")
    return load(path)


def err(message: str) -> None:
    typer.echo(message, err=True)


def report_diagnostics(path: str, diags: Iterable[Diagnostic]) -> None:
    for d in diags:
        prefix = "" if d.severity == "error" else f"{d.severity}: "
        err(f"{path}:{d.line}:{d.column}: {prefix}{d.message}")


def load_all(paths: List[str]) -> Tuple[List[Tuple[str, LicenseFile]], bool]:
    """Load every input; an unreadable one is reported and skipped. Returns (loaded, failed)."""
    out = []
    failed = False
    for p in paths:
        try:
            out.append((p, load_input(p)))
        except LictoolError as exc:
            err(str(exc) if exc.path else f"{p}: {exc}")
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
