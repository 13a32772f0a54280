"""The text of ``lictool parse``: one line per record (comments and blank lines left out), then
a summary line per file. Same input, same bytes."""

from __future__ import annotations

from collections import Counter
from typing import List

from ..model import Feature, LicenseFile, Package, Server, Vendor
from ..words import plural


def record_lines(path: str, lf: LicenseFile) -> List[str]:
    """``path:line: KIND what`` for each record of ``lf``, then ``path: N records (...); M syntax
    errors``."""
    lines = []
    append = lines.append
    for r in lf.records:
        kind = r.kind
        if kind == "COMMENT" or kind == "BLANK":
            continue
        if isinstance(r, Feature):
            ver = f"{r.from_version.text}->{r.version.text}" if r.from_version else r.version.text
            count = "uncounted" if r.count.value is None else r.count.value
            append(f"{path}:{r.line}: {kind} {r.name} {r.vendor} {ver} expires "
                   f"{r.expiry.iso or r.expiry.text} count {count}")
            continue
        if isinstance(r, Package):
            what = f"{r.name} {r.vendor} components {' '.join(c.name for c in r.components)}"
        elif isinstance(r, Server):
            what = f"{r.host} hostid {r.hostid.text} ({r.hostid.type})"
            if r.port is not None:
                what += f" port {r.port}"
        elif isinstance(r, Vendor):
            what = " ".join([r.name] + [f"{k} {v}" for k, v in
                                        (("path", r.path), ("options", r.options), ("port", r.port))
                                        if v is not None])
        else:
            what = getattr(r, "text", "")
        append(f"{path}:{r.line}: {kind} {what}".rstrip())
    kinds = Counter(r.kind for r in lf.records if r.kind not in ("COMMENT", "BLANK"))
    summary = ", ".join(f"{n} {k}" for k, n in sorted(kinds.items()))
    append(f"{path}: {plural(len(lf.records), 'record')} ({summary}); "
           f"{plural(len(lf.errors), 'syntax error')}")
    return lines
