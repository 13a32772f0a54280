"""Suppressions written in the license file itself (FlexNet comments are whole lines):

    # lictool: disable-next-line=expired,unsigned     the next record only
    # lictool: disable=unknown-keyword                 from here ...
    # lictool: enable=unknown-keyword                  ... to here (or to the end of the file)

Rules are named by name or code; ``all`` means every rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from ..model import Comment, LicenseFile
from .rule import Finding

PREFIX = re.compile(r"^[ \t]*#[ \t]*lictool[ \t]*:", re.I)
DIRECTIVE = re.compile(
    r"^[ \t]*#[ \t]*lictool[ \t]*:[ \t]*(?P<verb>disable-next-line|disable|enable)[ \t]*=[ \t]*"
    r"(?P<names>\S.*?)[ \t]*$", re.I)
NAME = re.compile(r"[^,\s]+")
ALL = "all"


@dataclass(frozen=True)
class Directive:
    line: int
    verb: str                                  # disable-next-line, disable, enable
    names: Tuple[Tuple[str, int, int], ...]    # (name, column, end column)


@dataclass(frozen=True)
class Malformed:
    line: int
    column: int
    end_column: int
    text: str


def scan(lf: LicenseFile) -> Tuple[List[Directive], List[Malformed]]:
    """Every ``# lictool:`` comment: the directives, and the ones that could not be read."""
    directives: List[Directive] = []
    malformed: List[Malformed] = []
    for rec in lf.records:
        if not isinstance(rec, Comment) or not PREFIX.match(rec.text):
            continue
        m = DIRECTIVE.match(rec.text)
        if not m:
            start = len(rec.text) - len(rec.text.lstrip(" \t"))
            malformed.append(Malformed(rec.line, start + 1, len(rec.text.rstrip()) + 1, rec.text))
            continue
        base = m.start("names")
        names = tuple((n.group(), base + n.start() + 1, base + n.end() + 1)
                      for n in NAME.finditer(m.group("names")))
        directives.append(Directive(rec.line, m.group("verb").lower(), names))
    return directives, malformed


def _canonical(name: str, resolve) -> Optional[str]:
    if name.lower() == ALL:
        return ALL
    rule = resolve(name)
    return rule.name if rule is not None else None


def apply(lf: LicenseFile, findings: Iterable[Finding], resolve) -> List[Finding]:
    """The findings that no suppression comment covers. ``resolve(name)`` -> Rule or None."""
    findings = list(findings)
    directives, _ = scan(lf)
    if not directives:
        return findings
    # the line span of the record that follows each comment line (skipping comments and blanks)
    next_span: Dict[int, Tuple[int, int]] = {}
    pending: List[int] = []
    for rec in lf.records:
        if rec.kind in ("COMMENT", "BLANK"):
            if rec.kind == "COMMENT":
                pending.append(rec.line)
            continue
        for ln in pending:
            next_span[ln] = (rec.line, rec.end_line)
        pending = []
    ranges: Dict[str, List[Tuple[int, int]]] = {}
    open_at: Dict[str, int] = {}
    last_line = max((r.end_line for r in lf.records), default=0)
    for d in directives:
        names = [c for c in (_canonical(n, resolve) for n, _, _ in d.names) if c]
        if d.verb == "disable-next-line":
            span = next_span.get(d.line)
            if span:
                for n in names:
                    ranges.setdefault(n, []).append(span)
        elif d.verb == "disable":
            for n in names:
                open_at.setdefault(n, d.line)
        else:
            for n in names:
                targets = list(open_at) if n == ALL else [n]
                for t in targets:
                    if t in open_at:
                        ranges.setdefault(t, []).append((open_at.pop(t), d.line))
    for n, start in open_at.items():
        ranges.setdefault(n, []).append((start, last_line))

    def covered(f: Finding) -> bool:
        for key in (f.rule, ALL):
            for lo, hi in ranges.get(key, ()):
                if lo <= f.line <= hi:
                    return True
        return False

    return [f for f in findings if not covered(f)]
