"""Where keys, values and tables are written in TOML text: ``tomllib`` gives no positions, so
:class:`Locator` scans the (already valid) text once and maps every key path to the offset of
its key, its value and its ``[table]`` / ``[[table]]`` header, as 1-based line and column (a tab
is one column). A key path is a tuple of str keys and int indices (an entry of an array of
tables, an element of an array). :func:`parse_key_path` reads a key as
:func:`lictool.tomlfile.key_path` writes it (``rules.count-over-cap.caps."genesys.d"``,
``catalogs[0]``) back into a key path.

Used by the deployment reader (:mod:`lictool.genesys.deployment`), the product table
(:mod:`lictool.genesys.products`) and the configuration (:mod:`lictool.lint.config`) for
line-precise errors. The locator never raises: on text it cannot follow it knows fewer places.
"""

from __future__ import annotations

import bisect
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

from . import tomlfile
from .errors import LictoolError

__all__ = ["KeyPath", "Locator", "parse_key_path"]

KeyPath = Tuple[Any, ...]           # str keys and int array indices

_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class Locator:
    """Positions of keys, values and table headers in valid TOML text, by absolute key path
    (array-of-tables entries and array elements appear as int indices)."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.n = len(text)
        self.starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.keys: Dict[KeyPath, int] = {}       # path -> offset of the key (its last segment)
        self.values: Dict[KeyPath, int] = {}     # path -> offset of the value
        self.headers: Dict[KeyPath, int] = {}    # path -> offset of the [table] / [[table]] header
        self.counts: Dict[KeyPath, int] = {}     # array-of-tables path -> entries so far
        try:
            self._document()
        except (IndexError, ValueError, RecursionError, LictoolError):
            pass  # never a traceback from the locator (it recurses at most MAX_DEPTH deep)

    # -- queries ------------------------------------------------------------------------------

    def pos(self, offset: int) -> Tuple[int, int]:
        line = bisect.bisect_right(self.starts, offset)
        return line, offset - self.starts[line - 1] + 1

    def find_key(self, path: KeyPath) -> Optional[Tuple[int, int]]:
        """Where the key (or table) at ``path`` is written, else its nearest written parent;
        None when neither it nor a parent is written (a key given on the command line)."""
        p = tuple(path)
        while p:
            for table in (self.keys, self.headers, self.values):
                if p in table:
                    return self.pos(table[p])
            p = p[:-1]
        return None

    def find_value(self, path: KeyPath) -> Optional[Tuple[int, int]]:
        """Where the value at ``path`` starts (the key's place for a table given by a header),
        else as :meth:`find_key`."""
        p = tuple(path)
        if p in self.values:
            return self.pos(self.values[p])
        return self.find_key(p)

    def key(self, path: KeyPath) -> Tuple[int, int]:
        """Where the key (or table) at ``path`` is written; else its nearest written parent;
        else the start of the text."""
        return self.find_key(path) or (1, 1)

    def value(self, path: KeyPath) -> Tuple[int, int]:
        """Where the value at ``path`` starts (the key's place for a table given by a header)."""
        return self.find_value(path) or (1, 1)

    def table(self, path: KeyPath) -> Tuple[int, int]:
        """Where the table at ``path`` opens: its header, else its key or inline value."""
        p = tuple(path)
        if p in self.headers:
            return self.pos(self.headers[p])
        if p in self.values:
            return self.pos(self.values[p])
        return self.key(p)

    # -- scanning -----------------------------------------------------------------------------

    def _skip(self, i: int, newlines: bool) -> int:
        s, n = self.s, self.n
        while i < n:
            c = s[i]
            if c in " \t" or (newlines and c in "\r\n"):
                i += 1
            elif c == "#":
                while i < n and s[i] != "\n":
                    i += 1
            else:
                break
        return i

    def _document(self) -> None:
        s, n = self.s, self.n
        current: KeyPath = ()
        i = self._skip(0, True)
        while i < n:
            if s[i] == "[":
                array = s.startswith("[[", i)
                start = i
                i = self._skip(i + (2 if array else 1), False)
                segs, i = self._key(i)
                i = self._skip(i, False)
                i += 2 if array else 1
                current = self._resolve([name for name, _ in segs], array)
                self.headers.setdefault(current, start)
                if array:                              # the array itself: its first header
                    self.headers.setdefault(current[:-1], start)
            else:
                segs, i = self._key(i)
                i = self._skip(i, False) + 1          # '='
                i = self._skip(i, False)
                i = self._value(i, self._record(current, segs))
            i = self._skip(i, True)

    def _resolve(self, names: Sequence[str], array: bool) -> KeyPath:
        path: KeyPath = ()
        for k, name in enumerate(names):
            path += (name,)
            last = k == len(names) - 1
            if last and array:
                self.counts[path] = self.counts.get(path, 0) + 1
                path += (self.counts[path] - 1,)
            elif path in self.counts:
                path += (self.counts[path] - 1,)
        return path

    def _record(self, base: KeyPath, segs: List[Tuple[str, int]]) -> KeyPath:
        path = base
        for name, offset in segs:
            path += (name,)
            self.keys.setdefault(path, offset)
        return path

    def _key(self, i: int) -> Tuple[List[Tuple[str, int]], int]:
        s = self.s
        segs: List[Tuple[str, int]] = []
        while True:
            start = i
            if s[i] == '"':
                i += 1
                while s[i] != '"':
                    i += 2 if s[i] == "\\" else 1
                i += 1
                name = tomlfile.parse("k = " + s[start:i]).data["k"]
            elif s[i] == "'":
                i = s.index("'", i + 1) + 1
                name = s[start + 1:i - 1]
            else:
                while i < self.n and s[i] in _BARE:
                    i += 1
                if i == start:
                    raise ValueError("no key")
                name = s[start:i]
            segs.append((name, start))
            j = self._skip(i, False)
            if j < self.n and s[j] == ".":
                i = self._skip(j + 1, False)
                continue
            return segs, i

    def _value(self, i: int, path: KeyPath) -> int:
        s, n = self.s, self.n
        self.values.setdefault(path, i)
        if s.startswith('"""', i) or s.startswith("'''", i):
            q = s[i]
            i += 3
            while True:
                if q == '"' and s[i] == "\\":
                    i += 2
                elif s.startswith(q * 3, i):
                    while i < n and s[i] == q:      # up to two quotes may end the content
                        i += 1
                    return i
                else:
                    i += 1
        if s[i] == '"':
            i += 1
            while s[i] != '"':
                i += 2 if s[i] == "\\" else 1
            return i + 1
        if s[i] == "'":
            return s.index("'", i + 1) + 1
        if s[i] == "[":
            i = self._skip(i + 1, True)
            k = 0
            while s[i] != "]":
                i = self._value(i, path + (k,))
                k += 1
                i = self._skip(i, True)
                if s[i] == ",":
                    i = self._skip(i + 1, True)
            return i + 1
        if s[i] == "{":
            i = self._skip(i + 1, True)
            while s[i] != "}":
                segs, i = self._key(i)
                i = self._skip(self._skip(i, False) + 1, False)
                i = self._value(i, self._record(path, segs))
                i = self._skip(i, True)
                if s[i] == ",":
                    i = self._skip(i + 1, True)
            return i + 1
        while i < n and s[i] not in ",]}#\r\n":        # numbers, booleans, dates
            i += 1
        return i


_KEY_PART = re.compile(r'\[(\d+)\]|"((?:[^"\\]|\\.)*)"|([A-Za-z0-9_-]+)')


def parse_key_path(text: str) -> Optional[KeyPath]:
    """The key path of a key written as :func:`lictool.tomlfile.key_path` writes it (dotted, a
    quoted segment for a key that is not bare, ``[i]`` for an index); None when ``text`` is not
    such a key."""
    out: List[Any] = []
    i = 0
    while i < len(text):
        if text[i] == "." and out and not text.startswith(".[", i):
            i += 1
        m = _KEY_PART.match(text, i)
        if m is None:
            return None
        if m.group(1) is not None:
            out.append(int(m.group(1)))
        elif m.group(2) is not None:
            out.append(tomlfile.parse("k = \"" + m.group(2) + "\"").data["k"])
        else:
            out.append(m.group(3))
        i = m.end()
    return tuple(out)
