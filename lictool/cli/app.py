"""The typer application: one module per command, each a thin adapter over the library, and
registered here (:data:`COMMANDS`). A command module does not import this one: the commands'
modules are light (the library is imported inside each command), so loading them all for
``lictool --help`` costs little."""

from __future__ import annotations

from typing import Optional

import typer

from .. import __version__
from . import (check_cmd, config_cmd, diff_cmd, fmt_cmd, generate_cmd, keygen_cmd, lint_cmd,
               merge_cmd, parse_cmd, report_cmd, require_cmd, rules_cmd, schema_cmd, sign_cmd,
               verify_cmd)

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


# The commands, in the order `lictool --help` lists them: one module per command, each a plain
# function (its options are its parameters, its help its docstring) that knows nothing of the app.
COMMANDS = (
    ("parse", parse_cmd.parse_command),
    ("fmt", fmt_cmd.fmt_command),
    ("report", report_cmd.report_command),
    ("lint", lint_cmd.lint_command),
    ("rules", rules_cmd.rules_command),
    ("schema", schema_cmd.schema_command),
    ("config", config_cmd.config_command),
    ("diff", diff_cmd.diff_command),
    ("merge", merge_cmd.merge_command),
    ("keygen", keygen_cmd.keygen_command),
    ("sign", sign_cmd.sign_command),
    ("verify", verify_cmd.verify_command),
    ("generate", generate_cmd.generate_command),
    ("require", require_cmd.require_command),
    ("check", check_cmd.check_command),
)

for _name, _command in COMMANDS:
    app.command(_name)(_command)
