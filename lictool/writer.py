"""Writing records back: untouched records verbatim, changed or new ones in the canonical style.

Canonical style: upper-case line keyword, one space between tokens, values with blanks quoted,
lines longer than :data:`WIDTH` columns wrapped with `` \\`` and a tab-indented continuation;
a long quoted value (a SIGN) is broken only at a single blank between groups, so the groups and
the joined value stay exactly as they were.
"""

from __future__ import annotations

from typing import List, Optional

from .errors import LictoolError
from .model import KeywordRecord, LicenseFile, LineRecord, Record
from .source import BOM, is_continued

WIDTH = 80
TAB = 8          # the width a tab indentation takes when wrapping
INDENT = "\t"


def dumps(lf: LicenseFile) -> str:
    """The file's text: exactly what was read for untouched records."""
    nl = lf.newline
    out: List[str] = [BOM] if lf.bom else []
    last = ""
    last_rendered = False
    prev: Optional[Record] = None
    for rec in lf.records:
        rendered = rec.raw is None
        chunk = render(rec, nl) + nl if rendered else rec.raw
        if last and last[-1] not in "\r\n":
            out.append(nl)
            last = nl
        if prev is not None and (ends_open(prev) or _absorbed(prev, rec)):
            # the record before ends with a continuation backslash and nothing after it (it
            # was the last of its file), or this line does not start a record and would
            # continue the keyword record before it (v7.0+ reading): an empty line ends it
            out.append(nl)
            last = nl
        if last.endswith("\r") and chunk.startswith("\n"):
            # a bare CR followed by LF would read back as one CRLF: in a file of mixed newlines,
            # the record written now takes CRLF (untouched records never meet like this)
            if last_rendered:
                out[-1] += "\n"
            else:
                chunk = "\r" + chunk
        out.append(chunk)
        last = chunk
        last_rendered = rendered
        prev = rec
    return "".join(out)


def _absorbed(prev: Record, rec: Record) -> bool:
    """Whether ``rec``, written right after ``prev``, would be read as a continuation of it:
    ``rec`` is an unknown line (or an unparsed one without a line keyword) and ``prev`` a keyword
    record. Records read from one file never meet like this (the reader would have joined them);
    records brought together by a merge can."""
    if rec.kind != "OPAQUE" and not (rec.kind == "UNPARSED" and not _keyword_of(rec)):
        return False
    if not getattr(rec, "text", "").strip():     # looks blank (no-break spaces): never joined
        return False
    return (isinstance(prev, KeywordRecord)
            or (prev.kind == "UNPARSED" and bool(_keyword_of(prev))))


def _keyword_of(rec: Record) -> str:
    from .syntax.vocabulary import spec

    word = getattr(rec, "keyword", "") or ""
    return word if word.upper() in spec().keyword_to_kind else ""


def ends_open(rec: Record) -> bool:
    """Whether a record as read ends with a continuation backslash that continues nothing
    (possible only as the last record of a file): a record written after it must be kept apart
    from it by an empty line."""
    raw = rec.raw
    if raw is None or rec.kind in ("COMMENT", "BLANK"):
        return False
    body = raw[:-2] if raw.endswith("\r\n") else raw[:-1] if raw.endswith(("\n", "\r")) else raw
    if body[-1:] not in ("\\", " ", "\t"):   # the common case, decided without a search
        return False
    return is_continued(body[max(body.rfind("\n"), body.rfind("\r")) + 1:])


def tokens(rec: Record) -> Optional[List[str]]:
    """The tokens of a keyword record in canonical order, or None for line-like records (each
    record kind says how: :meth:`lictool.model.Record.tokens`)."""
    return rec.tokens()


def render(rec: Record, nl: str = "\n") -> str:
    """One record in the canonical style, without its final newline."""
    toks = rec.tokens()
    if toks is None:
        if isinstance(rec, LineRecord):
            return rec.text
        raise LictoolError(f"cannot write a record of kind {rec.kind}")  # pragma: no cover
    return nl.join(wrap(toks))


def _breaks(tok: str) -> List[int]:
    """Where a quoted value may be broken: after a single blank followed by a non-blank."""
    q = tok.find('"')
    return [i + 1 for i in range(q + 1, len(tok) - 1)
            if tok[i] == " " and tok[i - 1] != " " and tok[i + 1] not in ' \t"#']


def _pieces(tok: str, first_room: int, room: int) -> List[str]:
    """Greedy split of a quoted token: each piece but the last ends with its blank."""
    pieces: List[str] = []
    start, limit = 0, first_room
    breaks = _breaks(tok)
    i = 0
    while len(tok) - start > limit:
        best = None
        while i < len(breaks) and breaks[i] - start <= limit:
            best = breaks[i]
            i += 1
        if best is None:            # no break fits: take the first one after (overflow)
            if i >= len(breaks):
                break
            best = breaks[i]
            i += 1
        pieces.append(tok[start:best])
        start, limit = best, room
    pieces.append(tok[start:])
    return pieces


def _braced_pieces(tok: str, first_room: int, room: int) -> List[str]:
    """Greedy split of a braced ``AUTH={ ... }`` token at blanks, so that reading the pieces
    back gives the same value: a break inside quotes keeps its blank at the end of the piece (a
    continuation inside quotes joins with nothing); a break outside quotes drops the blank (a
    continuation outside quotes joins with one blank)."""
    cuts = []       # (end of this piece, start of the next)
    inside = False
    for i, ch in enumerate(tok):
        if ch == '"':
            inside = not inside
        elif ch == " " and i + 1 < len(tok) and tok[i + 1] not in ' \t#"':
            cuts.append((i + 1, i + 1) if inside else (i, i + 1))
    pieces: List[str] = []
    start, limit, k = 0, first_room, 0
    while len(tok) - start > limit:
        best = None
        while k < len(cuts) and cuts[k][0] - start <= limit:
            if cuts[k][0] > start:
                best = cuts[k]
            k += 1
        if best is None:            # no cut fits: take the next one (overflow)
            while k < len(cuts) and cuts[k][0] <= start:
                k += 1
            if k >= len(cuts):
                break
            best = cuts[k]
            k += 1
        pieces.append(tok[start:best[0]])
        start, limit = best[1], room
    pieces.append(tok[start:])
    return pieces


def wrap(toks: List[str]) -> List[str]:
    """Tokens -> physical lines (continuation marks and indentation included)."""
    lines: List[str] = []
    cur, col = toks[0], len(toks[0])
    for tok in toks[1:]:
        if col + 1 + len(tok) + 2 <= WIDTH:
            cur += " " + tok
            col += 1 + len(tok)
            continue
        # a long quoted value (a SIGN) or braced value (AUTH={...}) is broken at its blanks
        split = _braced_pieces if "={" in tok else _pieces if '"' in tok else None
        if split is not None and " " in tok and len(tok) > WIDTH - TAB - 2:
            room = WIDTH - TAB - 1
            pieces = split(tok, WIDTH - col - 2, room)
            if len(pieces[0]) > WIDTH - col - 2:
                lines.append(cur + " \\")
                pieces = split(tok, room, room)
                cur = INDENT + pieces[0]
            else:
                cur += " " + pieces[0]
            for p in pieces[1:]:
                lines.append(cur + "\\")
                cur = INDENT + p
            col = TAB + len(pieces[-1])
            continue
        if tok.startswith("#"):
            # a continuation line must not start with '#' (it would read as a comment): a
            # '#decimal' hostid stays on the current line, even past the width
            cur += " " + tok
            col += 1 + len(tok)
            continue
        lines.append(cur + " \\")
        cur, col = INDENT + tok, TAB + len(tok)
    lines.append(cur)
    return lines
