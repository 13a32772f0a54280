"""``lictool parse FILE... [--format json|text]``: the parsed model, and syntax errors."""

from __future__ import annotations

import json
from collections import Counter
from enum import Enum
from typing import List, Optional

import typer

from .app import app
from ..words import plural
from .common import load_all, report_diagnostics
from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE


class ParseFormat(str, Enum):
    text = "text"
    json = "json"


def _text(path: str, lf) -> List[str]:
    from ..model import Feature, Package, Server, Vendor

    lines = []
    append = lines.append
    for r in lf.records:
        kind = r.kind
        if kind == "COMMENT" or kind == "BLANK":
            continue
        if isinstance(r, Feature):
            ver = f"{r.from_version.text}->{r.version.text}" if r.from_version else r.version.text
            count = "uncounted" if r.count.value is None else r.count.value
            append(f"{path}:{r.line}: {kind} {r.name} {r.vendor} {ver} expires "
                   f"{r.expiry.iso or r.expiry.text} count {count}")
            continue
        if isinstance(r, Package):
            what = f"{r.name} {r.vendor} components {' '.join(c.name for c in r.components)}"
        elif isinstance(r, Server):
            what = f"{r.host} hostid {r.hostid.text} ({r.hostid.type})"
            if r.port is not None:
                what += f" port {r.port}"
        elif isinstance(r, Vendor):
            what = " ".join([r.name] + [f"{k} {v}" for k, v in
                                        (("path", r.path), ("options", r.options), ("port", r.port))
                                        if v is not None])
        else:
            what = getattr(r, "text", "")
        append(f"{path}:{r.line}: {kind} {what}".rstrip())
    kinds = Counter(r.kind for r in lf.records if r.kind not in ("COMMENT", "BLANK"))
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    append(f"{path}: {plural(len(lf.records), 'record')} ({summary}); "
           f"{plural(len(lf.errors), 'syntax error')}")
    return lines


@app.command("parse")
def parse_command(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="License files ('-' for stdin)."),
    fmt: ParseFormat = typer.Option(ParseFormat.text, "--format", "-f", help="Output format."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", metavar="NAME", help="The name of standard input in the output (default: <stdin>)."),
) -> None:
    """Parse license files and print their records (text or JSON).

    Exit 0 when every file parses, 1 when a file has syntax errors, 2 when a file cannot be read.
    Syntax errors go to stderr as path:line:col: message."""
    from .. import jsonout
    from ..io import STDIN

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
            docs.append(jsonout.license_file(lf, path))
        else:
            out.extend(_text(path, lf))
    if fmt is ParseFormat.json and docs:
        out.append(json.dumps(docs[0] if len(files) == 1 else docs, ensure_ascii=False))
    if out:
        typer.echo("\n".join(out))
    raise typer.Exit(EXIT_USAGE if failed else EXIT_FINDINGS if errors else EXIT_OK)
