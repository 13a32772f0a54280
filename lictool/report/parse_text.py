"""The text of ``lictool parse``: one line per record (comments and blank lines left out), then
a summary line per file. Same input, same bytes. Each record kind says what it shows
(:meth:`lictool.model.Record.summary`)."""

from __future__ import annotations

from collections import Counter
from typing import List

from ..model import LicenseFile
from ..words import plural


def record_lines(path: str, lf: LicenseFile) -> List[str]:
    """``path:line: KIND what`` for each record of ``lf``, then ``path: N records (...); M syntax
    errors``."""
    lines = [f"{path}:{r.line}: {r.kind} {r.summary()}".rstrip()
             for r in lf.records if r.kind != "COMMENT" and r.kind != "BLANK"]
    kinds = Counter(r.kind for r in lf.records if r.kind not in ("COMMENT", "BLANK"))
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    lines.append(f"{path}: {plural(len(lf.records), 'record')} ({summary}); "
                 f"{plural(len(lf.errors), 'syntax error')}")
    return lines
