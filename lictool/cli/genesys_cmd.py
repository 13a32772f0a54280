"""``lictool require`` and ``lictool check``: Genesys licensing requirements of a deployment."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from .app import app
from .common import err, usage_errors, write_report
from .inputs import parse_today
from .lint_cmd import LintFormat
from .report_cmd import VersionSort


class RequireFormat(str, Enum):
    text = "text"
    json = "json"


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


def requirement_dicts(reqs) -> list:
    return [{"feature": r.feature, "license": r.license, "quantity": r.quantity,
             "reason": r.reason, "source": r.source} for r in reqs]


def _table(reqs) -> str:
    lines: List[str] = []
    product = None
    for r in reqs:
        if r.product != product:
            if lines:
                lines.append("")
            product = r.product
            lines.append(product)
        feature = r.feature or "(no feature name)"
        lines.append(f"  {r.quantity:>6}  {feature:32s} {r.license}")
        lines.append(f"          {r.reason}  [{r.source}]")
    return "\n".join(lines) + "\n" if lines else "No technical licenses needed.\n"


@app.command("require")
def require_command(
    deployment: str = typer.Argument(..., metavar="DEPLOYMENT", help="The deployment description (TOML)."),
    fmt: RequireFormat = typer.Option(RequireFormat.text, "--format", "-f", help="Output format."),
    config: Optional[Path] = typer.Option(None, "--config", help="Configuration file (feature-names)."),
) -> None:
    """The technical licenses a Genesys deployment needs, by the rules of the licensing guide.

    JSON: an array of objects with feature (or null), license, quantity, reason and source."""
    from ..genesys.requirements import cap_warnings, requirements

    dep, _ = _load(deployment, config)
    with usage_errors():
        reqs = requirements(dep)
        caps = cap_warnings(dep)
    if fmt is RequireFormat.json:
        typer.echo(json.dumps(requirement_dicts(reqs), indent=2, ensure_ascii=False))
    else:
        typer.echo(_table(reqs), nl=False)
    for w in caps:
        err(f"{deployment}: warning: {w}")


@app.command("check")
def check_command(
    deployment: str = typer.Argument(..., metavar="DEPLOYMENT", help="The deployment description (TOML)."),
    license: Optional[List[str]] = typer.Option(None, "--license", metavar="FILE", help="License files to check (default: those of the license servers)."),
    fmt: LintFormat = typer.Option(LintFormat.text, "--format", "-f", help="Output format."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write the report to FILE (atomically)."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="The date expiry is judged by (default: today)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 on warnings too."),
    version_sort: Optional[VersionSort] = typer.Option(None, "--version-sort", help="Which FEATURE line of two versions sorts first (the FlexNet guides disagree; default higher-first)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Configuration file (rules, feature-names, version-sort, vendor-string-pools)."),
) -> None:
    """Check license files against what a Genesys deployment needs.

    The files are linted with the deployment's release as the target release, then compared
    with the requirements: what a file provides is what its license server serves to a
    checkout of the product's version (the entitlement engine, as `lictool report` shows it).

    Findings in the lint formats; exit 0 nothing at error level, 1 errors, 2 bad usage."""
    import dataclasses
    import datetime as _dt

    from ..genesys.check import RULES, check, display_path, license_files, target_release
    from ..genesys.requirements import requirements
    from ..io import refuse_output_over_input
    from ..lint.engine import failed, lint_set, read_all, sort
    from ..lint.registry import rules as lint_rules
    from ..lint.settings import engine_options
    from ..source import physical_lines
    from ..writer import dumps

    day = parse_today(today) or _dt.date.today()
    dep, cfg = _load(deployment, config,
                     {"version-sort": version_sort.value if version_sort else None})
    paths = license_files(dep, license or [])
    if not paths:
        err(f"lictool check: {deployment} names no license file; give --license FILE")
        raise typer.Exit(EXIT_USAGE)
    with usage_errors():
        refuse_output_over_input(output, [deployment, config, *paths], "the report (--output)")
    target = target_release(dep)
    # the deployment's release is the target release (without one common major release, none)
    cfg = dataclasses.replace(cfg, settings={**{k: v for k, v in cfg.settings.items()
                                                 if k != "target-release"},
                                              **({"target-release": target} if target else {})})
    # the license files are linted together: each with the others as its linted set
    files, found = read_all((str(p), display_path(p)) for p in paths)
    found.extend(lint_set(files, cfg, day))
    texts = {}
    if fmt is LintFormat.sarif:  # the lines are for SARIF's fingerprints only
        texts = {shown: physical_lines(dumps(lf)) for shown, lf in files}
    with usage_errors():
        reqs = requirements(dep)
    found.extend(check(dep, reqs, files, day, deployment, options=engine_options(cfg.settings),
                       by_server=not license))
    found = sort(found)
    write_report(fmt, found, texts, list(cfg.enabled(lint_rules())) + list(RULES), len(files),
                 output)
    levels = {"error"} | ({"warning"} if strict else set())
    if failed(found):
        raise typer.Exit(EXIT_USAGE)
    raise typer.Exit(EXIT_FINDINGS if any(f.severity in levels for f in found) else EXIT_OK)
