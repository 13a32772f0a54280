"""``lictool sign FILE... --key KEY (-o OUT | --in-place)``: the test signer (not FlexNet's)."""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from .common import err, exit_with, guard_output, load_all, usage_errors, write_output


def sign_command(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="License files to sign."),
    key: Path = typer.Option(..., "--key", help="The private key (from lictool keygen)."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="OUT", help="Write the signed file to OUT ('-' for standard output); one FILE only."),
    in_place: bool = typer.Option(False, "--in-place", help="Rewrite each FILE atomically."),
) -> None:
    """Sign feature lines with lictool's TEST signer (not FlexNet's).

    Writes SIGN="..." on every FEATURE, INCREMENT, UPGRADE and PACKAGE line; every other byte of
    the file is kept, and a comment at the top says the file carries lictool test signatures, not
    FlexNet ones. Signing a signed file again changes nothing.
    Exit 0 signed, 1 a file has syntax errors, 2 bad usage or unreadable input."""
    from ..errors import LictoolError
    from ..sign import load_private_key, sign_file

    if (output is None) == (not in_place):
        err("lictool sign: give exactly one of -o OUT or --in-place")
        raise typer.Exit(EXIT_USAGE)
    if output is not None and len(files) != 1:
        err("lictool sign: -o takes one FILE; use --in-place for several")
        raise typer.Exit(EXIT_USAGE)
    guard_output(output, [*files, key], "the signed file (-o)")
    with usage_errors():
        private = load_private_key(key)
    loaded, failed = load_all(files)
    status = EXIT_OK
    for path, lf in loaded:
        try:
            text = sign_file(lf, private)
        except LictoolError as exc:
            err(str(exc))
            status = EXIT_FINDINGS
            continue
        write_output(text.encode(lf.encoding), output if output is not None else Path(path))
    exit_with(status, failed)
