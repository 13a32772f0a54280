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
from typing import Iterator, Optional, Tuple

from .errors import Diagnostic
from .hostids import HostId, parse_hostids
from .syntax import kinds

__all__ = [
    "Version", "Expiry", "Count", "HostId", "Attribute", "Signature", "Component",
    "Record", "Comment", "Blank", "Server", "Vendor", "UseServer", "Feature", "Package",
    "FeatureSet", "Decimal_", "Opaque", "Unparsed", "LicenseFile",
]



def __getattr__(name: str):
    # FEATURE_KINDS: the keywords of the lines that grant licenses (FEATURE, INCREMENT, UPGRADE,
    # PACKAGE), as grammars/flexnet.toml marks them (`licensed = true`); read on first use
    if name == "FEATURE_KINDS":
        from .grammar_data import spec

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
    locator: Optional[object] = field(default=None, compare=False, repr=False)
    #: ``KEY={ ... }``: ``value`` is the text between the braces, as written (AUTH= on common
    #: vendor daemon deployments; :attr:`Feature.auth` has its structure)
    braced: bool = field(default=False, compare=False)
    #: the keyword upper-cased, for case-insensitive lookups
    name: str = field(default="", init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", self.key.upper())

    @classmethod
    def _read(cls, key: str, value: Optional[str], quoted: bool, offset: int, end_offset: int,
              locator: object, braced: bool = False) -> "Attribute":
        """The parser's constructor: the same object as ``Attribute(...)`` at less than half the
        cost of the frozen ``__init__`` (a 2 MB line can hold a million attributes)."""
        obj = object.__new__(cls)
        object.__setattr__(obj, "__dict__", {"key": key, "value": value, "quoted": quoted,
                                             "offset": offset, "end_offset": end_offset,
                                             "locator": locator, "braced": braced,
                                             "name": key.upper()})
        return obj

    @property
    def is_flag(self) -> bool:
        return self.value is None

    def _at(self, offset: int) -> Tuple[int, int]:
        if self.locator is None:
            return 0, 0
        return self.locator.position(offset)  # type: ignore[attr-defined]

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


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Record:
    """Base of every record. ``source`` is what the record was read from (its exact text, its
    physical lines, the map from logical offsets to positions); None when made or changed."""

    source: Optional[object] = field(default=None, init=False, compare=False, repr=False)

    kind = "RECORD"

    def _located(self, source: object) -> "Record":
        object.__setattr__(self, "source", source)
        return self

    @property
    def raw(self) -> Optional[str]:
        """The exact text read, newlines included; None for a record made or changed."""
        return self.source.raw if self.source is not None else None  # type: ignore[attr-defined]

    @property
    def line(self) -> int:
        """First physical line (1-based); 0 for a record made or changed."""
        return self.source.line if self.source is not None else 0  # type: ignore[attr-defined]

    @property
    def end_line(self) -> int:
        return self.source.end_line if self.source is not None else 0  # type: ignore[attr-defined]

    @property
    def bare_continuations(self) -> Tuple[int, ...]:
        """The physical lines that continue this record without a backslash before them (read
        as v7.0+ readers do; pre-v7.0 readers stop at them)."""
        return getattr(self.source, "bare", ()) or ()

    def position(self, offset: int) -> Tuple[int, int]:
        """(line, column) of an offset in the record's logical text; (0, 0) without a source."""
        if self.source is None:
            return 0, 0
        return self.source.position(offset)  # type: ignore[attr-defined]

    @property
    def span(self) -> Tuple[int, int, int, int]:
        """(line, column, end_line, end_column) of the record without its indentation and
        trailing blanks; the end is exclusive."""
        if self.source is None:
            return 0, 0, 0, 0
        text = self.source.text  # type: ignore[attr-defined]
        start = len(text) - len(text.lstrip(" \t"))
        end = len(text.rstrip(" \t"))
        return (*self.source.position(start), *self.source.position(max(end, start)))  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Comment(Record):
    """A ``#`` comment line, kept as written (without its newline)."""

    text: str = ""
    kind = "COMMENT"


@dataclass(frozen=True)
class Blank(Record):
    """An empty or all-blank line."""

    text: str = ""
    kind = "BLANK"


@dataclass(frozen=True)
class _Keyworded(Record):
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


@dataclass(frozen=True)
class Server(_Keyworded):
    """``SERVER host hostid [port] [PRIMARY_IS_MASTER] [HEARTBEAT_INTERVAL=s] [PLAT=n]``."""

    host: str = ""
    hostid: Optional[HostId] = None
    port: Optional[int] = None
    port_text: Optional[str] = None
    kind = kinds.SERVER


@dataclass(frozen=True)
class Vendor(_Keyworded):
    """``VENDOR`` (or ``DAEMON``) ``name [path] [[OPTIONS=]options] [[PORT=]port]``."""

    name: str = ""
    path: Optional[str] = None
    options: Optional[str] = None
    port: Optional[int] = None
    path_quoted: bool = field(default=False, compare=False)
    options_positional: bool = field(default=False, compare=False)
    port_positional: bool = field(default=False, compare=False)
    kind = kinds.VENDOR


@dataclass(frozen=True)
class UseServer(_Keyworded):
    kind = kinds.USE_SERVER


@dataclass(frozen=True)
class Feature(_Keyworded):
    """FEATURE, INCREMENT or UPGRADE: ``name vendor [from_version] version expiry count [key]``
    then attributes; a v2-style line may end with a quoted vendor string and a hostid."""

    name: str = ""
    vendor: str = ""
    version: Optional[Version] = None
    expiry: Optional[Expiry] = None
    count: Optional[Count] = None
    from_version: Optional[Version] = None
    license_key: Optional[str] = None
    vendor_string_v2: Optional[str] = None
    hostid_v2: Optional[str] = None
    #: the daemons of a braced AUTH= value, in order (read from the AUTH attribute)
    auth: Tuple[AuthEntry, ...] = field(default=(), compare=False)

    @property
    def kind(self) -> str:  # type: ignore[override]
        return self.keyword

    @property
    def hostids(self) -> Tuple[HostId, ...]:
        """The node-lock hostids: ``HOSTID=`` (a list when quoted) or the v2 positional one."""
        text = self.get("HOSTID")
        if text is None:
            text = self.hostid_v2
        return parse_hostids(text) if text else ()

    @property
    def signatures(self) -> Tuple[Signature, ...]:
        from .grammar_data import spec

        sig = spec().signature_keywords
        out = [Signature(a.key, a.value or "") for a in self.attributes if a.name in sig]
        if self.license_key:
            out.insert(0, Signature("KEY", self.license_key))
        return tuple(out)

    @property
    def vendor_string(self) -> Optional[str]:
        v = self.get("VENDOR_STRING")
        return v if v is not None else self.vendor_string_v2


@dataclass(frozen=True)
class Package(_Keyworded):
    """``PACKAGE name vendor [version] [key] COMPONENTS="f[:ver[:count]] ..." [OPTIONS=SUITE]``."""

    name: str = ""
    vendor: str = ""
    version: Optional[Version] = None
    license_key: Optional[str] = None
    components: Tuple[Component, ...] = ()
    #: the daemons of a braced AUTH= value, in order (read from the AUTH attribute)
    auth: Tuple[AuthEntry, ...] = field(default=(), compare=False)
    kind = kinds.PACKAGE

    @property
    def signatures(self) -> Tuple[Signature, ...]:
        return Feature.signatures.fget(self)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class FeatureSet(_Keyworded):
    """Obsolete ``FEATURESET vendor key``."""

    vendor: str = ""
    key: str = ""
    kind = kinds.FEATURESET


@dataclass(frozen=True)
class Decimal_(Record):
    """A decimal-format license (``sampled-f1-00737-55296-1825``): opaque without vendor keys."""

    text: str = ""
    kind = "DECIMAL"

    @property
    def vendor(self) -> str:
        return self.text.split("-", 1)[0]


@dataclass(frozen=True)
class Opaque(Record):
    """A line whose first word is not a FlexNet keyword; kept exactly as written."""

    text: str = ""
    kind = "OPAQUE"


@dataclass(frozen=True)
class Unparsed(Record):
    """A record the grammar rejected; ``diagnostic`` says where and what was expected."""

    text: str = ""
    keyword: str = ""
    diagnostic: Optional[Diagnostic] = field(default=None, compare=False)
    kind = "UNPARSED"


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
        from .grammar_data import spec

        licensed = spec().licensed_keywords
        return tuple(r for r in self.records if r.kind in licensed)
