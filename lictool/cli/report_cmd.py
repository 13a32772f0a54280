"""``lictool report FILE... [--today] [--format text|json|csv|html] [-o OUT]``: what the license
server will serve."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_OK, EXIT_USAGE
from .app import app
from .common import load_all, usage_errors
from .inputs import parse_today


class ReportFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"
    html = "html"


class VersionSort(str, Enum):
    higher_first = "higher-first"
    lower_first = "lower-first"


@app.command("report")
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
    from ..io import refuse_output_over_input, write_atomic

    day = parse_today(today) or _dt.date.today()
    with usage_errors():
        refuse_output_over_input(output, [*files, config], "the report (--output)")
    options = engine_options_of(config, version_sort)
    loaded, failed = load_all(files, "lictool: ")
    if failed:
        raise typer.Exit(EXIT_USAGE)
    ent = engine.entitlement([lf for _, lf in loaded], day, options)
    text = render(fmt.value, ent)
    if output is not None:
        with usage_errors():
            write_atomic(output, text.encode("utf-8"))
    else:
        typer.echo(text, nl=False)
    raise typer.Exit(EXIT_OK)


def engine_options_of(config: Optional[Path], version_sort: Optional[VersionSort]):
    """The entitlement engine's options: the configuration (found upward from the current
    folder, or ``config``) with ``--version-sort`` over it; a bad configuration exits 2."""
    from ..lint.config import load_config
    from ..lint.settings import engine_options

    with usage_errors():
        cfg = load_config(config, Path.cwd(),
                          {"version-sort": version_sort.value if version_sort else None})
    return engine_options(cfg.settings)


def render(fmt: str, ent) -> str:
    from ..report import serve

    if fmt == "json":
        return serve.render_json(ent)
    if fmt == "csv":
        return serve.render_csv(ent)
    if fmt == "html":
        from ..report import serve_html

        return serve_html.render(ent)
    return serve.render_text(ent)
