"""``lictool require DEPLOYMENT [--format text|json|csv]``: the Genesys technical licenses a
deployment needs (:mod:`lictool.genesys.requirements`)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from .common import err, usage_errors, write_output
from .formats import RequireFormat


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
    from ..genesys.setup import load_setup

    with usage_errors():
        dep, _ = load_setup(deployment, config)
        reqs = requirements(dep)
        caps = cap_warnings(dep, reqs=reqs)
        remarks = notes(dep)
    if fmt is RequireFormat.json:
        write_output(render_json(reqs))
    elif fmt is RequireFormat.csv:
        write_output(render_csv(reqs, dep))
    else:
        write_output(render_text(reqs))
    for r in reqs:
        if r.unknown:
            what = f"{r.feature} ({r.license})" if r.feature else r.license
            err(f"{deployment}: warning: {what}: quantity unknown: {r.unknown}")
    for w in caps:
        err(f"{deployment}: warning: {w}")
    for n in remarks:
        err(f"{deployment}: note: {n}")
