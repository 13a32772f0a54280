"""``lictool schema [NAME]``: the JSON Schemas of lictool's JSON outputs (:mod:`lictool.schemas`)."""

from __future__ import annotations

from typing import Optional

import typer

from . import EXIT_OK, EXIT_USAGE
from .common import err, exit_with, write_output


def _unknown(name: str, known) -> str:
    """``lictool schema: unknown schema 'x' (expected one of ...)``, with a suggestion."""
    import difflib

    from ..schemas import COMMANDS

    message = f"lictool schema: unknown schema {name!r} (expected one of {', '.join(known)})"
    if name in COMMANDS:
        return f"{message}; the JSON output of lictool {name} is {COMMANDS[name]}"
    if name.lower() == "sarif":
        return (f"{message}; SARIF output follows the OASIS SARIF 2.1.0 schema "
                "(https://docs.oasis-open.org/sarif/sarif/v2.1.0/)")
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.6)
    if close:
        return f"{message}; did you mean {close[0]!r}?"
    return message


def schema_command(
    name: Optional[str] = typer.Argument(None, metavar="[NAME]", show_default=False,
                                         help="The schema to print; without it, the list."),
) -> None:
    """The JSON Schemas (draft 2020-12) of lictool's JSON outputs.

    Without NAME: the names, each with the output it describes. With NAME: the schema, as
    shipped in the package. Exit 0, or 2 for an unknown NAME."""
    from .. import schemas

    known = schemas.names()
    if name is None:
        width = max(len(n) for n in known)
        typer.echo("\n".join(f"{n.ljust(width)}  {schemas.title(n)}" for n in known))
        raise typer.Exit(EXIT_OK)
    if name not in known:
        err(_unknown(name, known))
        raise typer.Exit(EXIT_USAGE)
    write_output(schemas.data(name))
    exit_with(EXIT_OK)
