"""The typer application: one module per command, each a thin adapter over the library."""

from __future__ import annotations

from typing import Optional

import typer

from .. import __version__

app = typer.Typer(
    name="lictool",
    help="Read, format and lint FlexNet Publisher (FLEXlm) license files.",
    add_completion=True,
    rich_markup_mode="markdown",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"lictool {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version: Optional[bool] = typer.Option(None, "--version", "-V", callback=_version,
                                           is_eager=True, help="Print the version and exit."),
) -> None:
    """Read, format and lint FlexNet Publisher (FLEXlm) license files."""


# importing a command module registers its commands; `lictool --help` lists them in this order
from . import parse_cmd  # noqa: E402,F401,I001
from . import fmt_cmd  # noqa: E402,F401
from . import lint_cmd  # noqa: E402,F401
from . import rules_cmd  # noqa: E402,F401
from . import schema_cmd  # noqa: E402,F401
from . import config_cmd  # noqa: E402,F401
from . import report_cmd  # noqa: E402,F401
from . import diff_cmd  # noqa: E402,F401
from . import merge_cmd  # noqa: E402,F401
from . import sign_cmd  # noqa: E402,F401
from . import generate_cmd  # noqa: E402,F401
from . import genesys_cmd  # noqa: E402,F401
