"""``lictool report FILE... [--today] [--format text|json|csv|html] [-o OUT]``: what the license
server will serve."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_OK, EXIT_USAGE
from .common import engine_options_of, exit_with, guard_output, load_all, write_output
from .formats import ReportFormat, VersionSort
from .inputs import parse_today


def report_command(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="License files, in license search path order ('-' for stdin)."),
    fmt: ReportFormat = typer.Option(ReportFormat.text, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to OUT (atomically)."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="The date the report is for (default: today)."),
    version_sort: Optional[VersionSort] = typer.Option(None, "--version-sort", help="Which FEATURE line of two versions sorts first (the FlexNet guides disagree; default higher-first)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Configuration file (version-sort, vendor-string-pools)."),
) -> None:
    """What the license server will serve from license files, as of a date.

    Per vendor and feature, each license pool (version, seats, hostids, expiry, the lines it
    comes from), then the lines that serve nothing and why, then the answers that depend on
    where the FlexNet guides disagree. Exit 0 with the report, 2 for bad usage or an input
    that cannot be read."""
    import datetime as _dt

    from .. import entitlement as engine

    day = parse_today(today) or _dt.date.today()
    guard_output(output, [*files, config], "the report (--output)")
    options = engine_options_of(config, version_sort)
    loaded, failed = load_all(files, "lictool: ")
    if failed:
        exit_with(EXIT_USAGE)
    ent = engine.entitlement([lf for _, lf in loaded], day, options)
    write_output(render(fmt.value, ent), output)
    exit_with(EXIT_OK)


def render(fmt: str, ent) -> str:
    """The entitlement ``ent`` in the format ``fmt`` (a renderer of :mod:`lictool.report`)."""
    from ..report import serve

    if fmt == "json":
        return serve.render_json(ent)
    if fmt == "csv":
        return serve.render_csv(ent)
    if fmt == "html":
        from ..report import serve_html

        return serve_html.render(ent)
    return serve.render_text(ent)
