"""``lictool rules [NAME-OR-CODE]``: the rule table, or one rule's documentation."""

from __future__ import annotations

from typing import Optional

import typer

from . import EXIT_USAGE
from .app import app
from .common import err


@app.command("rules")
def rules_command(
    rule: Optional[str] = typer.Argument(None, metavar="[NAME-OR-CODE]", help="A rule to document."),
) -> None:
    """List every rule (code, name, severity, summary), or document one with its examples."""
    from ..lint.examples import example_settings, example_text
    from ..lint.registry import find, rules

    if rule is None:
        for r in rules():
            typer.echo(f"{r.code}  {r.name:32s} {r.severity:8s} {r.summary}")
        return
    r = find(rule)
    if r is None:
        err(f"lictool rules: unknown rule {rule!r}; 'lictool rules' lists them")
        raise typer.Exit(EXIT_USAGE)
    parts = [f"# {r.code} {r.name} ({r.severity})", "", r.summary, "", r.doc.rstrip()]
    if r.options:
        parts += ["", "## Options"] + [f"- `{k}` (default {v!r})" for k, v in r.options.items()]
    for kind, title in (("bad", "Example: flagged"), ("good", "Example: instead")):
        text = example_text(r.name, kind)
        if text is not None:
            settings = example_settings(text)
            if settings:
                opts = " ".join(f"--{k} {v}" for k, v in settings.items())
                title += f" (lint with {opts})"
            parts += ["", f"## {title}", "", "```", text.rstrip("\n"), "```"]
    typer.echo("\n".join(parts))
