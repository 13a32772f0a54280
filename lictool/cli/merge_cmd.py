"""``lictool merge EXISTING NEW... (-o OUT | --in-place) [--check] ...``"""

from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from .common import (engine_options_of, err, exit_with, guard_output, usage_errors,
                     write_output)
from .formats import MergeFormat, VersionSort
from .inputs import parse_today


def merge_command(
    existing: str = typer.Argument(..., metavar="EXISTING", help="The license file the server runs."),
    new: List[str] = typer.Argument(..., metavar="NEW...", help="Newly issued license files."),
    output: Optional[str] = typer.Option(None, "--output", "-o", metavar="OUT", help="Write the merged file to OUT ('-' for standard output)."),
    in_place: bool = typer.Option(False, "--in-place", help="Rewrite EXISTING atomically (through a symlink), keeping the previous version as EXISTING.bak (or .bak.1, .bak.2, ...: a backup is never overwritten)."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 when the files cannot be combined."),
    fmt: MergeFormat = typer.Option(MergeFormat.text, "--format", "-f", help="Report format."),
    drop_expired: bool = typer.Option(False, "--drop-expired", help="Remove expired lines (each is reported)."),
    drop_superseded: bool = typer.Option(False, "--drop-superseded", help="Remove lines made void by SUPERSEDE (each is reported)."),
    today: Optional[str] = typer.Option(None, "--today", metavar="YYYY-MM-DD", help="The date expiry is judged by (default: today)."),
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when there is a conflict (a loss of entitlement is one)."),
    version_sort: Optional[VersionSort] = typer.Option(None, "--version-sort", help="Which FEATURE line of two versions sorts first (the FlexNet guides disagree; default higher-first)."),
    config: Optional[Path] = typer.Option(None, "--config", help="Configuration file (version-sort, vendor-string-pools: how the entitlement before and after is computed)."),
) -> None:
    """Combine newly issued license files with the existing one, by FlexNet's combining rules.

    Every input record is accounted for in the report: kept, added, or dropped with its reason.
    Exit 0 merged (or would merge), 1 refused (incompatible servers, or a conflict with
    --strict), 2 bad usage or unreadable input. A refused merge writes nothing."""
    from ..errors import LictoolError
    from ..io import encode, load_input, read_bytes, write_atomic, write_backup
    from ..merger import merge
    from ..report import merge_text
    from ..writer import dumps

    modes = sum([output is not None, in_place, check])
    if modes != 1:
        err("lictool merge: give exactly one of -o OUT, --in-place or --check")
        raise typer.Exit(EXIT_USAGE)
    if in_place and existing == "-":
        err("lictool merge: --in-place needs EXISTING to be a file")
        raise typer.Exit(EXIT_USAGE)
    day = parse_today(today)
    guard_output(output, [existing, *new, config], "the merged file (-o)")
    options = engine_options_of(config, version_sort)
    with usage_errors():
        base = load_input(existing)
        others = [load_input(p) for p in new]
    out_name = None if check else (existing if in_place else output)
    merged, report = merge(base, *others, today=day, drop_expired=drop_expired,
                           drop_superseded=drop_superseded, options=options,
                           merged_name=out_name if out_name != "-" else None)
    refused = not report.compatible or (strict and bool(report.conflicts))
    text = (merge_text.render_json(report) if fmt is MergeFormat.json
            else merge_text.render_text(report, out_name if out_name != "-" else None,
                                        written=not (check or refused)))
    to_stdout = output == "-"
    if refused:
        if report.compatible and fmt is MergeFormat.text:  # refused for its conflicts
            text += merge_text.strict_refusal(report, check)
        (err if to_stdout else typer.echo)(text.rstrip("\n"))
        exit_with(EXIT_FINDINGS)
    with usage_errors():
        data = encode(merged, dumps(merged))   # --check too: everything but the write
        if in_place:
            current = read_bytes(existing)
            if current != encode(base, dumps(base)):
                raise LictoolError("changed on disk while lictool was merging; nothing was "
                                   "written (run the merge again)", existing)
            if data != current:
                write_backup(existing, current)  # EXISTING.bak, or .bak.1, ... never replaced
                write_atomic(existing, data)    # through a symlink, keeping the mode
    if output is not None:
        write_output(data, output)              # OUT, or standard output for '-'
    (err if to_stdout else typer.echo)(text.rstrip("\n"))
    exit_with(EXIT_OK)
