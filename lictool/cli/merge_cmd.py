"""``lictool merge EXISTING NEW... (-o OUT | --in-place) [--check] ...``"""

from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from . import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE
from .app import app
from .common import err, load_input, usage_errors
from .inputs import parse_today
from .report_cmd import VersionSort, engine_options_of


class MergeFormat(str, Enum):
    text = "text"
    json = "json"


def _text_report(report, out_name: Optional[str], written: bool = True) -> str:
    """The decisions, conflicts and warnings, and the summary: ``Merged into OUT: ...``, or
    ``Would merge: ...`` when nothing is ``written`` (--check, or refused with --strict)."""
    from ..merge_entitlement import RULE as LOSS
    from ..merger import printable
    from ..words import plural

    lines = []
    if not report.compatible:
        lines += [f"refused: {p.message}" for p in report.refusals]
        lines.append("The files cannot be combined; nothing was written.")
        return "\n".join(lines) + "\n"
    for d in report.decisions:
        if d.kind in ("COMMENT", "BLANK") and d.action != "dropped":
            continue
        what = f"{d.kind} {d.name}" if d.name else d.kind
        reason = f": {d.reason}" if d.reason else ""
        lines.append(f"{printable(d.file)}:{d.line}: {d.action} {what}{reason}")
    losses = report.losses
    for p in report.conflicts:
        if p.rule != LOSS:
            lines.append(f"{printable(p.file)}:{p.line}: conflict: {p.message}")
    merged = printable(out_name) if out_name else "the merged file"
    for p in report.warnings:
        rule = f" ({p.rule})" if p.rule else ""
        lines.append(f"{printable(p.file)}:{p.line}: warning: [{merged}, line {p.merged_line}] "
                     f"{p.message}{rule}")
    if report.entitlement is not None:
        changes = report.entitlement.change_lines()
        lines += [f"entitlement: {c}" for c in changes] or ["entitlement: unchanged"]
        if losses:
            lines.append(f"lost ({plural(len(losses), 'conflict')}):")
            lines += [f"  {printable(p.file)}:{p.line}: {p.message}" for p in losses]
        else:
            lines.append("lost: nothing")
    s = {a: report.count(a) for a in ("kept", "added", "dropped")}
    target = f" into {merged}" if out_name else ""
    verb = "Merged" if written else "Would merge"
    lines.append(f"{verb}{target}: {plural(s['kept'], 'record')} kept, {s['added']} added, "
                 f"{s['dropped']} dropped; {plural(len(report.conflicts), 'conflict')}, "
                 f"{plural(len(report.warnings), 'warning')}.")
    return "\n".join(lines) + "\n"


@app.command("merge")
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
    from ..io import encode, read_bytes, refuse_output_over_input, write_atomic, write_backup
    from ..merger import merge
    from ..writer import dumps

    modes = sum([output is not None, in_place, check])
    if modes != 1:
        err("lictool merge: give exactly one of -o OUT, --in-place or --check")
        raise typer.Exit(EXIT_USAGE)
    if in_place and existing == "-":
        err("lictool merge: --in-place needs EXISTING to be a file")
        raise typer.Exit(EXIT_USAGE)
    day = parse_today(today)
    with usage_errors():
        refuse_output_over_input(output, [existing, *new, config], "the merged file (-o)")
    options = engine_options_of(config, version_sort)
    with usage_errors():
        base = load_input(existing)
        others = [load_input(p) for p in new]
    out_name = None if check else (existing if in_place else output)
    merged, report = merge(base, *others, today=day, drop_expired=drop_expired,
                           drop_superseded=drop_superseded, options=options,
                           merged_name=out_name if out_name != "-" else None)
    refused = not report.compatible or (strict and bool(report.conflicts))
    text = (json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n"
            if fmt is MergeFormat.json
            else _text_report(report, out_name if out_name != "-" else None,
                              written=not (check or refused)))
    to_stdout = output == "-"
    if refused:
        if report.compatible and fmt is MergeFormat.text:  # refused for its conflicts
            from ..words import plural

            conflicts = plural(len(report.conflicts), "conflict")
            text += (f"Would be refused with --strict: {conflicts}.\n" if check else
                     f"Refused with --strict: {conflicts}; nothing was written.\n")
        (err if to_stdout else typer.echo)(text.rstrip("\n"))
        raise typer.Exit(EXIT_FINDINGS)
    with usage_errors():
        data = encode(merged, dumps(merged))   # --check too: everything but the write
        if to_stdout:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
        elif in_place:
            current = read_bytes(existing)
            if current != encode(base, dumps(base)):
                raise LictoolError("changed on disk while lictool was merging; nothing was "
                                   "written (run the merge again)", existing)
            if data != current:
                write_backup(existing, current)  # EXISTING.bak, or .bak.1, ... never replaced
                write_atomic(existing, data)    # through a symlink, keeping the mode
        elif output is not None:
            write_atomic(Path(output), data)
    (err if to_stdout else typer.echo)(text.rstrip("\n"))
    raise typer.Exit(EXIT_OK)
