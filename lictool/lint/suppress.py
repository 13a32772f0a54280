"""Suppressions written in the license file itself (FlexNet comments are whole lines):

    # lictool: disable-next-line=expired,unsigned     the next record only
    # lictool: disable=unknown-keyword                 from here ...
    # lictool: enable=unknown-keyword                  ... to here (or to the end of the file)

Rules are named by name or code; ``all`` means every rule."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple, Union

from ..model import Blank, Comment, Record
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


def read(rec: Comment) -> Union[Directive, Malformed, None]:
    """The ``# lictool:`` comment of a comment record: a directive, one that cannot be read, or
    None for any other comment."""
    if not PREFIX.match(rec.text):
        return None
    m = DIRECTIVE.match(rec.text)
    if not m:
        start = len(rec.text) - len(rec.text.lstrip(" \t"))
        return Malformed(rec.line, start + 1, len(rec.text.rstrip()) + 1, rec.text)
    base = m.start("names")
    names = tuple((n.group(), base + n.start() + 1, base + n.end() + 1)
                  for n in NAME.finditer(m.group("names")))
    return Directive(rec.line, m.group("verb").lower(), names)


class Scope:
    """What the suppression comments of one file cover, read record by record in file order
    (:meth:`see`: the engine's walk over the file), then applied to its findings."""

    def __init__(self) -> None:
        self.directives: List[Directive] = []
        # the line span of the record that follows each comment line (skipping comments and
        # blanks)
        self.next_span: Dict[int, Tuple[int, int]] = {}
        self.last_line = 0
        self._pending: List[int] = []

    def see(self, rec: Record) -> None:
        self.last_line = max(self.last_line, rec.end_line)
        if isinstance(rec, Comment):
            self._pending.append(rec.line)
            found = read(rec)          # (the malformed ones are bad-suppression's to report)
            if isinstance(found, Directive):
                self.directives.append(found)
            return
        if isinstance(rec, Blank):
            return
        for ln in self._pending:
            self.next_span[ln] = (rec.line, rec.end_line)
        self._pending = []

    def apply(self, findings: Iterable[Finding], resolve) -> List[Finding]:
        """The findings that no suppression comment covers. ``resolve(name)`` -> Rule or
        None."""
        return _apply(self, list(findings), resolve)


def _canonical(name: str, resolve) -> Optional[str]:
    if name.lower() == ALL:
        return ALL
    rule = resolve(name)
    return rule.name if rule is not None else None


def _apply(scope: Scope, findings: List[Finding], resolve) -> List[Finding]:
    directives = scope.directives
    if not directives:
        return findings
    next_span = scope.next_span
    ranges: Dict[str, List[Tuple[int, int]]] = {}
    open_at: Dict[str, int] = {}
    last_line = scope.last_line
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
