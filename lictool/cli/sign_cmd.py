"""``lictool keygen``, ``lictool sign``, ``lictool verify``: the test signer (not FlexNet's)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from .app import app
from .common import (ColorMode, Level, color_option, concise_option, err, exit_zero_option,
                     finish, load_all, output_options, quiet_option, severity_option,
                     statistics_option, usage_errors)
from .lint_cmd import LintFormat


@app.command("keygen")
def keygen_command(
    path: Path = typer.Argument(..., metavar="PATH", help="Where to write the private key (the public key goes to PATH.pub)."),
    force: bool = typer.Option(False, "--force", help="Overwrite existing key files."),
) -> None:
    """Make an Ed25519 key pair for lictool's TEST signatures (not FlexNet signatures).

    The private key is written in PEM with file mode 0600 and is never printed."""
    from ..sign import generate_key

    with usage_errors():
        priv, pub = generate_key(path, force)
    err(f"wrote {priv} (private key, mode 0600) and {pub} (public key)")


@app.command("sign")
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
    from ..io import refuse_output_over_input, write_atomic
    from ..sign import load_private_key, sign_file

    if (output is None) == (not in_place):
        err("lictool sign: give exactly one of -o OUT or --in-place")
        raise typer.Exit(EXIT_USAGE)
    if output is not None and len(files) != 1:
        err("lictool sign: -o takes one FILE; use --in-place for several")
        raise typer.Exit(EXIT_USAGE)
    with usage_errors():
        refuse_output_over_input(output, [*files, key], "the signed file (-o)")
        private = load_private_key(key)
    loaded, failed = load_all(files)
    status = EXIT_OK
    for path, lf in loaded:
        from ..errors import LictoolError

        try:
            text = sign_file(lf, private)
        except LictoolError as exc:
            err(str(exc))
            status = EXIT_FINDINGS
            continue
        data = text.encode(lf.encoding)
        with usage_errors():
            if output == "-":
                sys.stdout.buffer.write(data)
                sys.stdout.flush()
            elif output is not None:
                write_atomic(Path(output), data)
            else:
                write_atomic(Path(path), data)
    raise typer.Exit(EXIT_USAGE if failed else status)


@app.command("verify")
def verify_command(
    files: List[str] = typer.Argument(..., metavar="FILE...", help="Signed license files ('-' for stdin)."),
    key: Path = typer.Option(..., "--key", help="The public key (PATH.pub from lictool keygen)."),
    fmt: LintFormat = typer.Option(LintFormat.text, "--format", "-f", help="Output format."),
    quiet: bool = quiet_option(),
    concise: bool = concise_option(),
    statistics: bool = statistics_option(),
    severity: Optional[Level] = severity_option(),
    exit_zero: bool = exit_zero_option(),
    color: ColorMode = color_option(),
) -> None:
    """Check lictool TEST signatures.

    Exit 0 when every feature record verifies, 1 with a signature-mismatch finding (path, line,
    feature name) for each one that does not (with --exit-zero: 0), 2 for bad usage or
    unreadable input."""
    from ..lint.engine import read_all
    from ..lint.registry import find
    from ..lint.rules.signature_mismatch import findings_for
    from ..sign import load_public_key

    opts = output_options(fmt.value, quiet=quiet, concise=concise, statistics=statistics,
                          severity=severity, exit_zero=exit_zero, color=color)
    with usage_errors():
        public = load_public_key(key)
    loaded, found = read_all((p, "<stdin>" if p == "-" else p) for p in files)
    for shown, lf in loaded:
        found.extend(findings_for(lf, public, shown))
    finish(opts, fmt.value, found, files={}, rules=[find("signature-mismatch")],
           checked=len(loaded))
