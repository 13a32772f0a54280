"""The report of ``lictool merge`` (:class:`lictool.merger.MergeReport`): text and JSON. Same
input, same bytes.

The text: each record's decision (kept, added, dropped, with the reason), the conflicts and
warnings, the entitlement before and after, and the summary (``Merged into OUT: ...``, or
``Would merge: ...`` when nothing is written)."""

from __future__ import annotations

import json
from typing import Optional

from ..merger import MergeReport, printable
from ..words import plural


def render_text(report: MergeReport, out_name: Optional[str], written: bool = True) -> str:
    """The decisions, conflicts and warnings, and the summary: ``Merged into OUT: ...``, or
    ``Would merge: ...`` when nothing is ``written`` (--check, or refused with --strict).
    ``out_name``: the merged file (None: standard output or none)."""
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
    losses = report.losses                  # reported under "lost", after the entitlement
    for p in report.conflicts:
        if p not in losses:
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


def strict_refusal(report: MergeReport, check: bool) -> str:
    """The line after the text of a merge that ``--strict`` refuses for its conflicts."""
    conflicts = plural(len(report.conflicts), "conflict")
    return (f"Would be refused with --strict: {conflicts}.\n" if check else
            f"Refused with --strict: {conflicts}; nothing was written.\n")


def render_json(report: MergeReport) -> str:
    """The report as JSON (:meth:`MergeReport.as_dict`, schema ``merge``)."""
    return json.dumps(report.as_dict(), indent=2, ensure_ascii=False) + "\n"
