"""``lictool require`` and ``lictool check``: Genesys licensing requirements of a deployment."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_USAGE
from .app import app
from .common import (ColorMode, Level, color_option, concise_option, err, exit_zero_option,
                     finish, output_options, quiet_option, severity_option, statistics_option,
                     usage_errors)
from .inputs import parse_today
from .report_cmd import VersionSort


class RequireFormat(str, Enum):
    text = "text"
    json = "json"
    csv = "csv"


def _load(deployment: str, config: Optional[Path] = None, overrides=None):
    """The deployment, with the configuration's feature-names under its own, and the
    configuration (found upward from the current folder, or --config)."""
    import dataclasses

    from ..genesys.deployment import load_deployment
    from ..lint.config import load_config

    with usage_errors():
        dep = load_deployment(deployment)
        cfg = load_config(config, Path.cwd(), overrides)
    names = cfg.settings.get("feature-names") or {}
    if names:
        dep = dataclasses.replace(dep, feature_names={**names, **dep.feature_names})
    return dep, cfg


@app.command("require")
def require_command(
    deployment: str = typer.Argument(..., metavar="DEPLOYMENT", help="The deployment description (TOML)."),
    fmt: RequireFormat = typer.Option(RequireFormat.text, "--format", "-f", help="Output format: text, json, or csv (order-ready rows per license server)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Configuration file (feature-names)."),
) -> None:
    """The technical licenses a Genesys deployment needs, by the rules of the licensing guide.

    JSON: an array of objects with feature (or null), license, quantity, reason, source, quote,
    unknown, served_by, release and shares. CSV: one row per license, license server and
    version. A quantity the description does not give is "quantity unknown: set KEY" (and a
    warning); where the guide contradicts itself, a note says which reading was taken."""
    from ..genesys.render import render_csv, render_json, render_text
    from ..genesys.requirements import cap_warnings, notes, requirements

    dep, _ = _load(deployment, config)
    with usage_errors():
        reqs = requirements(dep)
        caps = cap_warnings(dep)
        remarks = notes(dep)
    if fmt is RequireFormat.json:
        typer.echo(render_json(reqs), nl=False)
    elif fmt is RequireFormat.csv:
        typer.echo(render_csv(reqs, dep), nl=False)
    else:
        typer.echo(render_text(reqs), nl=False)
    for r in reqs:
        if r.unknown:
            what = f"{r.feature} ({r.license})" if r.feature else r.license
            err(f"{deployment}: warning: {what}: quantity unknown: {r.unknown}")
    for w in caps:
        err(f"{deployment}: warning: {w}")
    for n in remarks:
        err(f"{deployment}: note: {n}")


class CheckFormat(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"
    order = "order"
    order_csv = "order-csv"


@app.command("check")
def check_command(
    deployment: str = typer.Argument(..., metavar="DEPLOYMENT", help="The deployment description (TOML)."),
    more: Optional[List[str]] = typer.Argument(None, metavar="[FILE...]", show_default=False, help="More license files after --license FILE."),
    license: Optional[List[str]] = typer.Option(None, "--license", metavar="FILE...", help="License files to check (default: those of the license servers): --license a.lic b.lic."),
    fmt: CheckFormat = typer.Option(CheckFormat.text, "--format", "-f", help="Output format: the lint formats, or order (JSON order rows) and order-csv."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", metavar="FILE", help="Write the report to FILE (atomically); never one of the inputs."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="The date expiry is judged by (default: today)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    version_sort: Optional[VersionSort] = typer.Option(None, "--version-sort", help="Which FEATURE line of two versions sorts first (the FlexNet guides disagree; default higher-first)."),
    config: Optional[Path] = typer.Option(None, "--config", metavar="FILE", help="Configuration file (rules, feature-names, version-sort, vendor-string-pools)."),
    quiet: bool = quiet_option(),
    concise: bool = concise_option(),
    statistics: bool = statistics_option(),
    severity: Optional[Level] = severity_option(),
    exit_zero: bool = exit_zero_option(),
    color: ColorMode = color_option(),
) -> None:
    """Check license files against what a Genesys deployment needs.

    The files are linted with the deployment's release as the target release, then compared
    with the requirements: what a file provides is what its license server serves to a
    checkout of the product's version (the entitlement engine, as `lictool report` shows it).

    Findings in the lint formats, or the order rows (--format order, order-csv); exit 0 nothing
    at error level, 1 errors (with --exit-zero: 0), 2 bad usage or unreadable input."""
    import datetime as _dt

    from ..catalogs import for_settings
    from ..genesys.check import RULES, assess, display_path, license_files, lint_config
    from ..genesys.order import order_csv, order_json
    from ..genesys.requirements import requirements
    from ..io import refuse_output_over_input
    from ..lint.engine import lint_set, read_all, sort
    from ..lint.registry import rules as lint_rules
    from ..lint.settings import engine_options
    from ..source import physical_lines
    from ..writer import dumps

    opts = output_options(fmt.value, quiet=quiet, concise=concise, statistics=statistics,
                          severity=severity, exit_zero=exit_zero, color=color, strict=strict)
    if more and not license:
        err(f"lictool check: {more[0]}: license files come after --license "
            "(lictool check DEPLOYMENT --license FILE...)")
        raise typer.Exit(EXIT_USAGE)
    given = [*(license or []), *(more or [])]
    day = parse_today(today) or _dt.date.today()
    dep, cfg = _load(deployment, config,
                     {"version-sort": version_sort.value if version_sort else None})
    paths = license_files(dep, given)
    if not paths:
        err(f"lictool check: {deployment} names no license file; give --license FILE")
        raise typer.Exit(EXIT_USAGE)
    with usage_errors():
        refuse_output_over_input(output, [deployment, config, *paths], "the report (--output)")
    cfg = lint_config(cfg, dep)
    # the license files are linted together: each with the others as its linted set
    files, found = read_all((str(p), display_path(p)) for p in paths)
    found.extend(lint_set(files, cfg, day))
    texts = {}
    if fmt is CheckFormat.sarif:  # the lines are for SARIF's fingerprints only
        texts = {shown: physical_lines(dumps(lf)) for shown, lf in files}
    with usage_errors():
        reqs = requirements(dep)
        cats = for_settings(cfg.settings)
    result = assess(dep, reqs, files, day, deployment, cats=cats,
                    options=engine_options(cfg.settings), by_server=not given)
    checks = list(cfg.enabled(RULES))          # select / ignore apply to the C0xx rules too
    on = {r.name for r in checks}
    found = sort(found + [f for f in result.findings if f.rule in on])
    text = None
    if fmt in (CheckFormat.order, CheckFormat.order_csv):
        render = order_json if fmt is CheckFormat.order else order_csv
        text = render(result.rows, result.unnamed)
    finish(opts, fmt.value, found, files=texts,
           rules=list(cfg.enabled(lint_rules())) + checks, checked=len(files),
           output=output, text=text)
