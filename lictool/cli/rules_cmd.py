"""``lictool rules [NAME-OR-CODE-OR-GROUP]``: the rule table and the groups, one rule's
documentation, or a group's rules."""

from __future__ import annotations

from typing import List, Optional

import typer

from . import EXIT_USAGE
from .common import err

SELECTING = ("A rule runs when `select` selects it (default: every rule) and neither `ignore` "
             "nor a matching `per-file-ignores` entry names it: an ignore wins over a select. "
             "Both take rule names, codes, group names, code prefixes (L7, L70, L) and ALL.")


def _line(r) -> str:
    return f"{r.code}  {r.name:32s} {r.severity:8s} {r.summary}"


def _groups() -> List[str]:
    from ..lint.registry import GROUPS, group_rules

    out = ["", "Groups (select or ignore a group by its name or its code prefix):"]
    for g in GROUPS:
        n = len(group_rules(g))
        out.append(f"  {g.name:12s} {g.family}  {n:2d} rule{'s' if n != 1 else ' '}  {g.summary}")
    out += ["", SELECTING]
    return out


def _listing(title: str, about: str, found) -> str:
    return "\n".join([title, "", about, ""] + [_line(r) for r in found])


def rules_command(
    rule: Optional[str] = typer.Argument(None, metavar="[NAME-OR-CODE-OR-GROUP]", help="A rule to document, or a group (name or code prefix) to list."),
) -> None:
    """List every rule (code, name, severity, summary) and the rule groups, document one rule
    with its examples, or list the rules of a group (genesys, L7)."""
    from ..lint.examples import example_settings, example_text
    from ..lint.registry import GROUPS, find_any, group, group_rules, resolve, unknown, rules

    if rule is None:
        typer.echo("\n".join([_line(r) for r in rules()] + _groups()))
        return
    r = find_any(rule)
    if r is None:
        g = group(rule) or next((g for g in GROUPS if g.prefix == rule.upper()), None)
        if g is not None:
            about = (f"The {g.name} rules: {g.summary}; `lictool {g.command}` runs them. Select "
                     f"or ignore them with `{g.name}` or `{g.prefix}` (`select = [\"{g.name}\"]`"
                     f", `--ignore {g.name}`).")
            if g.command != "lint":
                about += (" The configuration's `select` and `ignore` serve lint and check "
                          "alike: `lictool lint` never runs these rules.")
            typer.echo(_listing(f"# {g.name} ({g.family})", about, group_rules(g)))
            return
        found = resolve(rule)
        if found is None:
            err(f"lictool rules: {unknown(rule)}")
            raise typer.Exit(EXIT_USAGE)
        typer.echo(_listing(f"# {rule}", f"The {len(found)} rules `{rule}` selects.", found))
        return
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
