"""``lictool config --show [PATH]``: the configuration a file (or the files of a folder) is
linted with, each value with where it came from: ``file:line``, ``command line`` or
``default``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_USAGE
from .common import err, usage_errors
from .formats import VersionSort
from .inputs import lint_overrides


def config_command(
    path: Optional[str] = typer.Argument(None, metavar="[PATH]", help="A license file or a folder (default: the current directory; '-': standard input's)."),
    show: bool = typer.Option(False, "--show", help="Print the resolved configuration for PATH and where each value came from."),
    config: Optional[Path] = typer.Option(None, "--config", help="Configuration file (default: the nearest .lictool.toml or pyproject.toml with [tool.lictool], from PATH upward)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="As for lint: only these rules (names, codes or groups)."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="As for lint: skip these rules (names, codes or groups)."),
    target_release: Optional[str] = typer.Option(None, "--target-release", metavar="X.Y", help="As for lint."),
    version_sort: Optional[VersionSort] = typer.Option(None, "--version-sort", help="As for lint."),
    verify_key: Optional[Path] = typer.Option(None, "--verify-key", metavar="PATH.pub", help="As for lint."),
) -> None:
    """Show the configuration lint uses for PATH: each setting, rule option, severity and
    per-file ignore, with where it came from (file:line, command line or default).

    Exit 0, or 2 for a bad configuration or a PATH that does not exist."""
    from ..io import STDIN
    from ..lint.config import Resolver
    from ..report.config_text import show_lines

    if not show:
        err("lictool config: nothing to do; use 'lictool config --show [PATH]'")
        raise typer.Exit(EXIT_USAGE)
    target = path or "."
    is_file = target == "-" or not Path(target).is_dir()
    if target != "-" and not Path(target).exists():
        err(f"lictool: {target}: no such file or directory")
        raise typer.Exit(EXIT_USAGE)
    overrides = lint_overrides(select, ignore, target_release, version_sort, verify_key)
    with usage_errors():
        resolver = Resolver(config, overrides)
        if target == "-":
            folder = resolver.cwd
        else:
            folder = Path(os.path.abspath(target))
            folder = folder.parent if is_file else folder
        cfg = resolver.config_in(folder)
        source = resolver.file_for(folder)
    shown = STDIN if target == "-" else target
    typer.echo("\n".join(show_lines(cfg, str(source) if source else None, shown,
                                    is_file and target != "-")))
