"""L002 unknown-line."""

from __future__ import annotations

import difflib
from typing import Iterator

from ....syntax.vocabulary import spec
from ....model import Opaque
from ....source import first_word, invisible_blanks
from ...rule import Context, Finding, Rule

DOC = """\
## What it checks
A line whose first word is not a license-file line keyword (SERVER, VENDOR, DAEMON, USE_SERVER,
FEATURE, INCREMENT, UPGRADE, PACKAGE, FEATURESET) and which is not a `#` comment or a
decimal-format license: a typo such as `FEATUER`, a `REDIRECT` line, `START_LICENSE` markers, an
old `|` comment. lictool keeps such lines as they are. A line that looks blank but holds a no-break
space (U+00A0), an ideographic space (U+3000), a line separator (U+2028) or a Latin-1 NEL (0x85),
as text pasted from e-mail often does, is such a line too: only spaces and tabs make a blank line.
Such a line right after a keyword record is not a line of its own: license servers from v7.0 read
it as part of that record (see `continuation-without-backslash`), so a misspelt keyword there
makes the record above it wrong, and the parser says so.

## Why it matters
Old FLEXlm releases treated any unrecognised line as a comment, so a misspelt keyword silently
removes the license on that line; newer releases may reject the file. When the word is close to
a keyword the hint names it.

## Source
SGI IRIX `license.dat(5)` ("any line that does not begin with a reserved keyword is treated as a
comment"); FLEXnet Licensing End User Guide, Appendix B (comments start with `#`).
"""


def visit(rec: Opaque, ctx: Context) -> Iterator[Finding]:
    blanks = invisible_blanks(rec.text)
    if blanks is not None:   # the whole line: it has no word to point at
        line = rec.line
        yield ctx.at(line, 1, line, len(rec.text) + 1,
                     f"the line looks blank but holds {blanks}: the license server "
                     "does not read it as a blank line",
                     "delete the line or leave it empty")
        return
    start, end = first_word(rec.text)
    word = rec.text[start:end]
    close = difflib.get_close_matches(word.upper(), spec().known_keywords(), n=1, cutoff=0.75)
    hint = f"did you mean {close[0]}?" if close else "use '#' for a comment"
    shown = word if len(word) <= 40 else word[:37] + "..."
    line, col = rec.position(start)
    yield ctx.at(line, col, line, col + len(word),
                 f"{shown!r} is not a license-file keyword; the line is ignored or "
                 "rejected by the license server", hint)


RULE = Rule("L002", "unknown-line", "warning",
            "A line that starts with a word that is not a license-file keyword.", DOC,
            visits=(Opaque,), visit=visit)
