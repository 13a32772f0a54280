"""L006 continuation-without-backslash."""

from __future__ import annotations

from typing import Iterator

from ....model import Record
from ...rule import Context, Finding, Rule, describe

DOC = """\
## What it checks
A physical line that continues the record above it without a backslash at the end of the line
before: it follows a keyword record (SERVER, VENDOR, FEATURE, INCREMENT, ...) and does not start
with a line keyword, `#` or a decimal-format license. lictool reads it as part of that record, as
license servers and clients from v7.0 do (an INCREMENT whose license key and `HOSTID=` are on the
next line, a lone `TS_OK` line); one finding per such line. A line after a comment, a blank line or
at the start of the file is not a continuation (it is an `unknown-line`).

## Why it matters
Pre-v7.0 client libraries, many tools and scripts that read license files stop at the end of the
physical line: for them the record is cut short (no signature, no `HOSTID=`) and the next line is
garbage. A line that was meant as a note, not as part of the record (an e-mail's `END_LICENSE`
marker), becomes part of the record for a v7.0+ server. `lictool fmt` writes the backslashes.

## Source
FLEXnet Licensing End User Guide, Appendix B "License File Format", version notes:
"Line-continuation character is required with the pre-v7.0 client library";
`grammars/flexnet-format.md` sections 3.2 and 9 (seen in real EDA files: an INCREMENT continued without
`\\`); `grammars/flexnet.toml`, `[lexical] continuation_without_backslash_since`.
"""


def visit(rec: Record, ctx: Context) -> Iterator[Finding]:
    bare = rec.bare_continuations
    if not bare:
        return
    what = describe(rec) if getattr(rec, "name", None) else (
        getattr(rec, "keyword", "") or rec.kind)
    error = getattr(rec, "diagnostic", None)
    for line in bare:
        if error is not None and error.line == line:
            continue   # the syntax error on this line already says it continues the record
        text = _physical_line(rec, line)
        start = len(text) - len(text.lstrip(" \t"))
        yield ctx.at(line, start + 1, line, len(text.rstrip(" \t")) + 1,
                     f"this line continues the {what} line on line {rec.line} without a "
                     "backslash: license servers from v7.0 read it as part of that line, "
                     "pre-v7.0 readers and many tools stop before it",
                     f"end line {line - 1} with ' \\' (lictool fmt does), or make this line "
                     "a comment with '#'")


def _physical_line(rec, line: int) -> str:
    """The text of physical line ``line`` of a record, without its newline."""
    from ....source import physical_lines

    lines = physical_lines(rec.raw or "")
    k = line - rec.line
    return lines[k] if 0 <= k < len(lines) else ""


RULE = Rule("L006", "continuation-without-backslash", "warning",
            "A line that continues the record above it without a backslash (read so from v7.0).",
            DOC, visits=(Record,), visit=visit)
