"""``lictool diff OLD NEW [--today] [--format text|markdown|json]``: the entitlement change from
OLD to NEW (:mod:`lictool.diff`), then the record-level changes.

Lists of files: ``--old FILE`` and ``--new FILE``, each repeated, in license search path order
(``lictool diff --old a.lic --old b.lic --new a2.lic --new b.lic``); positional OLD NEW are one
file each and cannot be mixed with them. ``-`` reads standard input, on one side only.

Exit 0 when the entitlement is the same (even if records changed: the text says so), 1 when it
differs, 2 on bad usage or an input that cannot be read (``lictool: path: message``)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional, Sequence

import typer

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from .common import engine_options_of, exit_with, load_all, write_output
from .formats import DiffFormat, VersionSort
from .inputs import parse_today


def sides(files: Sequence[str], old: Sequence[str], new: Sequence[str]):
    """(OLD paths, NEW paths) from the positional arguments or from --old/--new."""
    if files and (old or new):
        raise typer.BadParameter("give OLD NEW, or --old and --new, not both")
    if files:
        if len(files) != 2:
            raise typer.BadParameter(f"expected OLD and NEW (two files), got {len(files)}; "
                                     "for lists of files use --old FILE and --new FILE")
        return [files[0]], [files[1]]
    if not old or not new:
        raise typer.BadParameter("expected OLD and NEW, or at least one --old and one --new")
    if [*old, *new].count("-") > 1:
        raise typer.BadParameter("standard input ('-') can be read once, on one side")
    return list(old), list(new)


def diff_command(
    files: Optional[List[str]] = typer.Argument(None, metavar="OLD NEW", help="One license file each ('-' for stdin). For lists, use --old and --new.", show_default=False),
    old: Optional[List[str]] = typer.Option(None, "--old", metavar="FILE", help="An OLD license file; repeat for a list, in license search path order."),
    new: Optional[List[str]] = typer.Option(None, "--new", metavar="FILE", help="A NEW license file; repeat for a list, in license search path order."),
    fmt: DiffFormat = typer.Option(DiffFormat.text, "--format", "-f", help="Output format (markdown: for a pull-request comment)."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="The date both sides are served on (default: today)."),
    version_sort: Optional[VersionSort] = typer.Option(None, "--version-sort", help="Which FEATURE line of two versions sorts first (the FlexNet guides disagree; default higher-first)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Configuration file (version-sort, vendor-string-pools)."),
) -> None:
    """What the license server serves differently from NEW than from OLD license files.

    Pools added, removed, seats up or down, expiry moved, hostids or SERVER lines changed,
    lines that now serve nothing; then the records added and removed (layout is no change).

    OLD and NEW are one file each; for lists of files give --old FILE and --new FILE, each
    repeated (lictool diff --old a.lic --old b.lic --new a.lic --new c.lic).

    Exit 0 when the entitlement is the same (even when records changed), 1 when it differs,
    2 for bad usage or an input that cannot be read."""
    import datetime as _dt

    from ..diff import diff
    from ..report import diff_text

    old_paths, new_paths = sides(files or [], old or [], new or [])
    day = parse_today(today) or _dt.date.today()
    options = engine_options_of(config, version_sort)
    old_files, old_failed = load_all(old_paths, "lictool: ")
    new_files, new_failed = load_all(new_paths, "lictool: ")
    if old_failed or new_failed:
        raise typer.Exit(EXIT_USAGE)
    result = diff([lf for _, lf in old_files], [lf for _, lf in new_files], day, options)
    render = {"json": diff_text.render_json, "markdown": diff_text.render_markdown}.get(
        fmt.value, diff_text.render_text)
    write_output(render(result))
    exit_with(EXIT_OK if result.same else EXIT_FINDINGS)
