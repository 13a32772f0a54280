"""The README tables made from the code: the rule table (from the rule registry) and the option
tables of `lictool lint` and `lictool check` (from their typer parameters). Each sits between
``<!-- generated: NAME -->`` and ``<!-- end generated: NAME -->`` in README.md.

    python tests/readme_tables.py     # rewrite the tables in README.md
    git diff README.md                # read what changed

tests/test_readme.py checks that the README holds what this would write."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Callable, Dict

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def rules_table() -> str:
    from lictool.lint.registry import rules

    rows = ["| code | name | severity | what it flags |", "|---|---|---|---|"]
    rows += [f"| {r.code} | `{r.name}` | {r.severity} | {_cell(r.summary)} |" for r in rules()]
    return "\n".join(rows)


def options_table(command: str) -> str:
    """``| option | what it does |`` for every option of ``lictool COMMAND`` (arguments, and
    --help, aside), in the order ``--help`` lists them."""
    import typer.main

    from lictool.cli.app import app

    group = typer.main.get_command(app)
    cmd = group.commands[command]                    # type: ignore[attr-defined]
    ctx = cmd.make_context(command, [], resilient_parsing=True)
    rows = ["| option | what it does |", "|---|---|"]
    for param in cmd.get_params(ctx):
        if param.param_type_name != "option" or param.name == "help":
            continue
        names = ", ".join(f"`{o}`" for o in (*param.opts, *param.secondary_opts))
        if not param.is_flag:
            try:
                metavar = param.make_metavar(ctx)
            except TypeError:
                metavar = param.make_metavar()       # click < 8.2
            names += f" `{metavar}`".replace("|", "\\|")
        rows.append(f"| {names} | {_cell(param.help or '')} |")
    return "\n".join(rows)


TABLES: Dict[str, Callable[[], str]] = {
    "rules-table": rules_table,
    "lint-options": lambda: options_table("lint"),
    "check-options": lambda: options_table("check"),
}


def block(name: str) -> re.Pattern:
    return re.compile(rf"<!-- generated: {re.escape(name)} -->\n.*?<!-- end generated: "
                      rf"{re.escape(name)} -->", re.S)


def render(text: str) -> str:
    """``text`` (the README) with every generated table made anew."""
    for name, make in TABLES.items():
        pattern = block(name)
        if not pattern.search(text):
            raise SystemExit(f"README.md has no <!-- generated: {name} --> block")
        table = (f"<!-- generated: {name} -->\n{make()}\n<!-- end generated: {name} -->")
        text = pattern.sub(lambda m: table, text)
    return text


if __name__ == "__main__":
    old = README.read_text(encoding="utf-8")
    new = render(old)
    if new != old:
        README.write_text(new, encoding="utf-8")
        print("rewrote README.md tables")
    sys.exit(0)
