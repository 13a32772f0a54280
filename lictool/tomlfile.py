"""The one reader of TOML files lictool is given: configurations (``.lictool.toml``,
``pyproject.toml``), deployment descriptions, catalogue files and the settings of rule examples.

:func:`read` reads a file's bytes, refuses private key material (:mod:`lictool.keymaterial`),
decodes UTF-8 (a byte order mark is allowed) and parses; :func:`parse` does the same for text.
Every failure is a :class:`~lictool.errors.LictoolError` with the file and, when known, the
line and column: a TOML syntax error (tomllib's "(at line L, column C)" becomes the position), a
number too long to read, nesting deeper than :data:`MAX_DEPTH` levels (tomllib would run out of
stack, and so would any reader that walks the tables), an unreadable or non-UTF-8 file, or a
file too large for memory. Never a traceback.

The value types (:data:`STRING`, :data:`BOOLEAN`, :class:`Integer`, :class:`Strings`,
:class:`Table`, :class:`Fields`) say what a key takes; their ``problem(value)`` is None or where
in the value the problem is and what was expected. Rule options (``Rule.option_types``) and
catalogue files are checked with them.
"""

from __future__ import annotations

import re
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Protocol, Tuple, Union

from .errors import LictoolError
from .keymaterial import refuse

__all__ = ["Document", "MAX_DEPTH", "key_path", "type_name", "parse", "read", "Problem",
           "ValueType", "Scalar", "STRING", "BOOLEAN", "Integer", "Strings", "Table", "Fields"]

#: Tables and arrays nested deeper than this are refused. No lictool file needs more than a few
#: levels; tomllib itself fails (RecursionError) at a few hundred.
MAX_DEPTH = 100

_AT = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_AT_END = re.compile(r"\s*\(at end of document\)\s*$")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")

KeyPart = Union[str, int]


@dataclass(frozen=True)
class Document:
    """A parsed TOML file: where it came from, its text (without a byte order mark, so that
    columns count from the first character) and its tables."""

    path: str
    text: str
    data: Dict[str, Any]


def key_path(*parts: KeyPart) -> str:
    """A key as a user writes it: dotted, a segment that is not a bare key quoted, an array
    index as ``[i]``: ``key_path("rules", "count-over-cap", "caps", "genesys.d")`` is
    ``rules.count-over-cap.caps."genesys.d"``, ``key_path("catalogs", 0)`` is ``catalogs[0]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
            continue
        seg = part if _BARE_KEY.fullmatch(part) else '"' + part.replace("\\", "\\\\").replace(
            '"', '\\"') + '"'
        out += f".{seg}" if out else seg
    return out


def type_name(value: Any) -> str:
    """The type of a value read from TOML, for "expected a string, not int" messages."""
    return type(value).__name__


# --------------------------------------------------------------------------------------------
# what a key takes
# --------------------------------------------------------------------------------------------

# A problem with a value: where inside it ("" for the value itself, "[2]" for a list element,
# '."genesys.d"' for a table entry) and what was expected ("expected a string, not int").
Problem = Tuple[str, str]


class ValueType(Protocol):
    """What a key takes."""

    def describe(self) -> str:
        """``an integer from 0 to 36500``, ``a list of strings``."""

    def problem(self, value: Any) -> Optional[Problem]:
        """None when ``value`` is acceptable, else where in it and what was expected."""


def _expected(kind: ValueType, value: Any) -> Problem:
    return "", f"expected {kind.describe()}, not {type_name(value)}"


def _inside(where: str, found: Problem) -> Problem:
    """A problem of a part of a value (``where``: "[2]", '."genesys.d"'), as one of the value."""
    return where + found[0], found[1]


@dataclass(frozen=True)
class Scalar:
    """A value of one type: :data:`STRING`, :data:`BOOLEAN`."""

    type: type
    what: str          # "a string"

    def describe(self) -> str:
        return self.what

    def problem(self, value: Any) -> Optional[Problem]:
        return None if isinstance(value, self.type) else _expected(self, value)


STRING = Scalar(str, "a string")
BOOLEAN = Scalar(bool, "true or false")


@dataclass(frozen=True)
class Integer:
    """An integer from ``minimum`` to ``maximum`` (a boolean is not an integer)."""

    minimum: int
    maximum: int
    note: str = ""     # what the bound is, for the message: "a FlexNet license count"

    def describe(self) -> str:
        note = f" ({self.note})" if self.note else ""
        return f"an integer from {self.minimum} to {self.maximum}{note}"

    def problem(self, value: Any) -> Optional[Problem]:
        if isinstance(value, bool) or not isinstance(value, int):
            return _expected(self, value)
        if not self.minimum <= value <= self.maximum:
            return "", f"expected {self.describe()}, not {value}"
        return None


@dataclass(frozen=True)
class Strings:
    """A list of strings."""

    def describe(self) -> str:
        return "a list of strings"

    def problem(self, value: Any) -> Optional[Problem]:
        if not isinstance(value, list):
            return _expected(self, value)
        for i, item in enumerate(value):
            found = STRING.problem(item)
            if found is not None:
                return _inside(f"[{i}]", found)
        return None


@dataclass(frozen=True)
class Table:
    """A table of any keys (``keys`` describes them: "vendor name") with values of type
    ``values``."""

    keys: str
    values: ValueType

    def describe(self) -> str:
        return f"a table of {self.keys} = {self.values.describe()}"

    def problem(self, value: Any) -> Optional[Problem]:
        if not isinstance(value, dict):
            return _expected(self, value)
        for k, item in value.items():
            found = self.values.problem(item)
            if found is not None:
                return _inside(f".{key_path(k)}", found)
        return None


@dataclass(frozen=True)
class Fields:
    """A table of the keys ``fields`` names (none is required), each of its type."""

    fields: Mapping[str, ValueType]

    def describe(self) -> str:
        return "a table"

    def problem(self, value: Any) -> Optional[Problem]:
        if not isinstance(value, dict):
            return _expected(self, value)
        for k, item in value.items():
            kind = self.fields.get(k)
            if kind is None:
                return f".{key_path(k)}", f"unknown key (expected {', '.join(self.fields)})"
            found = kind.problem(item)
            if found is not None:
                return _inside(f".{key_path(k)}", found)
        return None


# --------------------------------------------------------------------------------------------
# reading
# --------------------------------------------------------------------------------------------

def _position(text: str, offset: int) -> Tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _syntax_error(exc: tomllib.TOMLDecodeError, text: str, path: str) -> LictoolError:
    message = str(exc)
    m = _AT.search(message)
    if m:
        return LictoolError(f"invalid TOML: {message[:m.start()]}", path, int(m.group(1)),
                            int(m.group(2)))
    m = _AT_END.search(message)
    if m:
        lines = text.splitlines() or [""]
        return LictoolError(f"invalid TOML: {message[:m.start()]} (at the end of the file)",
                            path, len(lines), len(lines[-1]) + 1)
    return LictoolError(f"invalid TOML: {message}", path, 1, 1)


def _value_error(exc: ValueError, text: str, path: str) -> LictoolError:
    """tomllib's ``int()`` refuses a number of more digits than ``sys.get_int_max_str_digits()``
    (4300): where is it?"""
    limit = sys.get_int_max_str_digits()
    m = re.search(r"[0-9A-Fa-f_]{%d,}" % limit, text) if limit else None
    if m is None:
        return LictoolError(f"invalid TOML: {exc}", path)
    line, column = _position(text, m.start())
    return LictoolError(f"invalid TOML: a number of more than {limit} digits (too long to read)",
                        path, line, column)


def _too_deep(data: Dict[str, Any]) -> Optional[Tuple[KeyPart, ...]]:
    """The key path of the first value nested deeper than :data:`MAX_DEPTH`, or None. Iterative:
    the point is not to run out of stack."""
    stack: list = [((), data)]
    while stack:
        keys, value = stack.pop()
        if len(keys) > MAX_DEPTH:
            return keys
        if isinstance(value, dict):
            stack.extend((keys + (k,), v) for k, v in value.items())
        elif isinstance(value, list):
            stack.extend((keys + (i,), v) for i, v in enumerate(value))
    return None


_DEPTH_LIMIT = f"lictool reads at most {MAX_DEPTH} levels of nested tables and arrays"


def _document(text: str, path: str) -> Document:
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _syntax_error(exc, text, path) from None
    except ValueError as exc:
        raise _value_error(exc, text, path) from None
    except RecursionError:
        raise LictoolError(f"TOML nested too deeply to read: {_DEPTH_LIMIT}", path) from None
    except MemoryError:
        raise LictoolError("TOML too large to read (out of memory)", path) from None
    deep = _too_deep(data)
    if deep is not None:
        shown = key_path(*deep[:8])
        raise LictoolError(f"TOML nested too deeply: the value at '{shown}...' is more than "
                           f"{MAX_DEPTH} levels deep; {_DEPTH_LIMIT}", path)
    return Document(path, text, data)


def parse(text: str, path: str = "<string>") -> Document:
    """TOML text -> :class:`Document`; ``path`` names it in errors. Raises
    :class:`LictoolError` (see the module docstring)."""
    refuse(text, path, "a TOML file")
    return _document(text, path)


def read(path: Union[str, Path], what: str = "TOML file") -> Document:
    """Read and parse the TOML file at ``path``; ``what`` names it in errors ("configuration
    file", "deployment file", "catalogue file"). Raises :class:`LictoolError`."""
    where = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise LictoolError(f"no such file or directory ({what})", where) from None
    except IsADirectoryError:
        raise LictoolError(f"{what} is a directory", where) from None
    except OSError as exc:
        raise LictoolError(f"cannot read {what}: {exc.strerror or exc}", where) from None
    except MemoryError:
        raise LictoolError(f"{what} too large to read (out of memory)", where) from None
    refuse(raw, where, "a TOML file")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start].decode("utf-8", "replace")
        line, column = _position(before, len(before))
        raise LictoolError(f"{what} is not UTF-8 text (byte {exc.start})", where, line,
                           column) from None
    return _document(text, where)
