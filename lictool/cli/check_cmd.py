"""``lictool check DEPLOYMENT [--license FILE...]``: license files against what a Genesys
deployment needs (:mod:`lictool.genesys.check`), reported as lint reports its findings, or as
order rows."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_USAGE
from .common import REPORT, Report, err, finish, guard_output, report_options, usage_errors
from .formats import CheckFormat, VersionSort
from .inputs import parse_today


@report_options
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
    report: Report = REPORT,
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
    from ..genesys.setup import load_setup
    from ..lint.engine import lint_set, read_all, sort
    from ..lint.registry import rules as lint_rules
    from ..lint.settings import engine_options
    from ..source import physical_lines
    from ..writer import dumps

    opts = report(fmt.value, strict=strict)
    if more and not license:
        err(f"lictool check: {more[0]}: license files come after --license "
            "(lictool check DEPLOYMENT --license FILE...)")
        raise typer.Exit(EXIT_USAGE)
    given = [*(license or []), *(more or [])]
    day = parse_today(today) or _dt.date.today()
    with usage_errors():
        dep, cfg = load_setup(deployment, config,
                              {"version-sort": version_sort.value if version_sort else None})
    paths = license_files(dep, given)
    if not paths:
        err(f"lictool check: {deployment} names no license file; give --license FILE")
        raise typer.Exit(EXIT_USAGE)
    guard_output(output, [deployment, config, *paths], "the report (--output)")
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
