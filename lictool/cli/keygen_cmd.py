"""``lictool keygen PATH [--force]``: a key pair for the test signer (not FlexNet's)."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import err, usage_errors


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
