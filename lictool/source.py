"""Text in, logical records out: encodings, newlines, continuation lines and positions.

A license file is a sequence of physical lines (ended by LF, CRLF or a bare CR). A physical line
whose last non-blank character is a backslash continues on the next one (EUG-10 p105); a
backslash anywhere else is data (``c:\\flexlm\\cdslmd.exe``). ``#`` lines are comments and blank
lines are blank; both are whole lines (grammars/flexnet-format.md 3.1).

The logical text of a record joins its physical lines: the backslash and the blanks after it
go, the indentation of the continuation line goes, and outside quotes the break becomes one space
(inside quotes it becomes nothing, so ``SIGN="AAAA \\<nl>   BBBB"`` reads ``AAAA BBBB``).
Every logical offset maps back to a physical line and column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Callable, List, Optional, Tuple

from .errors import LictoolError
from .keymaterial import refuse as refuse_key_material

_NEWLINE = re.compile(r"(\r\n|\r|\n)")
_FIRST_WORD = re.compile(r"[ \t]*([^ \t]+)")
BOM = "\ufeff"


def decode(data: bytes, path: Optional[str] = None) -> Tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8 (a BOM stays in the text as U+FEFF), else Latin-1.

    A NUL byte means this is not a license file: raises LictoolError with its position. So
    does private key material (:mod:`lictool.keymaterial`): none of it may reach an output.
    """
    refuse_key_material(data, path)
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = _position_of(data, nul)
        raise LictoolError("binary file: NUL byte; a license file is text", path, line, col)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _position_of(data: bytes, index: int) -> Tuple[int, int]:
    """(line, column) of a byte offset, counting characters and every newline style."""
    try:
        before = data[:index].decode("utf-8")
    except UnicodeDecodeError:
        before = data[:index].decode("latin-1")
    if before.startswith(BOM):
        before = before[1:]
    lines = _NEWLINE.split(before)
    return (len(lines) + 1) // 2, len(lines[-1]) + 1


def physical_lines(text: str) -> List[str]:
    """The physical lines of ``text`` as lictool counts them (LF, CRLF and CR only), without
    their newlines. Unlike ``str.splitlines``, U+2028, U+0085 and form feeds do not end a
    line: line numbers here are the license server's, and the parser's."""
    lines = _NEWLINE.split(text)[0::2]
    if len(lines) > 1 and lines[-1] == "":
        lines.pop()
    return [] if lines == [""] else lines


def invisible_blanks(text: str) -> Optional[str]:
    """For a line that looks blank but is not (it holds only white space, and some of it is not
    an ASCII space or tab: a no-break space or an ideographic space pasted from e-mail, a line
    separator, a Latin-1 NEL), the names of those characters; else None. The license server
    reads a blank line as blank only when it holds nothing but spaces and tabs."""
    if not text or text.strip() or not text.strip(" \t"):
        return None
    import unicodedata

    seen: List[str] = []
    for ch in text:
        if ch in " \t":
            continue
        name = f"U+{ord(ch):04X} {unicodedata.name(ch, _CONTROL_NAMES.get(ch, 'WHITE SPACE'))}"
        if name not in seen:
            seen.append(name)
    return ", ".join(seen)


_CONTROL_NAMES = {"\x85": "NEXT LINE (NEL)", "\x1c": "FILE SEPARATOR", "\x1d": "GROUP SEPARATOR",
                  "\x1e": "RECORD SEPARATOR", "\x1f": "UNIT SEPARATOR"}


def first_word(text: str) -> Tuple[int, int]:
    """(start, end) of the first word of a record's text: the first run of characters other
    than blanks and tabs, the way the keyword of a line is found."""
    m = _FIRST_WORD.match(text)
    return (m.start(1), m.end(1)) if m else (len(text), len(text))


def detect_newline(text: str) -> str:
    m = _NEWLINE.search(text)
    return m.group(1) if m else "\n"


class Logical:
    """One record as read: kind hint, raw text, logical text and the offset -> position map."""

    __slots__ = ("kind", "line", "end_line", "raw", "text", "segments", "problem", "bare",
                 "_starts")

    def __init__(self, kind: str, line: int, end_line: int, raw: str, text: str,
                 segments: Optional[List[Tuple[int, int, int]]] = None,
                 problem: Optional[Tuple[int, int, str]] = None,
                 bare: Tuple[int, ...] = ()) -> None:
        self.kind = kind            # "record", "comment" or "blank"
        self.line = line            # first physical line, 1-based
        self.end_line = end_line    # last physical line
        self.raw = raw              # exact text, newlines included
        self.text = text            # logical text (continuations joined)
        # (logical offset, physical line, 0-based column) of each physical segment
        self.segments = segments
        self.problem = problem      # (line, col, message) found while joining
        self.bare = bare            # physical lines joined without a backslash before them
        self._starts: Optional[List[int]] = None

    def position(self, offset: int) -> Tuple[int, int]:
        """Logical offset -> (physical line, 1-based column)."""
        segs = self.segments
        if segs is None:
            return self.line, offset + 1
        starts = self._starts
        if starts is None:
            starts = self._starts = [s[0] for s in segs]
        i = bisect_right(starts, offset) - 1
        start, line, col0 = segs[max(i, 0)]
        return line, col0 + (offset - start) + 1


def is_continued(line: str) -> bool:
    """Whether a physical line (without its newline) continues on the next one: its last
    character other than blanks and tabs is a backslash."""
    last = line[-1:]
    if last == "\\":
        return True
    return (last == " " or last == "\t") and line.rstrip(" \t").endswith("\\")


#: what a physical line (without its indentation) starts, for continuation without a backslash
OTHER, KEYWORD_LINE, DECIMAL_LINE = 0, 1, 2


def split(text: str, starts: Optional[Callable[[str], int]] = None) -> List[Logical]:
    """Split text (without a BOM) into logical records, comments and blank lines.

    ``starts(line)`` says what a physical line (without its indentation, and maybe ending with
    a continuation backslash) starts: a keyword record (KEYWORD_LINE), a decimal-format license
    (DECIMAL_LINE) or neither (OTHER). With it, a
    line that starts neither, and is no comment or blank line, continues the keyword record
    right above it even without a backslash, as v7.0+ readers read it; without it only a
    trailing backslash continues a record."""
    parts = _NEWLINE.split(text)
    lines = parts[0::2]
    nls = parts[1::2]
    nls.append("")
    if lines and lines[-1] == "" and len(lines) > 1:
        # text ends with a newline: there is no last, empty physical line
        lines.pop()
        nls.pop()
    elif lines == [""]:
        return []
    out: List[Logical] = []
    n = len(lines)
    i = 0
    append = out.append

    def next_is_bare(j: int) -> bool:
        """Whether physical line ``j`` may continue a keyword record without a backslash: it
        starts no record, and is no comment or blank line."""
        if starts is None or j >= n:
            return False
        nxt = lines[j].lstrip(" \t")
        # (a line of no-break spaces and the like looks blank: it stays a line of its own, for
        # the unknown-line rule to report)
        return bool(nxt.strip()) and nxt[0] != "#" and starts(nxt) == OTHER

    while i < n:
        line = lines[i]
        first_char = line[:1]
        stripped = line.lstrip(" \t") if first_char == " " or first_char == "\t" else line
        if not stripped:
            append(Logical("blank", i + 1, i + 1, line + nls[i], line))
            i += 1
            continue
        if stripped[0] == "#":
            append(Logical("comment", i + 1, i + 1, line + nls[i], line))
            i += 1
            continue
        if not is_continued(line) and not (next_is_bare(i + 1)
                                           and starts(stripped) == KEYWORD_LINE):
            append(Logical("record", i + 1, i + 1, line + nls[i], line))
            i += 1
            continue
        # a continued record
        first = i
        raw_parts = []
        text_parts = []
        segments = []
        bare: List[int] = []
        keyword_record: Optional[bool] = None   # known once a line ends without a backslash
        offset = 0
        quotes = 0
        problem = None
        cur = line
        col0 = 0
        while True:
            raw_parts.append(cur + nls[i])
            segments.append((offset, i + 1, col0))
            body = cur[col0:]
            backslash = is_continued(cur)
            if not backslash and keyword_record is None and next_is_bare(i + 1):
                # the record's keyword is the first word of its logical text ("\\" then
                # "SERVER" on the next line is a SERVER record): read once, so that a record of
                # many lines joined without backslashes stays linear
                keyword_record = starts(("".join(text_parts) + body).lstrip(" \t")) \
                    == KEYWORD_LINE
            if backslash or (keyword_record and next_is_bare(i + 1)):
                if backslash:
                    body = body.rstrip(" \t")[:-1]
                quotes += body.count('"')
                text_parts.append(body)
                offset += len(body)
                joiner = "" if quotes % 2 else " "
                text_parts.append(joiner)
                offset += len(joiner)
                if i + 1 >= n:
                    if problem is None:
                        problem = (i + 1, len(cur.rstrip(" \t")),
                                   "backslash continuation at the end of the file: "
                                   "the record is cut short")
                    break
                i += 1
                cur = lines[i]
                col0 = len(cur) - len(cur.lstrip(" \t"))
                if not backslash:
                    bare.append(i + 1)
                if problem is None and cur[col0:col0 + 1] == "#":
                    problem = (i + 1, col0 + 1,
                               "the line before ends with a backslash, so this '#' line is read "
                               "as part of the record, not as a comment (FlexNet leaves this "
                               "undefined); remove the backslash or join the lines")
                continue
            quotes += body.count('"')
            text_parts.append(body)
            break
        append(Logical("record", first + 1, i + 1, "".join(raw_parts), "".join(text_parts),
                       segments, problem, tuple(bare)))
        i += 1
    return out
