"""The typed model of a license file: immutable records holding typed values.

Every record remembers the exact text it was read from (``raw``) and where (``line``,
``end_line``). Those are not constructor arguments: a record made by ``dataclasses.replace`` or
built by hand has no ``raw`` and is written in the canonical style; an untouched record is written
back byte for byte.

Equality ignores positions, the original text and the spelling of the line keyword, so two files
that mean the same thing compare equal record by record (``lictool fmt`` relies on this).
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any, Dict, Hashable, Iterator, List, Optional, Tuple

from .errors import Diagnostic, LictoolError
from .hostids import HostId, parse_hostids
from .source import Logical
from .syntax import kinds
from .syntax.vocabulary import spec

__all__ = [
    "Version", "Expiry", "Count", "HostId", "Attribute", "Signature", "Component",
    "AuthEntry", "Record", "LineRecord", "KeywordRecord", "Comment", "Blank", "Server", "Vendor",
    "UseServer", "Feature", "Package", "FeatureSet", "DecimalLine", "Decimal_", "Opaque",
    "Unparsed", "LicenseFile", "needs_quotes", "value_token", "diagnostic_json", "auth_json",
    "node_lock_hostids",
]


def __getattr__(name: str):
    # FEATURE_KINDS: the keywords of the lines that grant licenses (FEATURE, INCREMENT, UPGRADE,
    # PACKAGE), as grammars/flexnet.toml marks them (`licensed = true`); read on first use
    if name == "FEATURE_KINDS":
        return spec().licensed_keywords
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

# ---------------------------------------------------------------------------------------------
# Typed values
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Version:
    """A feature version as written (``8.1``, ``2024.0601``), compared numerically.

    Equality is textual (``1.05`` and ``1.050`` are different spellings); ordering and
    :meth:`same_as` are numeric, as FlexNet compares versions.
    """

    text: str

    # computed once per object (versions are shared: lictool.values caches them by text)
    @cached_property
    def number(self) -> Decimal:
        try:
            return Decimal(self.text)
        except InvalidOperation:  # pragma: no cover - the grammar only admits decimals
            return Decimal(0)

    @cached_property
    def major(self) -> int:
        """The integer part: 7 for ``7.6``, 8 for ``8.1``."""
        return int(self.number)

    @property
    def date(self) -> Optional[_dt.date]:
        """For a date-based version ``yyyy.mmdd`` (``2020.111`` is 11 Jan 2020), the date.
        Never raises: ASCII digits only, and an impossible date (``2020.1131``) is None."""
        m = re.fullmatch(r"([0-9]{4})\.([0-9]{1,2})([0-9]{2})", self.text)
        if not m:
            return None
        try:
            return _dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None

    def same_as(self, other: "Version") -> bool:
        return self.number == other.number

    # Ordering is numeric; equality stays textual, so `<=` is not "< or ==": 1.0 <= 1.00.
    def __lt__(self, other: "Version") -> bool:
        return self.number < other.number if isinstance(other, Version) else NotImplemented

    def __le__(self, other: "Version") -> bool:
        return self.number <= other.number if isinstance(other, Version) else NotImplemented

    def __gt__(self, other: "Version") -> bool:
        return self.number > other.number if isinstance(other, Version) else NotImplemented

    def __ge__(self, other: "Version") -> bool:
        return self.number >= other.number if isinstance(other, Version) else NotImplemented

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Expiry:
    """An expiry date as written: a date, ``permanent``, or a year of 0/00/000/0000 (permanent).

    ``date`` is None for permanent lines and for impossible dates (``31-feb-2025``,
    ``31-foo-2024``); ``valid`` tells the two apart.
    """

    text: str
    date: Optional[_dt.date] = field(default=None, compare=False)
    permanent: bool = field(default=False, compare=False)

    @property
    def valid(self) -> bool:
        return self.permanent or self.date is not None

    @cached_property  # expiries are shared (lictool.values caches them by text)
    def iso(self) -> Optional[str]:
        """``"permanent"``, ``"YYYY-MM-DD"``, or None for an impossible date."""
        if self.permanent:
            return "permanent"
        return self.date.isoformat() if self.date else None

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Count:
    """A license count: an integer, or uncounted (``uncounted`` or ``0``): ``value`` is None."""

    text: str
    value: Optional[int] = field(default=None, compare=False)

    @property
    def uncounted(self) -> bool:
        return self.value is None

    def __str__(self) -> str:
        return self.text


# HostId lives in lictool.hostids (with its classification); the model re-exports it.


@dataclass(frozen=True)
class Signature:
    """A signature attribute (SIGN, SIGN2, AUTH, ...) or a positional license key."""

    keyword: str
    text: str

    @property
    def hex(self) -> str:
        """The signature without spaces, upper-case: spacing inside SIGN does not matter."""
        return "".join(self.text.split()).upper()


@dataclass(frozen=True)
class AuthEntry:
    """One vendor daemon's part of a braced ``AUTH={ daemon=( KEY=value ... ) ... }`` value: the
    daemon's name and its keywords and values in order (a flag has value None)."""

    daemon: str
    attributes: Tuple[Tuple[str, Optional[str]], ...] = ()

    def get(self, key: str) -> Optional[str]:
        key = key.upper()
        for k, v in self.attributes:
            if k.upper() == key:
                return v
        return None


@dataclass(frozen=True)
class Component:
    """One entry of a PACKAGE's COMPONENTS list: ``feature[:version[:count]]``."""

    name: str
    version: Optional[Version] = None
    count: Optional[int] = None
    text: str = field(default="", compare=False)


@dataclass(frozen=True)
class Attribute:
    """One ``KEY=value``, ``KEY="quoted value"`` or bare ``FLAG`` in file order.

    ``key`` keeps its spelling; ``value`` has no quotes and its continuations joined (None for a
    flag). ``line``/``column`` (1-based, a tab is one column) and ``end_line``/``end_column``
    (exclusive) are computed on demand from the record's physical layout; an attribute made by
    hand has no position (0).
    """

    key: str
    value: Optional[str]
    quoted: bool = field(default=False, compare=False)  # layout: "x" and x mean the same
    offset: int = field(default=0, compare=False, repr=False)
    end_offset: int = field(default=0, compare=False, repr=False)
    #: the record text the offsets are in (what maps them to physical positions)
    locator: Optional[Logical] = field(default=None, compare=False, repr=False)
    #: ``KEY={ ... }``: ``value`` is the text between the braces, as written (AUTH= on common
    #: vendor daemon deployments; :attr:`Feature.auth` has its structure)
    braced: bool = field(default=False, compare=False)

    @cached_property
    def name(self) -> str:
        """The keyword upper-cased, for case-insensitive lookups."""
        return self.key.upper()

    @classmethod
    def read(cls, key: str, value: Optional[str], quoted: bool, offset: int, end_offset: int,
             locator: Logical, braced: bool = False) -> "Attribute":
        """The parser's constructor: the same object as ``Attribute(...)`` at less than half the
        cost of the frozen ``__init__`` (a 2 MB line can hold a million attributes). The
        instance dictionary is filled directly, as :func:`functools.cached_property` does."""
        obj = object.__new__(cls)
        obj.__dict__.update(key=key, value=value, quoted=quoted, offset=offset,
                            end_offset=end_offset, locator=locator, braced=braced,
                            name=key.upper())
        return obj

    @property
    def is_flag(self) -> bool:
        return self.value is None

    def token(self) -> str:
        """The attribute in the canonical style: ``KEY``, ``KEY=value``, ``KEY="a b"``,
        ``KEY={...}``."""
        if self.value is None:
            return self.key
        if self.braced:
            if "{" in self.value or "}" in self.value:
                raise LictoolError(f"a braced value cannot contain a brace: {self.value!r}")
            return f"{self.key}={{{self.value}}}"
        return f"{self.key}={value_token(self.value, self.quoted)}"

    def layout_key(self) -> Tuple[str, Hashable]:
        """What of the attribute is not layout: its keyword upper-cased and its value (a
        signature without its spacing and case)."""
        name = self.name
        if self.value is None:
            return (name, None)
        if name in spec().signature_keywords:
            return (name, "".join(self.value.split()).upper())
        return (name, self.value)

    def _at(self, offset: int) -> Tuple[int, int]:
        if self.locator is None:
            return 0, 0
        return self.locator.position(offset)

    @property
    def line(self) -> int:
        return self._at(self.offset)[0]

    @property
    def column(self) -> int:
        return self._at(self.offset)[1]

    @property
    def end_line(self) -> int:
        return self._at(self.end_offset)[0]

    @property
    def end_column(self) -> int:
        return self._at(self.end_offset)[1]


def needs_quotes(value: str) -> bool:
    """Whether a value must be quoted to read back as one token."""
    # the grammar's unquoted tokens stop at any white space (\s), not only blanks and tabs
    return value == "" or any(c.isspace() for c in value) or value.endswith("\\")


def value_token(value: str, quoted: bool) -> str:
    """A value as written in the canonical style: quoted when it was, or when it must be."""
    if '"' in value:
        raise LictoolError(f"a value cannot contain a double quote: {value!r}")
    return f'"{value}"' if quoted or needs_quotes(value) else value


def diagnostic_json(d: Diagnostic) -> Dict[str, Any]:
    """A diagnostic as ``lictool parse --format json`` prints it."""
    out = {"line": d.line, "column": d.column, "end_line": d.end_line,
           "end_column": d.end_column, "code": d.code, "severity": d.severity,
           "message": d.message}
    if d.hint:
        out["hint"] = d.hint
    return out


def auth_json(entries: Tuple[AuthEntry, ...]) -> List[Dict[str, Any]]:
    """A braced ``AUTH={ daemon=( KEY=value ... ) ... }``: one object per daemon, with its
    keywords as in :meth:`KeywordRecord.attributes_json` (a flag -> true)."""
    return [{"daemon": e.daemon,
             "attributes": {k: (True if v is None else v) for k, v in e.attributes}}
            for e in entries]


# ---------------------------------------------------------------------------------------------
# Records
#
# Each record kind says in one place how it is written (``tokens``), shown in the JSON model
# (``json_fields``) and in ``lictool parse`` (``summary``), and compared apart from layout
# (``layout_key``); lictool.syntax.parser's BUILDERS table says how each is built.
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """Base of every record. ``source`` is what the record was read from (its exact text, its
    physical lines, the map from logical offsets to positions); None when made or changed."""

    source: Optional[Logical] = field(default=None, init=False, compare=False, repr=False)

    kind = "RECORD"

    @classmethod
    def read(cls, source: Logical, **fields: Any) -> "Record":
        """The record of ``fields`` read from ``source`` (the parser's constructor): the same
        object as ``cls(**fields)`` with its source, without the cost of the frozen
        ``__init__``. The instance dictionary is filled directly, as
        :func:`functools.cached_property` does; every field without a default must be given,
        and a cached property may be given its value (the parser gives ``Feature.hostids``)."""
        obj = object.__new__(cls)
        obj.__dict__.update(fields, source=source)
        return obj

    def with_source(self, source: Optional[Logical]) -> "Record":
        """A copy of this record read from ``source`` (the same fields, another text)."""
        obj = object.__new__(type(self))
        obj.__dict__.update(self.__dict__, source=source)
        return obj

    @property
    def raw(self) -> Optional[str]:
        """The exact text read, newlines included; None for a record made or changed."""
        return self.source.raw if self.source is not None else None

    @property
    def line(self) -> int:
        """First physical line (1-based); 0 for a record made or changed."""
        return self.source.line if self.source is not None else 0

    @property
    def end_line(self) -> int:
        return self.source.end_line if self.source is not None else 0

    @property
    def bare_continuations(self) -> Tuple[int, ...]:
        """The physical lines that continue this record without a backslash before them (read
        as v7.0+ readers do; pre-v7.0 readers stop at them)."""
        return (self.source.bare or ()) if self.source is not None else ()

    def position(self, offset: int) -> Tuple[int, int]:
        """(line, column) of an offset in the record's logical text; (0, 0) without a source."""
        if self.source is None:
            return 0, 0
        return self.source.position(offset)

    @property
    def span(self) -> Tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of the record without its indentation and
        trailing blanks; the end is exclusive."""
        if self.source is None:
            return 0, 0, 0, 0
        text = self.source.text
        start = len(text) - len(text.lstrip(" \t"))
        end = len(text.rstrip(" \t"))
        return (*self.source.position(start), *self.source.position(max(end, start)))

    # -- the per-kind behaviour ---------------------------------------------------------------

    def tokens(self) -> Optional[List[str]]:
        """The tokens of a keyword record in canonical order; None for a line-like record
        (written as its ``text``)."""
        return None

    def json_fields(self) -> Dict[str, Any]:
        """What the JSON model shows of the record after its kind and lines, in order."""
        return {}

    def summary(self) -> str:
        """What ``lictool parse`` shows of the record after its kind."""
        return ""

    def layout_key(self) -> Hashable:
        """A hashable key: equal for records that are the same apart from layout (spacing,
        continuation points, indentation, quoting, the case of the line keyword and of attribute
        keywords, and the spacing and case inside signatures and positional license keys)."""
        return (self.kind, "")


@dataclass(frozen=True)
class LineRecord(Record):
    """A record that is one line of text kept as written (without its newline)."""

    text: str = ""

    def json_fields(self) -> Dict[str, Any]:
        return {"text": self.text}

    def summary(self) -> str:
        return self.text

    def layout_key(self) -> Hashable:
        return (self.kind, self.text)


@dataclass(frozen=True)
class Comment(LineRecord):
    """A ``#`` comment line, kept as written (without its newline)."""

    kind = "COMMENT"


@dataclass(frozen=True)
class Blank(LineRecord):
    """An empty or all-blank line."""

    kind = "BLANK"

    def json_fields(self) -> Dict[str, Any]:
        return {}


@dataclass(frozen=True)
class KeywordRecord(Record):
    """A record that starts with a line keyword. ``keyword`` is upper-case; ``keyword_text`` is
    the spelling in the file."""

    keyword: str = ""
    keyword_text: str = field(default="", compare=False)
    attributes: Tuple[Attribute, ...] = ()

    def attribute(self, key: str) -> Optional[Attribute]:
        """The first attribute named ``key`` (case-insensitive), or None."""
        key = key.upper()
        for a in self.attributes:
            if a.name == key:
                return a
        return None

    def get(self, key: str, default: Optional[str] = None) -> Optional[str]:
        a = self.attribute(key)
        if a is None:
            return default
        return a.value if a.value is not None else ""

    def has(self, key: str) -> bool:
        return self.attribute(key) is not None

    def attributes_json(self) -> Dict[str, Any]:
        """keyword as written -> value without quotes (continuations joined); a flag -> true.
        A keyword written twice maps to the list of its values."""
        out: Dict[str, Any] = {}
        for a in self.attributes:
            v: Any = True if a.value is None else a.value
            if a.key in out:
                prev = out[a.key]
                out[a.key] = (prev if isinstance(prev, list) else [prev]) + [v]
            else:
                out[a.key] = v
        return out

    def positional(self) -> List[str]:
        """The line keyword and the positional fields, as written in the canonical style."""
        return [self.keyword]

    def tokens(self) -> Optional[List[str]]:
        return self.positional() + [a.token() for a in self.attributes]

    def json_fields(self) -> Dict[str, Any]:
        return {"keyword": self.keyword}

    def layout_key(self) -> Hashable:
        key = getattr(self, "license_key", None)
        positional = [p.upper() if key and p == key else p.strip('"')
                      for p in self.positional()[1:]]
        return (self.kind, self.keyword, tuple(positional),
                tuple(a.layout_key() for a in self.attributes))


@dataclass(frozen=True)
class Server(KeywordRecord):
    """``SERVER host hostid [port] [PRIMARY_IS_MASTER] [HEARTBEAT_INTERVAL=s] [PLAT=n]``."""

    host: str = ""
    hostid: Optional[HostId] = None
    port: Optional[int] = None
    port_text: Optional[str] = None
    kind = kinds.SERVER

    def positional(self) -> List[str]:
        t = [self.keyword, self.host,
             value_token(self.hostid.text, False) if self.hostid else "ANY"]
        if self.port_text is not None:
            t.append(self.port_text)
        elif self.port is not None and not self.has("PORT"):
            t.append(str(self.port))
        return t

    def json_fields(self) -> Dict[str, Any]:
        hid = self.hostid
        return {"keyword": self.keyword, "host": self.host, "hostid": hid.text if hid else None,
                "hostid_type": hid.type if hid else None, "port": self.port,
                "attributes": self.attributes_json()}

    def summary(self) -> str:
        hid = self.hostid                  # a SERVER line as read always has its hostid
        what = f"{self.host} hostid {hid.text} ({hid.type})"  # type: ignore[union-attr]
        if self.port is not None:
            what += f" port {self.port}"
        return what


@dataclass(frozen=True)
class Vendor(KeywordRecord):
    """``VENDOR`` (or ``DAEMON``) ``name [path] [[OPTIONS=]options] [[PORT=]port]``."""

    name: str = ""
    path: Optional[str] = None
    options: Optional[str] = None
    port: Optional[int] = None
    path_quoted: bool = field(default=False, compare=False)
    options_positional: bool = field(default=False, compare=False)
    port_positional: bool = field(default=False, compare=False)
    kind = kinds.VENDOR

    def positional(self) -> List[str]:
        t = [self.keyword, self.name]
        if self.path is not None:
            t.append(value_token(self.path, self.path_quoted))
            if self.options_positional and self.options is not None:
                t.append(value_token(self.options, False))
                if self.port_positional and self.port is not None:
                    t.append(str(self.port))
        return t

    def json_fields(self) -> Dict[str, Any]:
        return {"keyword": self.keyword, "name": self.name, "path": self.path,
                "options": self.options, "port": self.port, "attributes": self.attributes_json()}

    def summary(self) -> str:
        return " ".join([self.name] + [f"{k} {v}" for k, v in
                                       (("path", self.path), ("options", self.options),
                                        ("port", self.port))
                                       if v is not None])


@dataclass(frozen=True)
class UseServer(KeywordRecord):
    kind = kinds.USE_SERVER


def node_lock_hostids(hostid: Optional[str], hostid_v2: Optional[str]) -> Tuple[HostId, ...]:
    """The node-lock hostids of a FEATURE line from its ``HOSTID=`` value (None when it has
    none; a list when quoted) or else its v2 positional hostid."""
    text = hostid if hostid is not None else hostid_v2
    return parse_hostids(text) if text else ()


def _signatures(rec: "Feature | Package") -> Tuple[Signature, ...]:
    sig = spec().signature_keywords
    out = [Signature(a.key, a.value or "") for a in rec.attributes if a.name in sig]
    if rec.license_key:
        out.insert(0, Signature("KEY", rec.license_key))
    return tuple(out)


@dataclass(frozen=True, kw_only=True)
class Feature(KeywordRecord):
    """FEATURE, INCREMENT or UPGRADE: ``name vendor [from_version] version expiry count [key]``
    then attributes; a v2-style line may end with a quoted vendor string and a hostid.

    ``name``, ``vendor``, ``version``, ``expiry`` and ``count`` are on every such line: they are
    required (and keyword-only, like every field of a Feature)."""

    name: str
    vendor: str
    version: Version
    expiry: Expiry
    count: Count
    from_version: Optional[Version] = None
    license_key: Optional[str] = None
    vendor_string_v2: Optional[str] = None
    hostid_v2: Optional[str] = None
    #: the daemons of a braced AUTH= value, in order (read from the AUTH attribute)
    auth: Tuple[AuthEntry, ...] = field(default=(), compare=False)

    @property
    def kind(self) -> str:  # type: ignore[override]
        return self.keyword

    # computed once per record (records never change: an edit makes a new record); the parser
    # computes the hostids as it reads the line, the signatures are computed on first use
    @cached_property
    def hostids(self) -> Tuple[HostId, ...]:
        """The node-lock hostids: ``HOSTID=`` (a list when quoted) or the v2 positional one."""
        return node_lock_hostids(self.get("HOSTID"), self.hostid_v2)

    @cached_property
    def signatures(self) -> Tuple[Signature, ...]:
        return _signatures(self)

    @property
    def vendor_string(self) -> Optional[str]:
        v = self.get("VENDOR_STRING")
        return v if v is not None else self.vendor_string_v2

    def positional(self) -> List[str]:
        t = [self.keyword, self.name, self.vendor]
        if self.from_version is not None:
            t.append(self.from_version.text)
        t += [self.version.text, self.expiry.text, self.count.text]
        if self.license_key:
            t.append(self.license_key)
        if self.vendor_string_v2 is not None:
            t.append(f'"{self.vendor_string_v2}"')
            if self.hostid_v2:
                t.append(self.hostid_v2)
        return t

    def json_fields(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"keyword": self.keyword, "name": self.name,
                               "vendor": self.vendor, "version": self.version.text}
        if self.from_version is not None:
            out["from_version"] = self.from_version.text
        out.update(expiry=self.expiry.iso, count=self.count.value
                   if self.count.value is not None else "uncounted")
        if self.license_key:
            out["license_key"] = self.license_key
        if self.vendor_string_v2 is not None:
            out["vendor_string"] = self.vendor_string_v2
        if self.hostid_v2 is not None:
            out["hostid"] = self.hostid_v2
        out["attributes"] = self.attributes_json()
        if self.auth:
            out["auth"] = auth_json(self.auth)
        hostids = self.hostids
        if hostids:
            out["hostids"] = [{"type": h.type, "value": h.value} for h in hostids]
        return out

    def summary(self) -> str:
        ver = (f"{self.from_version.text}->{self.version.text}" if self.from_version
               else self.version.text)
        count = "uncounted" if self.count.value is None else self.count.value
        return (f"{self.name} {self.vendor} {ver} expires "
                f"{self.expiry.iso or self.expiry.text} count {count}")

    def layout_key(self) -> Hashable:
        # the common case, without rendering tokens
        return (self.kind, self.keyword,
                (self.name, self.vendor, self.from_version.text if self.from_version else None,
                 self.version.text, self.expiry.text, self.count.text,
                 self.license_key.upper() if self.license_key else None, self.vendor_string_v2,
                 self.hostid_v2),
                tuple(a.layout_key() for a in self.attributes))


@dataclass(frozen=True)
class Package(KeywordRecord):
    """``PACKAGE name vendor [version] [key] COMPONENTS="f[:ver[:count]] ..." [OPTIONS=SUITE]``."""

    name: str = ""
    vendor: str = ""
    version: Optional[Version] = None
    license_key: Optional[str] = None
    components: Tuple[Component, ...] = ()
    #: the daemons of a braced AUTH= value, in order (read from the AUTH attribute)
    auth: Tuple[AuthEntry, ...] = field(default=(), compare=False)
    kind = kinds.PACKAGE

    @cached_property
    def signatures(self) -> Tuple[Signature, ...]:
        return _signatures(self)

    def positional(self) -> List[str]:
        t = [self.keyword, self.name, self.vendor]
        if self.version is not None:
            t.append(self.version.text)
        if self.license_key:
            t.append(self.license_key)
        return t

    def json_fields(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"keyword": self.keyword, "name": self.name, "vendor": self.vendor,
                               "version": self.version.text if self.version else None}
        if self.license_key:
            out["license_key"] = self.license_key
        out["components"] = [{"name": c.name, "version": c.version.text if c.version else None,
                              "count": c.count} for c in self.components]
        out["attributes"] = self.attributes_json()
        if self.auth:
            out["auth"] = auth_json(self.auth)
        return out

    def summary(self) -> str:
        return f"{self.name} {self.vendor} components {' '.join(c.name for c in self.components)}"


@dataclass(frozen=True)
class FeatureSet(KeywordRecord):
    """Obsolete ``FEATURESET vendor key``."""

    vendor: str = ""
    key: str = ""
    kind = kinds.FEATURESET

    def positional(self) -> List[str]:
        return [self.keyword, self.vendor, self.key]

    def json_fields(self) -> Dict[str, Any]:
        return {"keyword": self.keyword, "vendor": self.vendor, "key": self.key}


@dataclass(frozen=True)
class DecimalLine(LineRecord):
    """A decimal-format license (``sampled-f1-00737-55296-1825``): opaque without vendor keys."""

    kind = "DECIMAL"

    @property
    def vendor(self) -> str:
        return self.text.split("-", 1)[0]


@dataclass(frozen=True)
class Opaque(LineRecord):
    """A line whose first word is not a FlexNet keyword; kept exactly as written."""

    kind = "OPAQUE"


@dataclass(frozen=True)
class Unparsed(LineRecord):
    """A record the grammar rejected; ``diagnostic`` says where and what was expected."""

    keyword: str = ""
    diagnostic: Optional[Diagnostic] = field(default=None, compare=False)
    kind = "UNPARSED"

    def json_fields(self) -> Dict[str, Any]:
        out: Dict[str, Any] = {"text": self.text}
        if self.diagnostic is not None:
            out["error"] = diagnostic_json(self.diagnostic)
        return out


#: the old name (README's Python API lists ``Decimal_``)
Decimal_ = DecimalLine


@dataclass(frozen=True)
class LicenseFile:
    """A parsed license file: its records in order, what went wrong, and how it was encoded."""

    records: Tuple[Record, ...] = ()
    diagnostics: Tuple[Diagnostic, ...] = field(default=(), compare=False)
    newline: str = field(default="\n", compare=False)
    encoding: str = field(default="utf-8", compare=False)
    bom: bool = field(default=False, compare=False)
    path: Optional[str] = field(default=None, compare=False)

    def __iter__(self) -> Iterator[Record]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    @property
    def errors(self) -> Tuple[Diagnostic, ...]:
        return tuple(d for d in self.diagnostics if d.severity == "error")

    def of_kind(self, *kinds: str) -> Tuple[Record, ...]:
        return tuple(r for r in self.records if r.kind in kinds)

    # computed once: records never change (an edit makes a new LicenseFile)
    @cached_property
    def servers(self) -> Tuple[Server, ...]:
        return tuple(r for r in self.records if isinstance(r, Server))

    @cached_property
    def vendors(self) -> Tuple[Vendor, ...]:
        return tuple(r for r in self.records if isinstance(r, Vendor))

    @cached_property
    def features(self) -> Tuple[Record, ...]:
        """The records that grant licenses (FEATURE, INCREMENT, UPGRADE and PACKAGE: the line kinds
        grammars/flexnet.toml marks ``licensed``), in file order."""
        licensed = spec().licensed_keywords
        return tuple(r for r in self.records if r.kind in licensed)
