"""pyparsing productions built from ``grammars/flexnet.toml``. The only module that imports
pyparsing; callers get plain matches and :class:`Rejection` values, never pyparsing objects.

Each line kind has two productions made from the same terminals:

* ``record``: one ``Regex`` production for the whole logical record (keyword, positional fields
  as named groups, then the attribute tail). It is what reads every record, at a few microseconds
  a record, so a 10,000-record file parses in a fraction of a second.
* ``explain``: the same grammar field by field (``keyword - field - field ... - attributes``),
  every element named after what it expects. It runs only on a record that ``record`` rejected,
  to say where and what was expected; pyparsing's ``-`` pins the error to the failing field.

The two agree on what they accept; the property tests check that on generated records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Optional

import pyparsing as pp

from .vocabulary import LineKind, Spec, spec

_BLANKS = "[ \\t]"
_END = r"(?=[ \t]|\Z)"          # a field is a whole token
_SEP = r'(?:[ \t]+|(?<="))'      # tokens are separated by blanks, or glued after a closing quote


@dataclass(frozen=True)
class Rejection:
    """Why a record does not parse: the logical offset, and a message naming what was expected."""

    offset: int
    message: str


class Productions:
    """The productions of one line kind."""

    def __init__(self, lk: LineKind, sp: Spec) -> None:
        self.kind = lk.kind
        self.line = lk
        token = sp.token_pattern
        kw_alt = "|".join(re.escape(k) for k in lk.keywords)
        keyword = f"[ \\t]*(?P<keyword>(?i:{kw_alt})){_END}"
        attr_table = sp.attributes.get(lk.attributes, {})
        # an optional positional field never takes a token that is one of the line's attributes
        guard = ""
        if attr_table:
            names = "|".join(re.escape(a.keyword) for a in attr_table.values())
            guard = f"(?!(?i:{names})(?:=|[ \\t]|\\Z))"

        # --- the fast production: one regular expression for the record -------------------
        pattern = keyword
        closing = ""
        for f in lk.fields:
            term = f"(?:{sp.terminals[f.terminal]['pattern']})"
            group = f"{_BLANKS}+(?P<{f.name}>{guard if f.optional else ''}{term}){_END}"
            if f.optional:
                pattern += "(?:" + group
                closing += ")?"
            else:
                pattern += closing + group
                closing = ""
        pattern += closing
        if lk.attributes != "none":
            pattern += f"(?P<tail>(?:{_SEP}(?:{token}))*+)"
        pattern += r"[ \t]*\Z"
        self.regex = re.compile(pattern)
        self.record = pp.Regex(self.regex, as_match=True).set_name(f"{lk.kind} line")
        self.record.parse_with_tabs()

        self._explain: Optional[pp.ParserElement] = None
        self._sp = sp
        self._guard = guard

    @property
    def explain(self) -> pp.ParserElement:
        """The field-by-field production, built on first use (only rejected records need it)."""
        if self._explain is None:
            self._explain = self._build_explain()
        return self._explain

    def _build_explain(self) -> pp.ParserElement:
        lk, sp, guard = self.line, self._sp, self._guard
        token = sp.token_pattern
        kw_alt = "|".join(re.escape(k) for k in lk.keywords)
        kw = pp.Regex(f"(?i:{kw_alt}){_END}").set_name(" or ".join(lk.keywords))
        parts = []
        for f in lk.fields:
            t = sp.terminals[f.terminal]
            el = pp.Regex(f"{guard if f.optional else ''}(?:{t['pattern']}){_END}").set_name(
                t["describe"])
            parts.append((el, f.optional))
        # required fields are joined with '-' so an error stops at the failing field; a run of
        # optional fields nests: a, b?, c? -> a - Opt(b + Opt(c))
        seq = kw
        i = 0
        while i < len(parts):
            el, optional = parts[i]
            if not optional:
                seq = seq - el
                i += 1
                continue
            run = []
            while i < len(parts) and parts[i][1]:
                run.append(parts[i][0])
                i += 1
            nested = None
            for r in reversed(run):
                nested = pp.Opt(r + nested) if nested is not None else pp.Opt(r)
            seq = seq + nested
        if lk.attributes != "none":
            # pyparsing skips blanks before an optional field that then fails, so a token may
            # also start right after a blank
            attr = pp.Regex(f'(?:[ \\t]+|(?<=[ \\t"]))(?:{token})').set_name(
                'an attribute (KEY=value, KEY="quoted value" or FLAG)')
            attr.leave_whitespace()
            seq = seq + pp.ZeroOrMore(attr)
        end = pp.Regex(r"[ \t]*\Z").set_name(
            'an attribute (KEY=value, KEY="quoted value" or FLAG) or the end of the line'
            if lk.attributes != "none" else "the end of the line")
        end.leave_whitespace()
        explain = (seq + end).set_name(f"{lk.kind} line")
        explain.parse_with_tabs()
        return explain

    def match(self, text: str) -> Optional["re.Match[str]"]:
        """The match of the whole logical record, or None."""
        try:
            return self.record.parse_string(text)[0]
        except pp.ParseBaseException:
            return None

    def why(self, text: str, keyword: Optional[str] = None) -> Rejection:
        """Why ``text`` is rejected: the position and what was expected there."""
        try:
            self.explain.parse_string(text)
        except pp.ParseBaseException as exc:
            loc = exc.loc
            while loc < len(text) and text[loc] in " \t":   # point at the token, not the blank
                loc += 1
            found = text[loc:].split(None, 1)
            got = f"found {found[0]!r}" if found else "found the end of the line"
            expected = exc.msg[len("Expected "):] if exc.msg.startswith("Expected ") else exc.msg
            expected = expected.replace("{", "").replace("}", "")
            return Rejection(loc, f"{keyword or self.kind} line: expected {expected}, {got}")
        return Rejection(0, f"{keyword or self.kind} line: not understood")  # pragma: no cover


@lru_cache(maxsize=None)
def productions(path: Optional[str] = None) -> Dict[str, Productions]:
    """The productions of every line kind, keyed by upper-case line keyword."""
    sp = spec(path)
    by_kind = {kind: Productions(lk, sp) for kind, lk in sp.lines.items()}
    return {kw: by_kind[kind] for kw, kind in sp.keyword_to_kind.items()}


@lru_cache(maxsize=None)
def token_regex(path: Optional[str] = None) -> "re.Pattern[str]":
    """One attribute-position token, with the named parts string, key, quoted and value."""
    return re.compile(spec(path).token_parts_pattern)
