"""``lictool generate``: a realistic, signed, reproducible test license file."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from ..vendors import GENESYS_VENDOR
from . import EXIT_USAGE
from .common import err, guard_output, usage_errors, write_output


def generate_command(
    key: Path = typer.Option(..., "--key", help="The private key that signs it (lictool keygen)."),
    output: str = typer.Option("-", "--output", "-o", metavar="OUT", help="Where to write it ('-': standard output)."),
    vendor: str = typer.Option(GENESYS_VENDOR, "--vendor", help="Vendor daemon; catalogued vendors get their feature names."),
    release: str = typer.Option("8.1", "--release", metavar="X.Y", help="Version of the feature lines (e.g. 7.6 or 8.1)."),
    records: int = typer.Option(20, "--records", min=0, help="Number of feature records."),
    servers: int = typer.Option(1, "--servers", help="1 (single server) or 3 (triad)."),
    hostid: Optional[str] = typer.Option(None, "--hostid", help="Hostid of the (first) SERVER line (default: from the seed)."),
    seed: int = typer.Option(1, "--seed", help="Same seed, same options: same bytes."),
) -> None:
    """Write a realistic synthetic license file signed with lictool's TEST signer."""
    from ..generate import Options, generate
    from ..lint.settings import RELEASE
    from ..sign import load_private_key

    if servers not in (1, 3):
        err("lictool generate: --servers is 1 or 3")
        raise typer.Exit(EXIT_USAGE)
    if not RELEASE.fullmatch(release):
        err(f"lictool generate: --release {release!r} is not a version such as 8.1")
        raise typer.Exit(EXIT_USAGE)
    guard_output(output, [key], "the generated file (-o)")
    with usage_errors():
        private = load_private_key(key)
        text = generate(Options(vendor, release, records, servers, hostid, seed), private)
    write_output(text.encode("utf-8"), output)
